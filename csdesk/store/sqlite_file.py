"""The .csdesk file format at the SQLite level: identity, version, pragmas, checks.

Checks here read the file without writing to it, so a refused file is never modified."""

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from .. import APP_NAME, __version__
from .errors import DamagedFileError, NewerFileError, NotAProjectError

APPLICATION_ID = 0x43534453  # "CSDS": marks a SQLite file as a csdesk project
SCHEMA_VERSION = 5  # user_version of files this csdesk writes; see migrations.py
SQLITE_MAGIC = b"SQLite format 3\x00"
EXTENSION = ".csdesk"


@dataclass(frozen=True)
class FileInfo:
    path: Path
    schema_version: int
    written_by: str  # the csdesk version that last wrote it, "" if unknown


def posix_uri(posix: str, mode: str) -> str:
    """An SQLite URI for an absolute path written with forward slashes. Built by hand: for a
    Windows share, Path.as_uri() gives file://server/share, whose host SQLite refuses; SQLite
    wants file:////server/share. A drive path C:/x becomes file:///C:/x."""
    if not posix.startswith("/"):
        posix = "/" + posix
    return f"file://{quote(posix, safe='/:')}?mode={mode}"


def uri(path: Path, readonly: bool = False, mode: str | None = None) -> str:
    return posix_uri(Path(path).resolve().as_posix(), mode or ("ro" if readonly else "rw"))


def connect(path: Path, readonly: bool = False, create: bool = False) -> sqlite3.Connection:
    """A raw connection with csdesk's pragmas. Autocommit: callers BEGIN explicitly
    (Python's sqlite3 would otherwise commit DDL behind our back)."""
    target = uri(path, mode="rwc") if create else uri(path, readonly)
    conn = sqlite3.connect(target, uri=True, isolation_level=None, timeout=5)
    apply_pragmas(conn, readonly)
    return conn


def apply_pragmas(conn: sqlite3.Connection, readonly: bool) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    if not readonly:
        # Never WAL: it fails on network drives and leaves side files that sync tools mangle.
        conn.execute("PRAGMA journal_mode = DELETE")
        # So that rows an INSERT OR REPLACE removes fire delete triggers (the change log).
        conn.execute("PRAGMA recursive_triggers = ON")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA secure_delete = ON")


def _check_header(path: Path) -> bytes:
    name = path.name
    if not path.exists():
        raise NotAProjectError(f"There is no file at {path}.")
    if not path.is_file():
        raise NotAProjectError(f"{path} is a folder, not a csdesk project file.")
    size = path.stat().st_size
    if size == 0:
        raise NotAProjectError(f"{name} is empty: it is not a csdesk project.")
    with path.open("rb") as f:
        header = f.read(100)
    if not header.startswith(SQLITE_MAGIC):
        raise NotAProjectError(f"{name} is not a csdesk project (it is not a database file).")
    if len(header) < 100:
        raise DamagedFileError(f"{name} is cut short: it is damaged or was not fully copied.")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):  # a power of two, 512 to 65536
        raise DamagedFileError(f"{name} is damaged (its header is not valid).")
    pages = int.from_bytes(header[28:32], "big")
    # The in-header page count is only valid when the two change counters agree.
    counters_agree = header[24:28] == header[92:96]
    if size % page_size or (counters_agree and size < pages * page_size):
        raise DamagedFileError(f"{name} is cut short: it is damaged or was not fully copied.")
    return header




def hot_journal(path: Path) -> Path | None:
    """The journal a crash mid-transaction leaves beside a file, if there is one. One whose
    header was never written (or was zeroed at commit) holds nothing to roll back, and
    SQLite ignores it: so do we. SQLite deems any other one hot (even one that is not a
    journal at all, which it then deletes), and a read-only connection cannot do that."""
    journal = path.with_name(path.name + "-journal")
    try:
        with journal.open("rb") as f:
            first = f.read(1)
    except FileNotFoundError:
        return None
    return journal if first not in (b"", b"\0") else None


