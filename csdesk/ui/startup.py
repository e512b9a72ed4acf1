"""Starting the GUI: paint first, then load.

The first frame needs only Qt: a window with the title, the sidebar's sections and
"Loading…", where the main window will be. Only once it is on screen are the heavy parts
imported (SQLModel and SQLAlchemy for the project, the Overview), the main window built and
the project opened; then the main window takes the shell's place. Every other screen, and
reportlab, wait for their first use. On an old laptop with a virus scanner reading every
file, that import is most of the start."""

import gc
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QSplitter, QWidget

from . import pyside_sources

pyside_sources.install()  # before the heavy imports: see pyside_sources.py

from ..settings import Settings  # noqa: E402
from .sidebar import Sidebar  # noqa: E402

# Told of each milestone, with the window concerned: "painted" (the shell's first frame) and
# "ready" (the main window's first frame with the project open). The benchmark listens here.
observer: Callable[[str, QWidget], None] | None = None

FALLBACK_MS = 500  # load anyway if no paint arrives (a window started minimised never paints)


class _PaintWatch(QObject):
    """Calls `then` once, just after `widget` has finished its first paint."""

    def __init__(self, widget: QWidget, then: Callable[[], None]):
        super().__init__(widget)
        self._then: Callable[[], None] | None = then
        widget.installEventFilter(self)
        QTimer.singleShot(FALLBACK_MS, self._fire)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint and self._then is not None:
            QTimer.singleShot(0, self._fire)  # after this paint, not before it
        return False

    def _fire(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            self.parent().removeEventFilter(self)
            then()


def when_painted(widget: QWidget, then: Callable[[], None]) -> None:
    _PaintWatch(widget, then)


def collector_back() -> None:
    """Python's cycle collector runs again (cli.main turns it off while csdesk loads, so its
    passes do not walk the libraries being imported; a small saving, within the noise of the
    benchmark). What was loaded lives as long as the window: frozen, later full passes skip
    it (measured: 20-50 ms a pass before, 0.2 ms after) rather than pause someone typing."""
    gc.freeze()
    gc.enable()


def _tell(milestone: str, window: QWidget) -> None:
    if observer is not None:
        observer(milestone, window)


class Shell(QMainWindow):
    """What is on screen while csdesk loads: the title, the sections, "Loading…", at the
    place and size the main window will have."""

    def __init__(self, settings: Settings, path: Path | None):
        super().__init__()
        name = Path(path).name if path else ""
        self.setWindowTitle(f"{name} – csdesk" if name else "csdesk")
        sidebar = Sidebar()
        sidebar.setEnabled(False)
        loading = QLabel(f"Loading {name}…" if name else "Loading…")
        loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        loading.setAccessibleName(loading.text())
        split = QSplitter()
        split.addWidget(sidebar)
        split.addWidget(loading)
        split.setStretchFactor(1, 1)
        em = self.fontMetrics().horizontalAdvance("M")
        split.setSizes([em * 16, em * 60])
        self.setCentralWidget(split)
        self.menuBar().addMenu("&File").setEnabled(False)  # the menu bar's height, as later
        saved = settings.get("geometry")
        if not (saved and self.restoreGeometry(QByteArray.fromBase64(saved.encode()))):
            area = QGuiApplication.primaryScreen().availableGeometry()
            self.resize(int(area.width() * 0.85), int(area.height() * 0.85))
            self.move(area.center() - self.rect().center())


class Startup:
    """Shows the shell now; builds the main window and opens the project once it is painted."""

    def __init__(self, path: Path | None = None, demo: bool = False):
        self.path, self.demo = path, demo
        self.settings = Settings()
        self.window = None
        self.shell = Shell(self.settings, None if demo else path)
        self.shell.show()
        when_painted(self.shell, self._painted)

    def _painted(self) -> None:
        _tell("painted", self.shell)
        self.shell.repaint()  # keep "Loading…" whole on screen while the import blocks
        try:
            self._load()
        except BaseException:
            collector_back()
            self.shell.close()  # never "Loading…" for ever: with no window left, the app ends
            raise

    def _load(self) -> None:
        from .main_window import MainWindow

        window = self.window = MainWindow(self.settings)
        from . import crash

        crash.install(QApplication.instance(), window)  # error reports, log, SIGTERM, log-off
        window.show()
        window.raise_()
        window.activateWindow()  # keyboard focus at once, so shortcuts work without a click
        self.shell.close()
        self.shell.deleteLater()
        if self.demo:
            window.open_demo()
        elif self.path is not None:
            window.open_path(self.path)
        when_painted(window, lambda: (collector_back(), _tell("ready", window)))
