"""Text a user replaces or deletes does not linger in the project file's bytes (SQLite's
secure_delete, set in store/sqlite_file.connect()): a child's details typed by mistake and
removed are really gone from the file that gets emailed or copied."""

import sqlite3

from csdesk.models import JourneyKind
from csdesk.services import journeys
from csdesk.services.project import OpenProject

NOTES = "Jayden Smith, aged 14, NHS 943 476 5919, lives at BB1 4QT; " * 3
GAPS = "DOB 12/03/2011 planted by mistake, then the whole stage deleted; " * 3


def test_replaced_and_deleted_text_is_not_left_in_the_file(new_file):
    project = OpenProject.open(new_file)
    try:
        journey = journeys.add_journey(project, JourneyKind.CHILD, "Child journey")
        stage = journeys.add_stage(project, journey, "Front door")
        journeys.add_stage(project, journey, "Strategy discussion")
        project.update_details(notes=NOTES)
        journeys.update_stage(project, stage, gaps=GAPS)
        assert NOTES.encode() in new_file.read_bytes()  # it was written to the file
        project.update_details(notes="Workshop notes kept to the system, not cases.")
        journeys.delete_stage(project, stage)
    finally:
        project.close()
    data = new_file.read_bytes()
    for gone in (b"943 476 5919", b"Jayden Smith", b"BB1 4QT", b"12/03/2011"):
        assert gone not in data
    assert not new_file.with_name(new_file.name + "-journal").exists()


def test_the_check_would_see_text_left_behind(tmp_path):
    """Without secure_delete, SQLite leaves a deleted row's bytes in the page: the test
    above can tell the difference."""
    path = tmp_path / "plain.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA secure_delete = OFF")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT)")
    conn.execute("INSERT INTO t (x) VALUES ('ordinary text about the front door')")
    conn.execute("INSERT INTO t (x) VALUES (?)", (GAPS,))
    conn.execute("DELETE FROM t WHERE id = 2")
    conn.close()
    assert b"12/03/2011" in path.read_bytes()
