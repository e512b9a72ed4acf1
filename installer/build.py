"""Build csdesk's one-folder program on this platform with PyInstaller (installer/csdesk.spec).

    pip install -c requirements.lock -e ".[build]"
    python installer/build.py                 # -> dist/csdesk/ (and dist/csdesk.app on macOS)
    python installer/build.py --check         # then run installer/smoke_test.py on it

Prints the folder's size and file count. Exit code 0 when the build (and the check) passed.
Standard library only; runs on Windows, Linux and macOS."""

import argparse
import fnmatch
import importlib.util
import subprocess
import sys
import tomllib
from pathlib import Path

INSTALLER_DIR = Path(__file__).resolve().parent
REPO_DIR = INSTALLER_DIR.parent
SPEC = INSTALLER_DIR / "csdesk.spec"


def resource_files(repo: Path = REPO_DIR) -> list[str]:
    """The files under resources/ that ship as csdesk.resources, as paths relative to it: the
    ones pyproject.toml's package-data names, so a frozen csdesk carries what a wheel does."""
    pyproject = tomllib.loads((repo / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["csdesk.resources"]
    folder = repo / "resources"
    relative = (p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    return sorted(r for r in relative if any(fnmatch.fnmatch(r, p) for p in patterns))


def folder_size(folder: Path) -> tuple[int, int]:
    """Bytes and number of files under folder (symlinks not followed)."""
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def build(dist: Path, work: Path) -> Path:
    """Run PyInstaller on the spec; return the built folder, dist/csdesk."""
    if importlib.util.find_spec("PyInstaller") is None:
        raise SystemExit(
            f"PyInstaller is not installed in {sys.executable}. From {REPO_DIR} run\n"
            '    pip install -c requirements.lock -e ".[build]"\nand build again.'
        )
    command = [sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm", "--clean",
               "--log-level", "WARN", "--distpath", str(dist), "--workpath", str(work)]
    print("$", " ".join(command), flush=True)
    subprocess.run(command, check=True, cwd=REPO_DIR)
    return dist / "csdesk"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=REPO_DIR / "dist",
                        help="where the program folder goes (default: dist/)")
    parser.add_argument("--work", type=Path, default=REPO_DIR / "build",
                        help="PyInstaller's working files (default: build/)")
    parser.add_argument("--check", action="store_true",
                        help="run installer/smoke_test.py on the result")
    args = parser.parse_args()
    try:
        folder = build(args.dist.resolve(), args.work.resolve())
    except subprocess.CalledProcessError as exc:
        print(f"PyInstaller failed (exit {exc.returncode}); see its messages above.",
              file=sys.stderr)
        return 1
    size, count = folder_size(folder)
    print(f"built {folder}: {size / 1e6:.0f} MB in {count} files")
    if args.check:
        return subprocess.run([sys.executable, str(INSTALLER_DIR / "smoke_test.py"),
                               str(folder)], check=False).returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
