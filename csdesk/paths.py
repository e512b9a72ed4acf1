"""Where csdesk keeps per-user files (settings, recent files, the demo project).

Local, not roaming, on Windows: settings describe this computer's screens and paths.
CSDESK_USER_DIR puts everything under one folder instead (tests, portable use)."""

import os
from pathlib import Path

import platformdirs

from . import APP_NAME


def _override() -> Path | None:
    value = os.environ.get("CSDESK_USER_DIR")
    return Path(value) if value else None


def config_dir() -> Path:
    base = _override()
    path = base / "config" if base else Path(
        platformdirs.user_config_dir(APP_NAME, appauthor=False, roaming=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir(create: bool = True) -> Path:
    base = _override()
    path = base / "data" if base else Path(
        platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    """The rolling log (what went wrong, for whoever helps the user)."""
    base = _override()
    path = base / "logs" if base else Path(
        platformdirs.user_log_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def documents_dir() -> Path:
    """Where new projects are suggested to go."""
    base = _override()
    return base / "documents" if base else Path(platformdirs.user_documents_dir())
