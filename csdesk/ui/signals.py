"""Carries the operation layer's change notices into Qt, so views refresh themselves."""

from PySide6.QtCore import QObject, Signal

from ..services.project import OpenProject


class ProjectSignals(QObject):
    changed = Signal(object)  # a store.changes.ChangeSet: which rows of which tables changed

    def __init__(self, project: OpenProject, parent=None):
        super().__init__(parent)
        self._unsubscribe = project.subscribe(self.changed.emit)

    def detach(self) -> None:
        self._unsubscribe()
