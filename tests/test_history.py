"""One undo for every write: random edits, undo, redo and reopening against a plain model of
the project.

The edits here are written the way every operation is (work inside project.write, no inverse
of their own) and include what hand-written inverses miss: cascades, SET NULL, refused edits
and operations that call other operations."""

import copy
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from csdesk.models import Agency, Journey, JourneyKind, Level, Stage, StageAgency
from csdesk.services.project import OpenProject, new_project
from csdesk.store import ProjectFileError
from csdesk.store import changes as change_log
from csdesk.store.errors import EditRefusedError

from .conftest import digest

names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
                min_size=1, max_size=12).filter(str.strip)


# ----- edits, written as operations are -----

def add_agency(project, name):
    with project.write("add agency") as s:
        agency = Agency(name=name)
        s.add(agency)
        s.flush()
        return agency.id


def rename_agency(project, agency_id, name):
    with project.write("rename agency") as s:
        s.get(Agency, agency_id).name = name


def delete_agency(project, agency_id):
    with project.write("delete agency") as s:
        s.delete(s.get(Agency, agency_id))


def add_stage(project, journey_id, name, agency_ids):
    with project.write("add stage") as s:
        stage = Stage(journey_id=journey_id, name=name)
        s.add(stage)
        s.flush()
        for agency_id in agency_ids:
            s.add(StageAgency(stage_id=stage.id, agency_id=agency_id))
        return stage.id


def add_journey(project, title, stage_names, agency_ids):
    """Calls another operation for each stage: one edit, one undo step."""
    with project.write("add journey") as s:
        journey = Journey(kind=JourneyKind.CHILD, title=title)
        s.add(journey)
        s.flush()
        return journey.id, [add_stage(project, journey.id, n, agency_ids) for n in stage_names]


def delete_journey(project, journey_id):
    with project.write("delete journey") as s:
        s.delete(s.get(Journey, journey_id))


def set_stage_level(project, stage_id, level_id):
    with project.write("set level") as s:
        s.get(Stage, stage_id).level_id = level_id


def delete_level(project, level_id):
    with project.write("delete level") as s:
        s.delete(s.get(Level, level_id))


# ----- the plain model and what the file holds -----

def read_state(path: Path) -> dict:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        return {
            "details": conn.execute("SELECT title, local_area, marking, notes FROM project")
            .fetchone(),
            "agencies": dict(conn.execute("SELECT id, name FROM agency")),
            "journeys": dict(conn.execute("SELECT id, title FROM journey")),
            "stages": {r[0]: r[1:] for r in conn.execute(
                "SELECT id, journey_id, name, level_id FROM stage")},
            "stage_agencies": set(conn.execute("SELECT stage_id, agency_id FROM stage_agency")),
            "levels": dict(conn.execute("SELECT id, name FROM level")),
        }
    finally:
        conn.close()


class UndoMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.dir = Path(tempfile.mkdtemp())
        self.project = OpenProject.open(new_project(self.dir / "p.csdesk", "Review", "Area"))
        self.model = read_state(self.project.path)
        self.done: list[dict] = []  # model states before each edit still undoable
        self.undone: list[dict] = []

    def teardown(self):
        self.project.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    def edit(self, operation, *args, expect):
        """Run an operation; `expect(model)` changes a copy of the model as it should."""
        after = copy.deepcopy(self.model)
        try:
            result = operation(self.project, *args)
        except EditRefusedError:
            return None  # refused: nothing changed, nothing to undo
        expect(after, result)
        if after != self.model:
            self.done.append(self.model)
            self.undone.clear()
            self.model = after
        return result

    # -- rules --

    @rule(field=st.sampled_from(["title", "local_area", "marking", "notes"]), value=names)
    def change_detail(self, field, value):
        index = ["title", "local_area", "marking", "notes"].index(field)

        def expect(m, _):
            d = list(m["details"])
            d[index] = value.strip() if field != "notes" else value
            m["details"] = tuple(d)
        self.edit(lambda p: p.update_details(**{field: value}), expect=expect)

    @rule(name=names)
    def new_agency(self, name):
        def expect(m, new_id):
            m["agencies"][new_id] = name
        self.edit(add_agency, name, expect=expect)

    @precondition(lambda self: self.model["agencies"])
    @rule(data=st.data(), name=names)
    def renamed_agency(self, data, name):
        agency = data.draw(st.sampled_from(sorted(self.model["agencies"])))

        def expect(m, _):
            m["agencies"][agency] = name
        self.edit(rename_agency, agency, name, expect=expect)  # may clash: UNIQUE, refused

    @precondition(lambda self: self.model["agencies"])
    @rule(data=st.data())
    def deleted_agency(self, data):
        agency = data.draw(st.sampled_from(sorted(self.model["agencies"])))

        def expect(m, _):
            del m["agencies"][agency]
            m["stage_agencies"] = {sa for sa in m["stage_agencies"] if sa[1] != agency}
        self.edit(delete_agency, agency, expect=expect)

    @rule(title=names, stage_names=st.lists(names, max_size=3), data=st.data())
    def new_journey(self, title, stage_names, data):
        agencies = data.draw(st.lists(st.sampled_from(sorted(self.model["agencies"]) or [0]),
                                      unique=True, max_size=2).map(lambda a: [x for x in a if x]))

        def expect(m, result):
            journey_id, stage_ids = result
            m["journeys"][journey_id] = title
            for stage_id, name in zip(stage_ids, stage_names):
                m["stages"][stage_id] = (journey_id, name, None)
                m["stage_agencies"] |= {(stage_id, a) for a in agencies}
        self.edit(add_journey, title, stage_names, agencies, expect=expect)

    @precondition(lambda self: self.model["journeys"])
    @rule(data=st.data())
    def deleted_journey(self, data):
        journey = data.draw(st.sampled_from(sorted(self.model["journeys"])))

        def expect(m, _):
            del m["journeys"][journey]
            gone = {s for s, v in m["stages"].items() if v[0] == journey}
            m["stages"] = {s: v for s, v in m["stages"].items() if s not in gone}
            m["stage_agencies"] = {sa for sa in m["stage_agencies"] if sa[0] not in gone}
        self.edit(delete_journey, journey, expect=expect)

    @precondition(lambda self: self.model["stages"] and self.model["levels"])
    @rule(data=st.data())
    def levelled_stage(self, data):
        stage = data.draw(st.sampled_from(sorted(self.model["stages"])))
        level = data.draw(st.sampled_from(sorted(self.model["levels"])))

        def expect(m, _):
            journey, name, _ = m["stages"][stage]
            m["stages"][stage] = (journey, name, level)
        self.edit(set_stage_level, stage, level, expect=expect)

    @precondition(lambda self: self.model["levels"])
    @rule(data=st.data())
    def deleted_level(self, data):
        level = data.draw(st.sampled_from(sorted(self.model["levels"])))

        def expect(m, _):
            del m["levels"][level]
            m["stages"] = {s: (j, n, None if lv == level else lv)
                           for s, (j, n, lv) in m["stages"].items()}
        self.edit(delete_level, level, expect=expect)

    @rule()
    def undo(self):
        self.project.undo()
        if self.done:
            self.undone.append(self.model)
            self.model = self.done.pop()

    @rule()
    def redo(self):
        self.project.redo()
        if self.undone:
            self.done.append(self.model)
            self.model = self.undone.pop()

    @rule()
    def reopen(self):
        """Close the project and open it again (a laptop shut mid-workshop, a new day): every
        acknowledged edit is in the file, and the undo history starts afresh."""
        self.project.close()
        self.project = OpenProject.open(self.dir / "p.csdesk")
        self.done.clear()
        self.undone.clear()

    @invariant()
    def file_equals_model(self):
        assert read_state(self.project.path) == self.model
        assert (self.project.history.undo_label is None) == (not self.done)
        assert (self.project.history.redo_label is None) == (not self.undone)


UndoMachine.TestCase.settings = settings(
    max_examples=25, stateful_step_count=30, deadline=None,
    suppress_health_check=[HealthCheck.too_slow])
test_random_edits_undo_and_redo_match_the_model = UndoMachine.TestCase


# ----- failures leave the history and the file as they were -----

def test_a_failed_undo_changes_nothing_and_can_be_tried_again(new_file, monkeypatch):
    project = OpenProject.open(new_file)
    try:
        _journey, _ = add_journey(project, "Child journey", ["Front door", "Assessment"], [])
        saved = digest(new_file)

        real_replay = change_log.replay

        def disk_full_half_way(conn, changes, backwards):
            conn.execute("DELETE FROM stage_agency")  # some work done, then the disk fills
            raise sqlite3.OperationalError("database or disk is full")

        monkeypatch.setattr("csdesk.services.project.replay", disk_full_half_way)
        with pytest.raises(ProjectFileError, match="disk .* is full"):
            project.undo()
        assert digest(new_file) == saved
        assert project.history.undo_label == "add journey"

        monkeypatch.setattr("csdesk.services.project.replay", real_replay)
        project.undo()  # tried again, it works
        assert read_state(new_file)["journeys"] == {}
        assert project.history.redo_label == "add journey"
    finally:
        project.close()


