"""One measurement in a fresh process; bench/run.py starts it and reads one JSON line.

Times are time.perf_counter() readings (the system's monotonic clock, shared with the parent,
which reads it just before starting this process), so "from process start" includes the
interpreter starting and every import.

    probe.py gui FILE           csdesk itself, started as the console script does
    probe.py floor-window       a bare PySide6 window: the floor for first paint and memory
    probe.py floor-stack FILE   a bare window + import sqlmodel + every row read with sqlite3
    probe.py floor-export PAGES OUT   import sqlmodel + a bare reportlab document of PAGES pages
    probe.py floor-text LINES OUT   import sqlmodel + the report's own text lines (LINES, a JSON
                                list of pages) written in a built-in font (nothing to embed), no
                                layout: what the text alone costs with reportlab
    probe.py commit FILE        single edits' commits to disk, one at a time
    probe.py text-lines PDF OUT  the text of each page of PDF, as lines (JSON), for floor-text:
                                in its own process, as it takes memory, and a child process
                                reports its parent's peak memory as its own (Linux)
"""

import json
import sys
import time


def emit(**result) -> None:
    print("PROBE " + json.dumps(result), flush=True)


def peak_rss_mb() -> float:
    """This process's peak resident memory. On Linux from VmHWM, which starts afresh with
    the program: getrusage's ru_maxrss carries the parent's peak over into a child, so a
    parent that had read a big PDF made every probe look as big (measured)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # Windows: no getrusage
        return float("nan")
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


# ----- floors ---------------------------------------------------------------------------------


def when_painted(widget, then) -> None:
    """then() just after widget's first paint (as csdesk.ui.startup does, without csdesk)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class Watch(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and widget.property("watched") is None:
                widget.setProperty("watched", True)
                widget.removeEventFilter(self)
                QTimer.singleShot(0, then)
            return False
    watch = Watch(widget)
    widget.installEventFilter(watch)


def _bare_window(then) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    label = QLabel("Loading…")
    window.setCentralWidget(label)
    window.resize(1200, 800)
    window.show()
    when_painted(window, lambda: then(app, window, label))
    QTimer.singleShot(60_000, app.quit)
    return app.exec()


def floor_window() -> int:
    def painted(app, window, label):
        emit(painted=time.perf_counter(), rss_mb=peak_rss_mb())
        app.quit()
    return _bare_window(painted)


def floor_stack(path: str) -> int:
    def painted(app, window, label):
        t_paint = time.perf_counter()
        import sqlite3

        import sqlmodel  # noqa: F401  the floor pays this import, as csdesk must

        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        rows = sum(len(db.execute(f'SELECT * FROM "{t}"').fetchall()) for t in tables)
        db.close()
        label.setText(f"{rows} rows")

        def ready():
            emit(painted=t_paint, ready=time.perf_counter(), rows=rows, rss_mb=peak_rss_mb())
            app.quit()
        window.setProperty("watched", None)
        when_painted(window, ready)
        window.update()
    return _bare_window(painted)


def floor_export(pages: str, out: str) -> int:
    import sqlmodel  # noqa: F401
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(out, pagesize=A4)
    for n in range(int(pages)):
        canvas.setFont("Helvetica", 11)
        canvas.drawString(72, 770, f"Page {n + 1}")
        canvas.showPage()
    canvas.save()
    return 0


def text_lines(pdf: str, out: str) -> int:
    from pypdf import PdfReader  # a test dependency: the benchmark runs with them

    pages = [page.extract_text().splitlines() for page in PdfReader(pdf).pages]
    with open(out, "w", encoding="utf-8") as f:
        json.dump(pages, f)
    return 0


def floor_text(lines: str, out: str) -> int:
    import sqlmodel  # noqa: F401
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    with open(lines, encoding="utf-8") as f:
        pages = json.load(f)
    canvas = Canvas(out, pagesize=A4)
    for page in pages:
        # One text object a page, the cheapest way reportlab writes text (drawString per
        # line is dearer); a built-in font, where csdesk embeds DejaVu for every script.
        text = canvas.beginText(40, 800)
        text.setFont("Helvetica", 9, 12)
        for line in page:
            text.textLine(line)
        canvas.drawText(text)
        canvas.showPage()
    canvas.save()
    return 0


# ----- csdesk ---------------------------------------------------------------------------------


