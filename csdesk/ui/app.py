"""Start the GUI."""

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from .. import APP_NAME, __version__
from .icons import app_icon


def make_app() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_NAME)
    app.setWindowIcon(app_icon())
    return app


def run(path: Path | None = None, demo: bool = False) -> int:
    app = make_app()
    from .startup import Startup

    startup = Startup(path, demo)  # paints a first frame, then loads and opens the project
    code = app.exec()
    startup.window = None
    return code
