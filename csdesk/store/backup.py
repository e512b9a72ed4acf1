"""Whole-file copies: Save a Copy As, and the backup taken before a migration."""

import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

from .sqlite_file import uri


def _write_then_rename(dest: Path, write) -> Path:
    """write(tmp) fills a temp file beside dest; it is flushed to disk, then renamed over
    dest in one step, so dest is never half-written."""
    dest = Path(dest)
    fd, tmp_name = tempfile.mkstemp(prefix=".csdesk-copy-", dir=dest.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        with tmp.open("rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return dest


def copy_project(source: Path, dest: Path) -> Path:
    """Copy a project through SQLite's backup API: consistent even while it is open."""

    def write(tmp: Path) -> None:
        src = sqlite3.connect(uri(source, readonly=True), uri=True)
        out = sqlite3.connect(tmp)
        try:
            src.backup(out)
        finally:
            out.close()
            src.close()

    return _write_then_rename(dest, write)


def copy_exact(source: Path, dest: Path) -> Path:
    """A byte-for-byte copy, for the backup before a migration (nobody else is writing:
    we hold the lock)."""
    return _write_then_rename(dest, lambda tmp: shutil.copyfile(source, tmp))


def backup_path(project: Path, label: str) -> Path:
    """A free name beside the project, e.g. 'Area.backup-format-1.csdesk'."""
    candidate = project.with_name(f"{project.stem}.backup-{label}{project.suffix}")
    n = 2
    while candidate.exists():
        candidate = project.with_name(f"{project.stem}.backup-{label}-{n}{project.suffix}")
        n += 1
    return candidate