def test_undo_after_a_takeover_is_refused_and_kept(new_file):
    project = OpenProject.open(new_file)
    try:
        project.update_details(title="Before the takeover")
        saved = digest(new_file)
        other = OpenProject.open(new_file, take_over_lock=True)  # someone takes it over
        with pytest.raises(ProjectFileError, match="taken over"):
            project.undo()
        other.close()
        assert digest(new_file) == saved
        assert project.history.undo_label == "change title"
    finally:
        project.close()


def test_operations_compose_into_one_step_and_one_notice(new_file):
    project = OpenProject.open(new_file)
    heard = []
    project.subscribe(heard.append)
    try:
        journey, stages = add_journey(project, "Park", ["Raised", "Screened", "Assessed"], [])
        assert len(heard) == 1 and heard[0].label == "add journey"
        assert heard[0].ids("stage", change_log.INSERT) == set(stages)
        assert heard[0].ids("journey") == {journey}
        project.undo()
        assert heard[-1].ids("stage", change_log.DELETE) == set(stages)
        assert project.history.undo_label is None
    finally:
        project.close()


def test_an_inner_failure_can_be_caught_by_the_outer_operation(new_file):
    project = OpenProject.open(new_file)
    try:
        before = read_state(new_file)["agencies"]
        with project.write("add agencies"):
            add_agency(project, "Northern Division")
            with pytest.raises(EditRefusedError, match="already an agency"):
                add_agency(project, "Northern Division")  # refused; the outer edit carries on
            add_agency(project, "Harbour Academy")
        added = set(read_state(new_file)["agencies"].values()) - set(before.values())
        assert added == {"Northern Division", "Harbour Academy"}
        project.undo()
        assert read_state(new_file)["agencies"] == before
    finally:
        project.close()


def test_a_busy_file_fails_at_the_start_of_an_edit(new_file):
    project = OpenProject.open(new_file)
    other = sqlite3.connect(new_file, timeout=0)
    try:
        other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        project.file.engine.dispose()
        with pytest.raises(ProjectFileError, match="busy"), project.write("add agency"):
            raise AssertionError("the edit's body must not run on a busy file")
    finally:
        other.rollback()
        other.close()
        project.close()


def test_a_step_the_file_no_longer_matches_is_refused_and_dropped(new_file):
    project = OpenProject.open(new_file)
    try:
        project.update_details(title="First")
        project.update_details(notes="Second")
        outside = sqlite3.connect(new_file)  # another program changes the notes meanwhile
        outside.execute("UPDATE project SET notes = 'Changed outside csdesk'")
        outside.commit()
        outside.close()
        saved = digest(new_file)
        with pytest.raises(ProjectFileError, match="changed outside csdesk"):
            project.undo()
        assert digest(new_file) == saved  # checked row by row: nothing half-undone
        assert project.history.undo_label == "change title"  # the stuck step is gone
        project.undo()
        assert read_state(new_file)["details"][0] == "System review"
    finally:
        project.close()


def test_the_history_keeps_a_limited_number_of_steps():
    from csdesk.services.history import History
    from csdesk.store.changes import ChangeSet, RowChange

    history = History(limit=3)
    for i in range(5):
        history.record(ChangeSet(f"edit {i}", (RowChange("t", i, "insert", None, {"a": i}),)))
    labels = []
    while history.next_undo():
        labels.append(history.undo_label)
        history.undone()
    assert labels == ["edit 4", "edit 3", "edit 2"]


def test_after_a_failed_commit_the_next_edit_works(new_file):
    """A COMMIT that fails must not leave the connection inside its transaction."""
    project = OpenProject.open(new_file)
    try:
        with pytest.raises(EditRefusedError):
            with project.write("break a link") as s:
                s.connection().exec_driver_sql("PRAGMA defer_foreign_keys = ON")
                s.connection().exec_driver_sql("UPDATE stage_agency SET agency_id = 999")
                s.connection().exec_driver_sql(
                    "INSERT INTO level (position, name, criteria, count_note, approx_count) "
                    "VALUES (9, 'x', '', '', NULL)")
                s.connection().exec_driver_sql(
                    "INSERT INTO journey (position, kind, title, description, archived) "
                    "VALUES (0, 'child', 'J', '', 0)")
                s.connection().exec_driver_sql(
                    "INSERT INTO stage (journey_id, position, name, lead_agency_id, "
                    "what_happens, decision, decision_options, time_note, context_considered, "
                    "gaps, evidence_notes, archived) "
                    "VALUES (1, 0, 'S', 999, '', '', '', '', '', '', '', 0)")
        project.update_details(title="Works after the failure")
        assert project.details().title == "Works after the failure"
    finally:
        project.close()
