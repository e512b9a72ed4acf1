"""A project file's schema as plain data, for comparing two files' schemas: tables, columns
with types, NOT NULL and defaults, foreign keys with their ON DELETE actions, CHECKs,
indexes (unique, partial) and triggers. Whitespace and the order of definition do not count.
Not compared, because csdesk uses none of them: COLLATE, ON UPDATE, DEFERRABLE, DESC index
columns, AUTOINCREMENT, generated columns, STRICT tables."""

import re
import sqlite3


def _squash(sql: str) -> str:
    return re.sub(r"\s+", " ", sql).replace("( ", "(").replace(" )", ")").strip()


def _checks(create_sql: str) -> list[str]:
    """Every CHECK (...) in a CREATE TABLE, with its constraint name if it has one."""
    found = []
    for match in re.finditer(r"(?:CONSTRAINT\s+(\w+)\s+)?\bCHECK\s*\(", create_sql, re.IGNORECASE):
        depth, i = 1, match.end()
        while depth and i < len(create_sql):
            depth += {"(": 1, ")": -1}.get(create_sql[i], 0)
            i += 1
        found.append(f"{match.group(1) or ''}: {_squash(create_sql[match.end():i - 1])}")
    return sorted(found)


def _indexes(conn: sqlite3.Connection, table: str) -> list[tuple]:
    result = []
    for _, name, unique, origin, partial in conn.execute(f'PRAGMA index_list("{table}")'):
        cols = tuple(r[2] for r in conn.execute(f'PRAGMA index_info("{name}")'))
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
        where = _squash(sql.split(" WHERE ", 1)[1]) if sql and " WHERE " in sql else ""
        key = name if origin == "c" else origin  # names of implicit indexes may differ
        result.append((key, bool(unique), cols, where))
    return sorted(result)


def describe(conn: sqlite3.Connection) -> dict:
    tables = {}
    for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' "
                                  "AND name NOT LIKE 'sqlite_%'"):
        tables[name] = {
            "columns": sorted((r[1], r[2].upper(), bool(r[3]), r[4], r[5])
                              for r in conn.execute(f'PRAGMA table_xinfo("{name}")')),
            "foreign keys": sorted((r[3], r[2], r[4], r[6])
                                   for r in conn.execute(f'PRAGMA foreign_key_list("{name}")')),
            "checks": _checks(sql),
            "indexes": _indexes(conn, name),
        }
    triggers = {name: _squash(sql) for name, sql in conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")}
    return {"tables": tables, "triggers": triggers}
