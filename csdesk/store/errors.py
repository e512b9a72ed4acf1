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


class EditRefusedError(ProjectFileError):
    """An edit broke one of the project file's rules (a CHECK, UNIQUE or link); nothing of it
    was saved. The message is about that edit, not about the file."""


class TransientError(ProjectFileError):
    """Nothing was saved, for a reason that may pass (a busy file, a full disk, a drive that
    dropped out): the same edit can be tried again."""


class FileBusyError(TransientError):
    """Another program held the file when an edit began; nothing was saved; try again."""


# What a rule that SQLite enforces means to someone editing (by constraint or table.column).
RULES = {
    "one_project_row": "a project file holds exactly one project",
    "not_applicable_needs_reason": "a rating marked not applicable needs a reason",
    "one_rated_item": "a rating is of one stage or one system-wide area",
    "no_self_link": "a stage cannot lead to itself",
    "child_has_no_context_type": "a child journey has no context type",
    "agency.name": "there is already an agency with that name",
    "domain.key": "there is already a domain with that key",
    "sector.name": "there is already a sector with that name",
}


def _rule(message: str) -> str:
    detail = message.split(":", 1)[-1].strip()
    if message.startswith("UNIQUE"):
        return RULES.get(detail, f"it would repeat something that must be unique ({detail})")
    if message.startswith("CHECK"):
        return RULES.get(detail, f"it breaks the rule {detail}")
    if message.startswith("NOT NULL"):
        return f"{detail.split('.')[-1].replace('_', ' ')} cannot be left out"
    if message.startswith("FOREIGN KEY"):
        return "it refers to something that no longer exists"
    return message


def explain(exc: BaseException, name: str) -> ProjectFileError:
    """Sort an SQLite failure into a message the user can act on. `exc` is an sqlite3 error
    (or a wrapper with .orig); `name` is the project file's name."""
    orig = getattr(exc, "orig", None) or exc
    message = str(orig).splitlines()[0] if str(orig) else type(orig).__name__
    code = getattr(orig, "sqlite_errorname", "")
    if code.startswith("SQLITE_CONSTRAINT") or type(orig).__name__ == "IntegrityError":
        return EditRefusedError(f"That change was not saved: {_rule(message)}.")
    if code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in message:
        return FileBusyError(f"{name} is busy (another program is using it), so the change "
                             "was not saved. Try again in a moment.")
    if code.startswith("SQLITE_FULL") or "full" in message:
        return TransientError(f"The disk holding {name} is full, so the change was not "
                                "saved. Free some space and try again.")
    if code.startswith("SQLITE_READONLY") or "readonly" in message:
        return ProjectFileError(f"{name} cannot be changed any more (the file or its drive "
                                "has become read-only), so the change was not saved.")
    if code.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return DamagedFileError(f"{name} is damaged ({message}); the change was not saved. "
                                "Close it and open a backup copy.")
    return TransientError(
        f"{name} could not be read or saved ({message}). If it is on a network or synced "
        "drive, check the drive is still there.")
