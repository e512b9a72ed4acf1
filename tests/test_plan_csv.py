"""The action plan as CSV: read back with the csv module, every action and every column,
non-ASCII intact, ISO dates, a BOM for Excel; a file that cannot be written says so and
leaves nothing half-written; from the command line and from the Actions screen."""

import csv
from datetime import date

import pytest
from PySide6.QtCore import Qt

from csdesk.services import plan, plan_view
from csdesk.services.plan_csv import COLUMNS, CsvExportError, export_csv
from csdesk.services.project import OpenProject

from .conftest import digest
from .test_cli import csdesk

ODD = ("Caf\u00e9 walkabout \u2014 \u2018Z\u00f6e\u2019s\u2019 map, \u00a35, \u2713, "
       "\u0141\u00f3d\u017a")


@pytest.fixture
def demo(demo_file):
    project = OpenProject.open(demo_file)
    yield project
    project.close()


def read_back(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_every_action_and_every_column_read_back(demo, tmp_path):
    plan.add_action(demo, ODD, description="Line one\nline two, with \"quotes\"",
                    start_on=date(2026, 11, 1), due_on=date(2027, 1, 15))
    out = export_csv(demo, tmp_path / "plan.csv", today=date(2026, 12, 1))
    header, *body = read_back(out)
    views = plan_view.actions(demo, today=date(2026, 12, 1))
    assert header == [title for title, _ in COLUMNS]
    assert len(body) == len(views)
    for row, view in zip(body, views):
        assert len(row) == len(header)
        cells = dict(zip(header, row))
        assert cells["Title"] == view.title
        assert cells["Status"] == view.status.value
        assert cells["Lead agency"] == view.lead_agency
        assert cells["Due date"] == (view.due_on.isoformat() if view.due_on else "")
        assert cells["Overdue"] == ("yes" if view.overdue else "no")
        assert cells["Partners"].split("; ") == list(view.partners) or not view.partners
        assert cells["Gaps (latest rating)"].splitlines() == [g.words for g in view.gaps]
        assert len(cells["Progress notes"].splitlines()) >= len(view.notes)
    last = dict(zip(header, body[-1]))
    assert last["Title"] == ODD
    assert last["Description"] == "Line one\nline two, with \"quotes\""
    assert (last["Start date"], last["Due date"]) == ("2026-11-01", "2027-01-15")
    assert any(dict(zip(header, r))["Overdue"] == "yes" for r in body)


def test_a_csv_suffix_is_added(demo, tmp_path):
    assert export_csv(demo, tmp_path / "plan").name == "plan.csv"


def test_a_file_open_in_excel_says_so_and_leaves_what_was_there(demo, tmp_path,
                                                                 monkeypatch):
    """Windows refuses to replace a file Excel has open (PermissionError on the rename)."""
    import csdesk.atomic

    old = tmp_path / "plan.csv"
    old.write_text("last month's plan\n", encoding="utf-8")
    before = digest(old)

    def locked(src, dst):
        raise PermissionError(13, "The process cannot access the file", str(dst))

    monkeypatch.setattr(csdesk.atomic.os, "replace", locked)
    with pytest.raises(CsvExportError, match="open in another program.*nothing was written"):
        export_csv(demo, old)
    assert digest(old) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".csv", ".part")) == [
        "plan.csv"]  # no half-written temp file left


def test_a_missing_folder_is_refused(demo, tmp_path):
    with pytest.raises(CsvExportError, match="does not exist"):
        export_csv(demo, tmp_path / "nowhere" / "plan.csv")


def test_csdesk_export_writes_the_csv(demo_file, tmp_path):
    out = tmp_path / "board plan.csv"
    result = csdesk("export", demo_file, "-o", out)
    assert result.returncode == 0, result.stderr
    header, *body = read_back(out)
    assert header[1] == "Title" and len(body) == 13
    bad = csdesk("export", demo_file, "-o", tmp_path / "missing" / "plan.csv")
    assert bad.returncode == 1 and "does not exist" in bad.stderr


def test_export_csv_from_the_actions_screen(qtbot, demo_file, dialog_log, tmp_path):
    from csdesk.ui.actions_screen import ActionsScreen
    from csdesk.ui.app import make_app
    from csdesk.ui.signals import ProjectSignals

    make_app()
    project = OpenProject.open(demo_file)
    signals = ProjectSignals(project)
    screen = ActionsScreen()
    qtbot.addWidget(screen)
    screen.show()
    screen.attach(project, signals)
    try:
        dialog_log.save_answer = tmp_path / "from the screen.csv"
        screen.csv_button.setFocus()
        qtbot.keyClick(screen.csv_button, Qt.Key.Key_Space)
        assert "Wrote the action plan" in dialog_log.infos[-1]
        assert len(read_back(tmp_path / "from the screen.csv")) == 14
        dialog_log.save_answer = tmp_path / "missing" / "x.csv"
        qtbot.keyClick(screen.csv_button, Qt.Key.Key_Space)
        assert "does not exist" in dialog_log.errors[-1]
    finally:
        screen.detach()
        signals.detach()
        project.close()
