"""Column types shared by the tables."""

from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import DateTime, String
from sqlalchemy.types import TypeDecorator


class EnumText(TypeDecorator):
    """Stores a StrEnum by its value ("red", "in progress") so the file reads plainly in any
    SQLite tool, and so adding a member later needs no table rebuild."""

    impl = String
    cache_ok = True

    def __init__(self, enum_cls: type[StrEnum]):
        super().__init__()
        self.enum_cls = enum_cls

    def process_bind_param(self, value, dialect):
        return None if value is None else self.enum_cls(value).value

    def process_result_value(self, value, dialect):
        return None if value is None else self.enum_cls(value)


class UtcDateTime(TypeDecorator):
    """A moment in time, stored as UTC text and always read back timezone-aware (UTC), so
    what a time means never depends on a library release. Naive datetimes are refused:
    their zone is unknown."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("csdesk stores only timezone-aware times")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return utc_from_text(value)


def utc_from_text(value: str | datetime | None) -> datetime | None:
    """A stored moment read back (as text by plain SQL, some drivers) as an aware UTC time."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC)
