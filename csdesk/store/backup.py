"""Whole-file copies: Save a Copy As, and the backup taken before a migration."""

import shutil
import sqlite3
from pathlib import Path

from ..atomic import write_atomically
from .sqlite_file import uri


def sqlite_copy(source: Path, dest: Path) -> None:
    """Copy a database into `dest` (a new or temp file) with SQLite's backup API: a
    consistent copy even while the source is open."""
    src = sqlite3.connect(uri(source, readonly=True), uri=True)
    out = sqlite3.connect(dest)
    try:
        src.backup(out)
    finally:
        out.close()
        src.close()


def copy_project(source: Path, dest: Path) -> Path:
    """Copy a project, in one step (temp file, fsync, rename)."""
    return write_atomically(dest, lambda tmp: sqlite_copy(source, tmp))


def copy_exact(source: Path, dest: Path) -> Path:
    """A byte-for-byte copy, for the backup before a migration (nobody else is writing:
    we hold the lock)."""
    return write_atomically(dest, lambda tmp: shutil.copyfile(source, tmp))


def backup_path(project: Path, label: str) -> Path:
    """A free name beside the project, e.g. 'Area.backup-format-1.csdesk'."""
    candidate = project.with_name(f"{project.stem}.backup-{label}{project.suffix}")
    n = 2
    while candidate.exists():
        candidate = project.with_name(f"{project.stem}.backup-{label}-{n}{project.suffix}")
        n += 1
    return candidate
