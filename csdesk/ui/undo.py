"""Undo commands. Each calls an operation; the operation returns what undo needs."""

from PySide6.QtGui import QUndoCommand

from ..services.project import OpenProject

DETAIL_NAMES = {"title": "title", "local_area": "local area", "marking": "marking",
                "notes": "notes"}


class EditDetails(QUndoCommand):
    """Change one or more project details (title, local area, marking, notes)."""

    def __init__(self, project: OpenProject, changes: dict[str, str]):
        names = " and ".join(DETAIL_NAMES[k] for k in changes)
        super().__init__(f"Change {names}")
        self._project = project
        self._new = changes
        self._old: dict[str, str] = {}

    def redo(self) -> None:
        self._old = self._project.update_details(**self._new)

    def undo(self) -> None:
        self._project.update_details(**self._old)
