"""Errors a user can act on. Each carries one plain sentence for them."""


class ProjectFileError(Exception):
    """A project file could not be used. str(error) is the message to show."""


class NotAProjectError(ProjectFileError):
    """Missing, empty, not SQLite, or another application's SQLite file."""


class DamagedFileError(ProjectFileError):
    """Truncated or failing SQLite's checks."""


class NewerFileError(ProjectFileError):
    """Written by a newer csdesk than this one."""


class ProjectLockedError(ProjectFileError):
    """Someone else has the project open for editing."""

    def __init__(self, message: str, holder):
        super().__init__(message)
        self.holder = holder


class ReadOnlyError(ProjectFileError):
    """An edit was asked of a project opened read-only."""
