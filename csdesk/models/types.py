"""Column types shared by the tables."""

from enum import StrEnum

from sqlalchemy import String
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
