"""The undo history of an open project: the change sets of its edits, in order.

Every committed write lands here by itself (OpenProject.write records it), so no edit can
forget to be undoable. Undo and redo replay a change set in a transaction of their own; the
position moves only once that transaction has committed, so a failed undo leaves the history
and the file as they were, ready to try again. No Qt: the Edit menu reads this."""

from collections.abc import Callable

from ..store.changes import ChangeSet

LIMIT = 1000  # edits kept; a workshop day is a few hundred


class History:
    def __init__(self, limit: int = LIMIT):
        self._done: list[ChangeSet] = []
        self._undone: list[ChangeSet] = []  # most recently undone last
        self._limit = limit
        self._listeners: list[Callable[[], None]] = []

    def subscribe(self, listener: Callable[[], None]) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def _changed(self) -> None:
        for listener in list(self._listeners):
            listener()

    def record(self, changes: ChangeSet) -> None:
        """A new edit: it can be undone, and what was undone before can no longer be redone."""
        self._done.append(changes)
        del self._done[:-self._limit]
        self._undone.clear()
        self._changed()

    def __len__(self) -> int:
        """How many steps can be undone."""
        return len(self._done)

    @property
    def undo_label(self) -> str | None:
        return self._done[-1].label if self._done else None

    @property
    def redo_label(self) -> str | None:
        return self._undone[-1].label if self._undone else None

    def next_undo(self) -> ChangeSet | None:
        return self._done[-1] if self._done else None

    def next_redo(self) -> ChangeSet | None:
        return self._undone[-1] if self._undone else None

    def undone(self) -> None:
        """The last edit's undo has committed."""
        self._undone.append(self._done.pop())
        self._changed()

    def redone(self) -> None:
        """The last undone edit's redo has committed."""
        self._done.append(self._undone.pop())
        self._changed()

    def discard(self, undo: bool) -> None:
        """Drop the next undo (or redo) step: it can no longer be replayed."""
        (self._done if undo else self._undone).pop()
        self._changed()

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()
        self._changed()
