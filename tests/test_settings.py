"""The settings file is written when a setting changes, and only then (each start sets the
zoom and the recent files again: no write, no fsync, for those)."""

from csdesk.settings import Settings


def test_a_setting_is_written_when_it_changes_and_only_then(tmp_path):
    path = tmp_path / "settings.json"
    settings = Settings(path)
    settings.set("zoom", 1.5)
    assert Settings(path).get("zoom") == 1.5
    path.write_text('{"zoom": 1.5, "note": "left as it was"}', encoding="utf-8")
    settings.set("zoom", 1.5)  # the same value: the file is not rewritten
    assert "left as it was" in path.read_text(encoding="utf-8")
    settings.set("zoom", 2.0)
    assert Settings(path).get("zoom") == 2.0
    assert Settings(path).get("note") is None
