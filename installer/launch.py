"""Entry script that PyInstaller freezes into both executables (see csdesk.spec).

csdesk.exe (windowed) and csdesk-cli.exe (console) run this same script; only the
Windows subsystem of the executable differs. It imports the *installed* csdesk package,
so build after `pip install .` from the repository root."""

import sys

from csdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
