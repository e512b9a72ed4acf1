"""Whole-file copies: Save a Copy As, and the backup taken before a migration."""

import shutil
import sqlite3
from pathlib import Path

from ..atomic import write_atomically
from .sqlite_file import uri


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

    return write_atomically(dest, write)


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
