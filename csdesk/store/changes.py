"""The change log: every row a write inserts, updates or deletes, with its before and after
images, recorded by TEMP triggers on every table of the project file.

Triggers (unlike ORM events) also see what ON DELETE CASCADE and SET NULL do, so the record
is complete whatever an operation did. One record serves three purposes: undo replays it
backwards, redo forwards, and change notices tell screens exactly which rows changed.

Replaying the row changes one at a time, in reverse for undo, passes through exactly the states
the original transaction passed through, so UNIQUE and CHECK constraints hold at every step and
no replayed statement ever triggers a cascade of its own. Foreign keys are deferred to COMMIT
during a replay because a cascade's intermediate states were never checked row by row.
(A future table with BLOB columns needs its images hex-encoded: json_object refuses blobs.)"""

import json
import sqlite3
from dataclasses import dataclass, field
from functools import cached_property

LOG_TABLE = "_csdesk_change"
LOG = f"temp.{LOG_TABLE}"
INSERT, UPDATE, DELETE = "insert", "update", "delete"


@dataclass(frozen=True)
class RowChange:
    """One trigger firing: a row of `table` inserted, updated or deleted."""

    table: str
    rowid: int
    op: str
    old: dict | None  # the row before (None for an insert)
    new: dict | None  # the row after (None for a delete)


@dataclass(frozen=True)
class NetChange:
    """What a transaction did to one row overall, e.g. inserted then updated = inserted."""

    table: str
    rowid: int
    op: str
    columns: frozenset[str]  # the columns whose values differ before and after


@dataclass(frozen=True)
class ChangeSet:
    """Everything one edit (one transaction) did, in order, with a name for the Edit menu."""

    label: str
    rows: tuple[RowChange, ...] = field(default=())

    def __bool__(self) -> bool:
        return bool(self.net)

    @cached_property
    def net(self) -> dict[tuple[str, int], NetChange]:
        first: dict[tuple[str, int], RowChange] = {}
        last: dict[tuple[str, int], RowChange] = {}
        for change in self.rows:
            key = (change.table, change.rowid)
            first.setdefault(key, change)
            last[key] = change
        result = {}
        for key, start in first.items():
            before, after = start.old, last[key].new
            if before is None and after is None:
                continue  # made and removed within the edit
            if before is None:
                op, cols = INSERT, frozenset(after)
            elif after is None:
                op, cols = DELETE, frozenset(before)
            else:
                cols = frozenset(c for c in after if before.get(c) != after[c])
                if not cols:
                    continue
                op = UPDATE
            result[key] = NetChange(key[0], key[1], op, cols)
        return result

    @property
    def tables(self) -> frozenset[str]:
        return frozenset(table for table, _ in self.net)

    def ids(self, table: str, *ops: str) -> set[int]:
        """Row ids of `table` that changed (optionally only by the given net ops)."""
        return {rowid for (t, rowid), c in self.net.items()
                if t == table and (not ops or c.op in ops)}

    def columns(self, table: str) -> frozenset[str]:
        """Every column of `table` that changed in any row."""
        cols: set[str] = set()
        for (t, _), c in self.net.items():
            if t == table:
                cols |= c.columns
        return frozenset(cols)


def _tables(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT name FROM main.sqlite_master WHERE type = 'table' "
        "AND name NOT LIKE 'sqlite_%' ORDER BY name")]


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f'PRAGMA main.table_info("{table}")')]


def _refuse_lossy_types(conn: sqlite3.Connection, table: str) -> None:
    """json_object keeps 15 significant digits of a REAL and refuses a BLOB: a table with such
    a column needs its images encoded first (e.g. printf('%!.17g'), hex), or undo would change
    values. Fail loudly when that day comes rather than lose digits."""
    for _, name, declared, *_ in conn.execute(f'PRAGMA main.table_info("{table}")'):
        kind = declared.upper()
        if any(t in kind for t in ("REAL", "FLOA", "DOUB", "BLOB")) or (
                not kind and name != "rowid"):
            raise TypeError(f"{table}.{name} ({declared or 'no type'}) cannot be recorded "
                            "exactly by the change log; encode it in changes.install first")


