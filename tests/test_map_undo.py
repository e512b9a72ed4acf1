"""Every map operation is undone exactly: random sequences of the real operations, then undo
all of them (the file is as it began), then redo all (the file is as it ended)."""

import shutil
import sqlite3
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from csdesk.services import journeys, mapping
from csdesk.services.journey_view import journey_list, journey_view
from csdesk.services.project import OpenProject, new_project
from csdesk.store import ProjectFileError

names = st.sampled_from(["Park", "Referral", "Front door", "Ysgol", "Ελλάδα", "MACE", "Review"])


def dump(path: Path) -> dict:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN "
            "('project', 'meta') AND name NOT LIKE 'sqlite_%'")]
        return {t: conn.execute(f'SELECT rowid, * FROM "{t}" ORDER BY rowid').fetchall()
                for t in tables}
    finally:
        conn.close()


def stage_ids(project, archived=False) -> list[int]:
    return [s.id for j in journey_list(project, archived=True)
            for s in journey_view(project, j.id, archived=archived).stages]


def one_edit(project, data) -> None:
    """Draw one operation and its arguments from what the project holds now, and run it."""
    agencies = [a.id for a in mapping.agencies(project)]
    levels = [lv.id for lv in mapping.levels(project)]
    trips = [j.id for j in journey_list(project, archived=True)]
    stages = stage_ids(project, archived=True)
    pick = lambda ids: data.draw(st.sampled_from(ids))  # noqa: E731
    choices = [
        lambda: mapping.add_agency(project, data.draw(names) + " team"),
        lambda: mapping.add_level(project, data.draw(names), approx_count=data.draw(
            st.none() | st.integers(0, 99))),
        lambda: journeys.add_journey(project, "context", data.draw(names),
                                     context_type=data.draw(st.sampled_from(["place", "school"]))),
    ]
    if agencies:
        choices += [
            lambda: mapping.update_agency(project, pick(agencies), notes=data.draw(names)),
            lambda: mapping.move_agency(project, pick(agencies), data.draw(st.integers(0, 20))),
            lambda: mapping.delete_agency(project, pick(agencies),
                                          data.draw(st.none() | st.sampled_from(agencies))),
        ]
    if levels:
        choices += [lambda: mapping.delete_level(project, pick(levels)),
                    lambda: mapping.move_level(project, pick(levels), data.draw(st.integers(0, 9)))]
    if trips:
        choices += [
            lambda: journeys.add_stage(project, pick(trips), data.draw(names),
                                       link_from_last=data.draw(st.booleans()),
                                       days=data.draw(st.none() | st.integers(0, 60)),
                                       lead_agency_id=pick(agencies) if agencies else None),
            lambda: journeys.delete_journey(project, pick(trips)),
            lambda: journeys.restore_journey(project, pick(trips)),
        ]
    if stages:
        choices += [
            lambda: journeys.update_stage(project, pick(stages), name=data.draw(names),
                                          level_id=pick(levels) if levels else None),
            lambda: journeys.duplicate_stage(project, pick(stages)),
            lambda: journeys.move_stage(project, pick(stages), data.draw(st.integers(0, 9))),
            lambda: journeys.delete_stage(project, pick(stages)),
            lambda: journeys.restore_stage(project, pick(stages)),
            lambda: journeys.link_stages(project, pick(stages), pick(stages),
                                         data.draw(st.sampled_from(["next", "branch"]))),
            lambda: journeys.set_stage_agencies(
                project, pick(stages), data.draw(st.lists(st.sampled_from(agencies),
                                                          max_size=3)) if agencies else []),
        ]
    try:
        data.draw(st.sampled_from(choices))()
    except (ValueError, ProjectFileError):
        pass  # refused: nothing changed, nothing recorded


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_sequence_of_map_edits_undoes_and_redoes_exactly(data):
    folder = Path(tempfile.mkdtemp())
    try:
        project = OpenProject.open(new_project(folder / "p.csdesk", "Review", "Area"))
        journeys.add_journey(project, "child", "Child journey",
                             template_id=1 if data.draw(st.booleans()) else None)
        start, base = dump(project.path), len(project.history)
        for _ in range(data.draw(st.integers(1, 12))):
            one_edit(project, data)
        end = dump(project.path)
        while len(project.history) > base:
            project.undo()
        assert dump(project.path) == start
        while project.history.redo_label is not None:
            project.redo()
        assert dump(project.path) == end
        project.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