def _p50_p95(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return times[len(times) // 2], times[int(len(times) * 0.95)]


def commit(path: str, edits: int = 60) -> int:
    """A stage's field changed `edits` times through csdesk, then as many bare sqlite3
    UPDATEs with csdesk's pragmas (the floor), on a copy of the project."""
    import shutil
    import sqlite3
    import tempfile
    from pathlib import Path

    from sqlmodel import select

    from csdesk.models import Stage
    from csdesk.services import journeys
    from csdesk.services.project import OpenProject

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "commit.csdesk"
        shutil.copyfile(path, copy)
        project = OpenProject.open(copy)
        try:
            with project.read() as s:
                stage_id = s.exec(select(Stage.id)).first()
            times = []
            for n in range(edits):
                t = time.perf_counter()
                journeys.update_stage(project, stage_id, gaps=f"Gap noted in edit {n}.")
                times.append((time.perf_counter() - t) * 1000)
        finally:
            project.close()
        db = sqlite3.connect(copy, isolation_level=None)
        db.execute("PRAGMA journal_mode=DELETE")
        db.execute("PRAGMA synchronous=FULL")
        floor = []
        for n in range(edits):
            t = time.perf_counter()
            db.execute("BEGIN IMMEDIATE")
            db.execute("UPDATE stage SET gaps = ? WHERE id = ?", (f"Floor edit {n}.", stage_id))
            db.execute("COMMIT")
            floor.append((time.perf_counter() - t) * 1000)
        db.close()
    p50, p95 = _p50_p95(times)
    emit(commit_p50_ms=p50, commit_p95_ms=p95, floor_commit_p95_ms=_p50_p95(floor)[1])
    return 0


class Heartbeat:
    """A 5 ms timer; the longest gap between its ticks is how long the loop was blocked."""

    def __init__(self):
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.last = time.perf_counter()
        self.max_gap = 0.0
        self.timer.start()

    def _tick(self):
        now = time.perf_counter()
        self.max_gap = max(self.max_gap, now - self.last)
        self.last = now

    def stop(self) -> float:
        self.timer.stop()
        return self.max_gap * 1000


def _steps(steps, interval_ms, done):
    """Run each step from the event loop, `interval_ms` apart, then done()."""
    from PySide6.QtCore import QTimer

    steps = list(steps)

    def next_step():
        if steps:
            steps.pop(0)()
            QTimer.singleShot(interval_ms, next_step)
        else:
            QTimer.singleShot(300, done)  # let what the last step started finish
    QTimer.singleShot(interval_ms, next_step)


def _switch(window, key, tab=None) -> float:
    """Go to a section (and a tab of it), until the window is repainted whole: ms."""
    from PySide6.QtWidgets import QApplication

    t = time.perf_counter()
    window.show_section(key)
    if tab is not None:
        tabs = window.journey_screens[key].editor.tabs
        tabs.setCurrentIndex(next(i for i in range(tabs.count())
                                  if tabs.tabText(i).replace("&", "") == tab))
    QApplication.processEvents()
    window.repaint()
    return (time.perf_counter() - t) * 1000


def gui(path: str) -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractScrollArea, QApplication

    import csdesk.ui.startup as startup

    result = {}

    def observe(milestone, window):
        result[milestone] = time.perf_counter()
        if milestone == "ready":
            result["ready_rss_mb"] = peak_rss_mb()
            interact(window)

    def interact(window):
        from PySide6.QtTest import QTest

        result["switch_heatmap_ms"] = _switch(window, "system_review")  # built on this visit
        result["heatmap_screen"] = type(window.screens.currentWidget()).__name__
        result["switch_map_ms"] = _switch(window, "child_journey", "Map")
        _switch(window, "child_journey", "Stages")
        editor = window.journey_screens["child_journey"].editor
        field = editor.fields["what_happens"].widget
        field.setFocus()
        beat = Heartbeat()
        typing = [lambda c=c: QTest.keyClick(field, c) for c in "a new sentence typed here " * 4]
        typing.append(lambda: QTest.keyClick(field, Qt.Key.Key_Tab))  # leave: commit, notices

        def typed():
            result["typing_block_ms"] = beat.stop()
            scroll()
        _steps(typing, 30, typed)

        def scroll():
            window.show_section("system_review")
            QApplication.processEvents()
            screen = window.screens.currentWidget()
            areas = [screen] if isinstance(screen, QAbstractScrollArea) else []
            areas += screen.findChildren(QAbstractScrollArea)
            bar = max((a.verticalScrollBar() for a in areas), key=lambda b: b.maximum(),
                      default=None)
            result["heatmap_scroll_range"] = bar.maximum() if bar else 0
            beat2 = Heartbeat()

            def scrolled():
                result["scroll_block_ms"] = beat2.stop()
                result["rss_mb"] = peak_rss_mb()
                emit(**result)
                window.close()
            step = bar.triggerAction if bar else (lambda _: None)
            action = bar.SliderAction.SliderSingleStepAdd if bar else None
            _steps([lambda: step(action)] * 60, 16, scrolled)

    startup.observer = observe
    from csdesk.cli import main  # as the console script does
    return main([path])


def main(argv) -> int:
    mode, *args = argv
    return {"gui": gui, "floor-window": floor_window, "floor-stack": floor_stack,
            "floor-export": floor_export, "floor-text": floor_text, "text-lines": text_lines,
            "commit": commit}[mode](*args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
