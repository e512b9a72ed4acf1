"""Small checks and helpers every section's operations share (mapping, review, plan).
Bad input is refused with a ValueError whose message can be shown to the user as it is."""

from datetime import date, datetime
from enum import StrEnum
from typing import TypeVar

from sqlalchemy import func
from sqlmodel import Session, SQLModel, select

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T", bound=SQLModel)


def required(text: str, what: str) -> str:
    """`text` stripped; refused if empty. `what` names it: "An agency's name"."""
    text = (text or "").strip()
    if not text:
        raise ValueError(f"{what} cannot be empty.")
    return text


def one_of(choices: type[E], value, what: str) -> E:
    """`value` as a member of `choices` (a member or its stored text), or a ValueError."""
    try:
        return choices(value)
    except ValueError:
        allowed = ", ".join(f"\u201c{c.value}\u201d" for c in choices)
        raise ValueError(f"\u201c{value}\u201d is not {what}; choose {allowed}.") from None


def existing(s: Session, table: type[T], row_id, what: str) -> T:
    """The row with this id, or a ValueError saying it is not in the project."""
    row = s.get(table, row_id) if row_id is not None else None
    if row is None:
        raise ValueError(f"That {what} is not in this project (it may have been deleted).")
    return row


def optional_date(value, what: str) -> date | None:
    """A date or None; anything else (e.g. text) is refused. `what`: "The due date"."""
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    raise ValueError(f"{what} must be a date.")


def next_position(s: Session, column, *where) -> int:
    """The position after the last one in use (0 for the first)."""
    last = s.exec(select(func.max(column)).where(*where)).one()
    return 0 if last is None else last + 1


def added(s: Session, row: T) -> T:
    """Add a row and flush, so its id is known."""
    s.add(row)
    s.flush()
    return row


def replace_links(s: Session, table: type[T], owner: str, owner_id: int, other: str,
                  wanted) -> None:
    """Make the link rows of `table` for one owner (e.g. a stage's agencies) point at exactly
    `wanted`, in that order, keeping the rows that stay so undo records only what changed."""
    wanted = list(dict.fromkeys(wanted))
    current = s.exec(select(table).where(getattr(table, owner) == owner_id)).all()
    for row in current:
        if getattr(row, other) not in wanted:
            s.delete(row)
    have = {getattr(row, other) for row in current}
    for other_id in wanted:
        if other_id not in have:
            s.add(table(**{owner: owner_id, other: other_id}))
    s.flush()


def known_fields(changes: dict, allowed: tuple[str, ...], what: str) -> None:
    """Refuse a change to anything but `allowed` ("Not something a stage records: x")."""
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValueError(f"Not something {what} records: {', '.join(sorted(unknown))}.")


def ordered(s: Session, model: type[T], *where) -> list[T]:
    """The rows of an ordered list (a `position` column), in order."""
    return list(s.exec(select(model).where(*where).order_by(model.position, model.id)))


def renumber(s: Session, model: type[T], *where, rows: list[T] | None = None) -> None:
    """Positions 0, 1, 2... in the current order (or in the order of `rows`), touching only
    the rows whose position changes."""
    for i, row in enumerate(ordered(s, model, *where) if rows is None else rows):
        if row.position != i:
            row.position = i
            s.add(row)
    s.flush()


def move_to_index(s: Session, model: type[T], row_id: int, to_index: int, *where) -> None:
    """Put one row of an ordered list at `to_index` (clamped to the list)."""
    rows = ordered(s, model, *where)
    row = next((r for r in rows if r.id == row_id), None)
    if row is None:
        raise ValueError("That item is not in this list (it may have been deleted).")
    rows.remove(row)
    rows.insert(max(0, min(to_index, len(rows))), row)
    renumber(s, model, rows=rows)
