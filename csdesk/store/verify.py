"""Is a file's schema the one its format version promises? Every table, column, link,
CHECK, index and trigger that csdesk would have made is compared with what is in the file.

For today's format the reference is schema_reference.py: what the models make of a new file,
written out once (see build_reference) so that opening a project needs neither the models nor
a scratch database. tests/test_schema_reference.py keeps the two equal. An older file is
judged by what its migrations make of it: a temporary copy is migrated and then compared,
so the file itself is never touched. Extra tables or indexes are not complained about:
only what csdesk needs and would miss."""

import shutil
import sqlite3
import tempfile
from pathlib import Path

from .schema import describe
from .schema_reference import REFERENCE
from .sqlite_file import SCHEMA_VERSION


def build_reference() -> dict:
    """The schema a new file of today's format has, made from the models in memory."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import StaticPool

    from ..models import metadata

    conn = sqlite3.connect(":memory:")
    engine = create_engine("sqlite://", creator=lambda: conn, poolclass=StaticPool)
    metadata.create_all(engine)
    try:
        return describe(conn)
    finally:
        engine.dispose()
        conn.close()


def differences(actual: dict, expected: dict) -> list[str]:
    """What `actual` lacks or has differently from `expected`, in plain words."""
    found = []
    for table, shape in sorted(expected["tables"].items()):
        have = actual["tables"].get(table)
        if have is None:
            found.append(f"its table \u201c{table}\u201d is missing")
            continue
        for part in ("columns", "foreign keys", "checks", "indexes"):
            if have[part] != shape[part]:
                found.append(f"the {part} of its table \u201c{table}\u201d are not as they "
                             "should be")
    for name, sql in sorted(expected["triggers"].items()):
        if actual["triggers"].get(name) != sql:
            found.append(f"its safeguard \u201c{name}\u201d is missing or changed")
    return found


def schema_problems(path: Path, conn: sqlite3.Connection, version: int) -> list[str]:
    """Problems with the schema of the file at `path` (open read-only as `conn`) for its
    format `version`. A newer format than this csdesk knows cannot be judged: none."""
    if version > SCHEMA_VERSION:
        return []
    try:
        if version == SCHEMA_VERSION:
            return differences(describe(conn), REFERENCE)
        return _migrated_problems(path, version)
    except (sqlite3.DatabaseError, UnicodeDecodeError, TypeError, ValueError) as exc:
        # A damaged schema table (a name or its SQL garbled) that SQLite itself still reads.
        return [f"its list of tables cannot be read ({exc})"]


def _migrated_problems(path: Path, version: int) -> list[str]:
    from .backup import sqlite_copy
    from .migrations import run_steps

    folder = Path(tempfile.mkdtemp(prefix="csdesk-check-"))
    try:
        copy = folder / "copy.csdesk"
        sqlite_copy(path, copy)
        try:
            run_steps(copy, version)
        except sqlite3.DatabaseError as exc:
            return [f"it cannot be brought up to date ({exc})"]
        conn = sqlite3.connect(copy)
        try:
            return differences(describe(conn), REFERENCE)
        finally:
            conn.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
