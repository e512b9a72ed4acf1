"""Per-user settings: recent files, window geometry, zoom. A small JSON file, written
atomically so a crash never leaves it half-written."""

import json
from pathlib import Path

from .atomic import write_atomically
from .paths import config_dir

MAX_RECENT = 10


class Settings:
    def __init__(self, path: Path | None = None):
        self.path = path or config_dir() / "settings.json"
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self._data = data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            self._data = {}  # missing or unreadable: start afresh, never fail to start

    def get(self, key: str, default=None):
        return self._data.get(key, default)

    def set(self, key: str, value) -> None:
        if key in self._data and self._data[key] == value:
            return  # each start sets the zoom and the recent files: no write (and fsync) then
        self._data[key] = value
        self._save()

    def _save(self) -> None:
        text = json.dumps(self._data, indent=1)
        try:
            write_atomically(self.path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
        except OSError:
            pass  # settings are a convenience; never block work over them

    def recent_files(self) -> list[Path]:
        return [Path(p) for p in self.get("recent_files", []) if isinstance(p, str)]

    def add_recent(self, path: Path) -> None:
        path = str(Path(path).resolve())
        recent = [p for p in self.get("recent_files", []) if p != path]
        self.set("recent_files", [path, *recent][:MAX_RECENT])

    def remove_recent(self, path: Path) -> None:
        path = str(Path(path).resolve())
        self.set("recent_files", [p for p in self.get("recent_files", []) if p != path])