def _recover(path: Path) -> None:
    """Let SQLite roll a hot journal back, restoring the last committed state: its own
    crash recovery, done only when the user opens the project for editing."""
    conn = sqlite3.connect(uri(path, readonly=False), uri=True, isolation_level=None)
    try:
        conn.execute("PRAGMA schema_version").fetchone()
    finally:
        conn.close()


def _version_from_header(path: Path, header: bytes) -> int:
    """Identity and version straight from the header bytes, before SQLite touches the file."""
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        raise NotAProjectError(
            f"{path.name} is a database made by another program, not a csdesk project."
        )
    version = int.from_bytes(header[60:64], "big")
    if version < 1:
        raise DamagedFileError(f"{path.name} was never finished (csdesk stopped while making "
                               "it): it is not a usable project.")
    return version


def _refuse_newer(path: Path, version: int, written_by: str) -> None:
    by = f"csdesk {written_by}" if written_by else "a newer csdesk"
    raise NewerFileError(
        f"{path.name} was saved by {by} (file format {version}); this is "
        f"{APP_NAME} {__version__}, which reads up to format {SCHEMA_VERSION}. "
        "Install a newer csdesk to open it; the file has not been changed."
    )


def _written_by(conn: sqlite3.Connection) -> str:
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'written_by'").fetchone()
    except (sqlite3.DatabaseError, UnicodeDecodeError):  # damage is judged by the checks
        return ""
    return row[0] if row else ""


def inspect_file(path: Path, full_check: bool = False, allow_newer: bool = False,
                 recover: bool = False) -> FileInfo:
    """Refuse anything that is not a sound csdesk project this version can read.
    Raises a ProjectFileError with a message for the user. Never writes to the file, except
    that recover=True (opening for editing) lets SQLite roll back a crash's hot journal."""
    path = Path(path)
    header = _check_header(path)
    header_version = _version_from_header(path, header)  # refuses foreign, unfinished files
    if hot_journal(path):
        if header_version > SCHEMA_VERSION:
            _refuse_newer(path, header_version, "")  # not ours to recover
        if not recover:
            raise DamagedFileError(
                f"{path.name} was not closed properly (csdesk or the computer stopped in the "
                "middle of a change). Open it for editing in csdesk to restore its last saved "
                "state; it has not been changed."
            )
        _recover(path)
    try:
        conn = sqlite3.connect(uri(path, readonly=True), uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        raise NotAProjectError(f"{path.name} could not be opened: {exc}.") from exc
    # Damaged text (a name in the schema, a message about it) must not stop the checks.
    conn.text_factory = lambda b: b.decode("utf-8", "replace")
    try:
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise DamagedFileError(f"{path.name} is damaged: {exc}.") from exc
        if app_id != APPLICATION_ID:
            raise NotAProjectError(
                f"{path.name} is a database made by another program, not a csdesk project."
            )
        written_by = _written_by(conn)
        if version > SCHEMA_VERSION and not allow_newer:
            _refuse_newer(path, version, written_by)
        problems = integrity_problems(conn, full_check)
        if not problems:
            from .verify import schema_problems  # it needs the models and the migrations

            problems = schema_problems(path, conn, version)
        if problems:
            raise DamagedFileError(
                f"{path.name} is damaged ({problems[0]}). It has not been changed: "
                "open a backup copy instead."
            )
        return FileInfo(path, version, written_by)
    finally:
        conn.close()


def integrity_problems(conn: sqlite3.Connection, full: bool) -> list[str]:
    """SQLite's own checks: structure (quick or full) and foreign keys."""
    pragma = "integrity_check" if full else "quick_check"
    try:
        rows = [r[0] for r in conn.execute(f"PRAGMA {pragma}").fetchall()]
        if rows != ["ok"]:
            return rows
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    except UnicodeDecodeError:  # SQLite's message itself names something garbled
        return ["its structure is damaged"]
    return [f"broken link in table {r[0]}, row {r[1]}" for r in fk]

