"""Undo commands. Each calls an operation; the operation returns what undo needs."""

from PySide6.QtGui import QUndoCommand

from ..services.project import OpenProject
from ..store import ProjectFileError
from . import dialogs


class ProjectCommand(QUndoCommand):
    """An edit. If saving fails, the user is told and the command leaves the undo stack
    (nothing was changed, so there is nothing to undo)."""

    def do(self) -> None:
        raise NotImplementedError

    def undo_it(self) -> None:
        raise NotImplementedError

    def _guard(self, step) -> None:
        try:
            step()
        except (ProjectFileError, ValueError) as exc:
            self.setObsolete(True)
            dialogs.error(None, str(exc), "The change was not saved")

    def redo(self) -> None:
        self._guard(self.do)

    def undo(self) -> None:
        self._guard(self.undo_it)

DETAIL_NAMES = {"title": "title", "local_area": "local area", "marking": "marking",
                "notes": "notes"}


class EditDetails(ProjectCommand):
    """Change one or more project details (title, local area, marking, notes)."""

    def __init__(self, project: OpenProject, changes: dict[str, str]):
        names = " and ".join(DETAIL_NAMES[k] for k in changes)
        super().__init__(f"Change {names}")
        self._project = project
        self._new = changes
        self._old: dict[str, str] = {}

    def do(self) -> None:
        self._old = self._project.update_details(**self._new)

    def undo_it(self) -> None:
        self._project.update_details(**self._old)
