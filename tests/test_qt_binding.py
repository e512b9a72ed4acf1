"""The Qt binding itself must be sound: PySide6-Essentials 6.12.0 drops a reference to
True/None on every signal emitted from Python under Python 3.11, and csdesk then aborts
("deallocating True") after a few thousand edits. requirements.lock pins a good release."""

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    changed = Signal(object)


def test_emitting_signals_keeps_reference_counts():
    emitter = _Emitter()
    emitter.changed.connect(lambda _: None)
    before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(300):  # few enough not to crash a bad binding, enough to see it
        emitter.changed.emit(1)
    after = sys.getrefcount(True), sys.getrefcount(None)
    assert after[0] >= before[0] - 10 and after[1] >= before[1] - 10
