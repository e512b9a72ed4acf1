"""Start the GUI."""

import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from .. import APP_NAME, __version__
from ..resource_path import resource


def make_app() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_NAME)
    icon = resource("icons", "csdesk.svg")
    app.setWindowIcon(QIcon(str(icon)))
    return app


def run(path: Path | None = None, demo: bool = False) -> int:
    app = make_app()
    from .main_window import MainWindow

    window = MainWindow()
    from . import crash

    crash.install(app, window)  # error reports, the log, SIGTERM and log-off close the project
    window.show()
    window.raise_()
    window.activateWindow()  # keyboard focus at once, so shortcuts work without a click
    if demo:
        window.open_demo()
    elif path is not None:
        window.open_path(path)
    return app.exec()
