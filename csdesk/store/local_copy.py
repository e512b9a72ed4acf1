"""Working on a local copy of a project that lives somewhere risky (a network drive, a
synced folder), and copying it back when done.

The copy lives in the per-user data folder with a note of where it came from and what the
original was when copied. Copying back replaces the original in one step (under its lock),
and is refused if the original has changed since: then neither version is lost."""

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from ..atomic import write_atomically
from ..paths import data_dir
from . import lock
from .backup import copy_project
from .backups import change_counter
from .errors import ProjectFileError, ProjectLockedError


@dataclass(frozen=True)
class Origin:
    original: Path
    digest: str  # sha256 of the original when copied (or last copied back)
    copied_change: int  # the local copy's change counter then: unchanged since if equal


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with Path(path).open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _folder(original: Path) -> Path:
    key = hashlib.sha256(str(Path(original).resolve()).encode()).hexdigest()[:10]
    return data_dir() / "local copies" / key


def _note(local: Path) -> Path:
    return Path(local).with_name("origin.json")


def _save(local: Path, origin: Origin) -> None:
    text = json.dumps({"original": str(origin.original), "digest": origin.digest,
                       "copied_change": origin.copied_change})
    write_atomically(_note(local), lambda tmp: tmp.write_text(text, encoding="utf-8"))


def origin_of(local: Path) -> Origin | None:
    """Where a local copy came from, or None if `local` is not one."""
    local = Path(local).resolve()
    if not local.is_relative_to((data_dir() / "local copies").resolve()):
        return None
    try:
        data = json.loads(_note(local).read_text(encoding="utf-8"))
        return Origin(Path(data["original"]), str(data["digest"]), int(data["copied_change"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def make(original: Path) -> Path:
    """A local copy of `original` to work on. An earlier local copy that holds work not
    yet copied back is returned as it is; one without is refreshed from the original."""
    original = Path(original).resolve()
    local = _folder(original) / original.name
    try:
        digest = _digest(original)
        if local.exists() and origin_of(local) is not None and (
                has_unsent_changes(local) or origin_of(local).digest == digest):
            return local
        local.parent.mkdir(parents=True, exist_ok=True)
        copy_project(original, local)
        _save(local, Origin(original, digest, change_counter(local)))
    except (OSError, sqlite3.Error) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise ProjectFileError(f"Could not make a local copy of {original.name}: {reason}.") \
            from exc
    return local


def has_unsent_changes(local: Path) -> bool:
    origin = origin_of(local)
    return origin is not None and change_counter(local) != origin.copied_change


def copy_back(local: Path) -> Path:
    """Write the local copy over its original, in one step. Refused (ProjectFileError) if
    the original changed since it was copied, or is open for editing by someone."""
    origin = origin_of(local)
    if origin is None:
        raise ProjectFileError(f"{Path(local).name} is not a local copy.")
    original = origin.original
    name = original.name
    try:
        if not original.exists():
            raise ProjectFileError(f"{name} is no longer at {original.parent}: is the drive "
                                   "still there? Your local copy is kept.")
        holder = lock.acquire(original)
    except ProjectLockedError as exc:
        raise ProjectFileError(f"{exc} It was not copied back; your local copy is kept. "
                               "Try again once they have closed it.") from exc
    except OSError as exc:
        raise ProjectFileError(f"Could not reach {name} ({exc.strerror or exc}); your local "
                               "copy is kept.") from exc
    try:
        if _digest(original) != origin.digest:
            raise ProjectFileError(
                f"{name} has changed since you made your local copy (someone else, or the "
                "sync tool, changed it), so it was not replaced: neither version is lost. "
                "Use File > Save a Copy As to keep your work under another name.")
        copy_project(local, original)
        _save(local, Origin(original, _digest(original), change_counter(local)))
    except (OSError, sqlite3.Error) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise ProjectFileError(f"Could not copy back to {name}: {reason}. The original is "
                               "as it was and your local copy is kept.") from exc
    finally:
        lock.release(original, holder)
    return original
