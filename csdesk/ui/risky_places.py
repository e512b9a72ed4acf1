"""A project on a network drive or in a synced folder: warn once it is open for editing,
offer a local copy to work on, and copy that back (File > Copy Back to Original)."""

from pathlib import Path

from ..store import ProjectFileError, local_copy, places
from . import dialogs


def offer_local_copy(parent, project) -> Path | None:
    """If the project just opened for editing is somewhere risky, say so and offer a local
    copy. Returns the local copy to open instead, or None to carry on where it is."""
    if project.readonly or local_copy.origin_of(project.path) is not None:
        return None
    where = places.risk(project.path)
    if where is None:
        return None
    name = project.path.name
    if not dialogs.confirm(
            parent, f"{name} is {where}. If the connection drops, or the sync tool copies the "
            "file while it is being changed, work can be lost or the file damaged.\n\n"
            "You can work on a copy on this computer instead, and copy it back when you are "
            "done (File > Copy Back to Original). Nobody else should edit the original "
            "meanwhile: copying back is refused if it has changed.",
            "Project in a risky place", "Work on a &Local Copy"):
        return None
    try:
        return local_copy.make(project.path)
    except ProjectFileError as exc:
        dialogs.error(parent, str(exc), "Cannot make a local copy")
        return None


def describe(project) -> str:
    """' [local copy of NAME]' for the title bar, or ''."""
    origin = local_copy.origin_of(project.path)
    return f" [local copy of {origin.original.name}]" if origin else ""


def copy_back(parent, project, ask: bool = True) -> bool:
    """Write the open local copy over its original, after asking. True if done."""
    origin = local_copy.origin_of(project.path)
    if origin is None:
        return False
    if ask and not dialogs.confirm(
            parent, f"Replace {origin.original.name} in {origin.original.parent} with your "
            "local copy?", "Copy back to original", "Copy &Back"):
        return False
    try:
        local_copy.copy_back(project.path)
    except ProjectFileError as exc:
        dialogs.error(parent, str(exc), "Cannot copy back")
        return False
    parent.statusBar().showMessage(f"Copied back to {origin.original}", 8000)
    return True


def before_close(parent, project) -> None:
    """Closing a local copy with work not yet copied back: offer to copy it back now."""
    if project.readonly or not local_copy.has_unsent_changes(project.path):
        return
    origin = local_copy.origin_of(project.path)
    if dialogs.confirm(
            parent, f"Your local copy has changes not yet copied back to "
            f"{origin.original.name}. Copy them back now? If you do not, they stay in the "
            "local copy, which opens again next time you choose to work locally.",
            "Copy back to original", "Copy &Back"):
        copy_back(parent, project, ask=False)
