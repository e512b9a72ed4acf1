"""Refresh what is in sight: a screen of another section waits until it is shown.

Opening a project, or an edit's change notice, would otherwise have every screen reload at
once, on screen or not: the wait grows with the project and with every screen added. A
screen using this marks itself stale instead, while the window is up and the screen is not,
and reloads whole when it comes into sight. With the window not shown at all (a screen on
its own, in a test), it refreshes at once, as before.

    class OverviewScreen(RefreshInSight, ScrollingScreen):
        @when_in_sight
        def refresh(self, changes=None): ...
"""

from functools import wraps


def when_in_sight(refresh):
    """A screen's refresh(changes=None), skipped while out of sight; the first refresh after
    one was skipped is a whole one (changes=None)."""

    @wraps(refresh)
    def in_sight(self, changes=None):
        if self.window().isVisible() and not self.isVisible():
            self._stale = True
            return None
        if self._stale:
            self._stale, changes = False, None
        return refresh(self, changes)
    return in_sight


class RefreshInSight:
    """Mix into a screen (before its Qt class) whose refresh is @when_in_sight."""

    _stale = False

    def catch_up(self) -> None:
        """Refresh now, in sight or not, if a refresh was skipped: before acting on what the
        screen holds (e.g. opening one of its stages from another screen)."""
        if self._stale:
            self._stale = False
            type(self).refresh.__wrapped__(self, None)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()
