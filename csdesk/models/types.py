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
        if value is None:
            return None
        if isinstance(value, str):  # some drivers hand back the stored text
            value = datetime.fromisoformat(value)
        return value.replace(tzinfo=UTC)
