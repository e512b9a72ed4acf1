"""The project file: create, check, open, lock, migrate, copy, back up. No Qt."""

from .errors import (
    DamagedFileError, NewerFileError, NotAProjectError, ProjectFileError, ProjectLockedError,
    ReadOnlyError,
)
from .lock import LockHolder, read_holder
from .project_file import NotWritableError, ProjectFile, create_project
from .sqlite_file import APPLICATION_ID, EXTENSION, SCHEMA_VERSION, FileInfo, inspect_file

__all__ = [
    "APPLICATION_ID", "EXTENSION", "SCHEMA_VERSION", "DamagedFileError", "FileInfo",
    "LockHolder", "NewerFileError", "NotAProjectError", "NotWritableError", "ProjectFile",
    "ProjectFileError", "ProjectLockedError", "ReadOnlyError", "create_project",
    "inspect_file", "read_holder",
]