def install(conn: sqlite3.Connection) -> None:
    """Create the log table and one trigger per table and kind of write, on this connection
    only (TEMP objects never reach the file)."""
    conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {LOG_TABLE} ("
                 "seq INTEGER PRIMARY KEY, tbl TEXT, op TEXT, rid INTEGER, old TEXT, new TEXT)")
    for table in _tables(conn):
        cols = _columns(conn, table)
        _refuse_lossy_types(conn, table)

        def image(ref: str, cols=cols) -> str:
            return "json_object(" + ", ".join(f"'{c}', {ref}.\"{c}\"" for c in cols) + ")"

        for op, when, rid, old, new in (
            (INSERT, "INSERT", "NEW.rowid", "NULL", image("NEW")),
            (UPDATE, "UPDATE", "NEW.rowid", image("OLD"), image("NEW")),
            (DELETE, "DELETE", "OLD.rowid", image("OLD"), "NULL"),
        ):
            conn.execute(
                f'CREATE TEMP TRIGGER IF NOT EXISTS "_csdesk_{op}_{table}" AFTER {when} '
                f'ON main."{table}" BEGIN INSERT INTO {LOG_TABLE} (tbl, op, rid, old, new) '
                f"VALUES ('{table}', '{op}', {rid}, {old}, {new}); END")


def take(conn) -> tuple[RowChange, ...]:
    """The row changes logged so far in this transaction, emptying the log. `conn` is a
    DB-API connection or anything with exec_driver_sql (SQLAlchemy)."""
    run = getattr(conn, "exec_driver_sql", None) or conn.execute
    rows = run(f"SELECT tbl, rid, op, old, new FROM {LOG} ORDER BY seq").fetchall()
    run(f"DELETE FROM {LOG}")
    return tuple(RowChange(t, rid, op, json.loads(old) if old else None,
                           json.loads(new) if new else None) for t, rid, op, old, new in rows)


class ReplayMismatch(Exception):
    """The file does not hold what the change set expects: it cannot be replayed."""


def _rowid_is_alias(conn, table: str, cache: dict) -> bool:
    if table not in cache:
        info = list(conn.execute(f'PRAGMA main.table_info("{table}")'))
        pks = [r for r in info if r[5]]
        cache[table] = len(pks) == 1 and pks[0][2].upper() == "INTEGER"
    return cache[table]


def _matching(image: dict, cols: list[str], rowid: int) -> tuple[str, list]:
    """A WHERE clause that finds the row only if it still holds what the record says."""
    where = " AND ".join(["rowid = ?", *(f'"{c}" IS ?' for c in cols)])
    return where, [rowid, *(image[c] for c in cols)]


def replay(conn: sqlite3.Connection, changes: ChangeSet, backwards: bool) -> None:
    """Apply a change set's row changes again (redo) or their inverses in reverse (undo).
    Runs inside the caller's transaction; each statement must touch exactly one row."""
    conn.execute("PRAGMA defer_foreign_keys = ON")  # checked at COMMIT; reset by it
    aliases: dict[str, bool] = {}
    for change in (reversed(changes.rows) if backwards else changes.rows):
        before, after = (change.new, change.old) if backwards else (change.old, change.new)
        table = f'main."{change.table}"'
        if before is None:  # the row must come (back) into being
            cols = list(after)
            names = ", ".join(f'"{c}"' for c in cols)
            values = [after[c] for c in cols]
            if not _rowid_is_alias(conn, change.table, aliases):
                names, values = "rowid, " + names, [change.rowid, *values]
            cur = conn.execute(f"INSERT INTO {table} ({names}) VALUES "
                               f"({', '.join('?' * len(values))})", values)
        elif after is None:
            where, args = _matching(before, list(before), change.rowid)
            cur = conn.execute(f"DELETE FROM {table} WHERE {where}", args)
        else:
            cols = [c for c in after if before.get(c) != after[c]]
            if not cols:
                continue
            sets = ", ".join(f'"{c}" = ?' for c in cols)
            where, args = _matching(before, cols, change.rowid)
            cur = conn.execute(f"UPDATE {table} SET {sets} WHERE {where}",
                               [after[c] for c in cols] + args)
        if cur.rowcount != 1:
            raise ReplayMismatch(f"{change.table} row {change.rowid} is not as recorded")
