"""Keeping the user's work safe when something goes wrong around the app, installed once at
start-up by install(app, window):

- an unexpected error (on any thread) shows a dialog whose details can be copied, and is
  written to the rolling log; the app carries on;
- SIGTERM (a kill from a task manager or a shutdown script), the end of a desktop session
  (log-off, shutdown) and every quit close the open project, which saves a half-typed
  field and releases the lock, so colleagues are not told it is still open;
- after a csdesk that stopped without closing its project, the next start says so and
  offers to open it, which checks it in full first."""

import logging
import signal
import socket
import sys
import threading
import traceback

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal, Slot

from .. import logs
from ..paths import log_dir
from ..store import unclean
from . import dialogs

log = logging.getLogger(__name__)


class _Reporter(QObject):
    """Shows error reports on the GUI thread, one at a time."""

    report = Signal(str, str)

    def __init__(self, app, window):
        super().__init__(app)
        self._window = window
        self._showing = False
        self.report.connect(self._show)  # queued when emitted from another thread

    @Slot(str, str)
    def _show(self, summary: str, details: str) -> None:
        if self._showing:  # an error while the report is up (a repaint failing again)
            return
        self._showing = True
        try:
            dialogs.crash_report(self._window, summary, details)
        finally:
            self._showing = False

    def hook(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        log.critical("unexpected error\n%s", details)
        first = str(exc).splitlines()[0] if str(exc) else ""
        summary = (f"csdesk hit an unexpected problem ({exc_type.__name__}"
                   f"{': ' + first if first else ''}).\n\nEvery change you had made is "
                   "already saved. If it happens again, copy the details and send them to "
                   f"whoever supports csdesk. They are also in the log in {log_dir()}.")
        self.report.emit(summary, details)


def install(app, window) -> None:
    logs.setup()
    reporter = _Reporter(app, window)
    sys.excepthook = reporter.hook
    threading.excepthook = lambda a: reporter.hook(a.exc_type, a.exc_value, a.exc_traceback)
    app.aboutToQuit.connect(lambda: close_projects(app))
    app.commitDataRequest.connect(lambda _manager: close_projects(app))
    _quit_on_sigterm(app)
    QTimer.singleShot(0, window, lambda: report_left_open(window))


def close_projects(app) -> None:
    """Close every window's project: a half-typed field is saved and the lock released."""
    for widget in app.topLevelWidgets():
        if hasattr(widget, "close_project"):
            widget.close_project()


def _quit_on_sigterm(app) -> None:
    """Qt's event loop runs in C++, so Python only sees a signal when Qt wakes it: the
    signal writes a byte to a socket Qt watches."""
    if sys.platform == "win32":
        return
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)
    notifier.activated.connect(lambda: reader.recv(64))

    def quit_cleanly() -> None:
        log.info("SIGTERM: closing the project and quitting")
        app.closeAllWindows()  # each window saves and closes its project
        app.quit()
        # A question shown before app.exec() began (opening the file named on the command
        # line) runs its own loop, which that quit ends; this one ends the main loop once
        # it starts. (If the main loop was running, it never fires.)
        QTimer.singleShot(0, app, app.quit)

    # Deferred to the event loop: a signal that comes before app.exec() has begun would
    # otherwise quit a loop that is not running yet, and be lost.
    signal.signal(signal.SIGTERM, lambda *_: QTimer.singleShot(0, app, quit_cleanly))
    app._csdesk_sigterm = (reader, writer, notifier)  # kept alive with the app


def report_left_open(window) -> None:
    """Say which projects a csdesk that stopped unexpectedly left open, once, and offer to
    open (and so fully check) the first."""
    left = unclean.not_yet_reported()
    if not left:
        return
    entry = left[0]
    for other in left:
        unclean.mark_reported(other)
    log.warning("found %s left open by a csdesk that stopped (pid %s)", entry.project, entry.pid)
    since = entry.since.replace("T", " ")[:16]
    if dialogs.confirm(
            window, f"csdesk stopped unexpectedly last time, while {entry.project.name} was "
            f"open (opened {since}). Every change that was shown as saved is in the file. "
            "It will be checked in full when it is next opened.\n\nOpen it and check it now?",
            "csdesk stopped unexpectedly", "&Open and Check"):
        window.open_path(entry.project)
