"""The demo project: a complete, fictional Harrowmere project a user can explore, with no
personal data in it."""

import re
import sqlite3
from collections import Counter

import pytest
from sqlmodel import Session, select

from csdesk.models import (
    Action, ActionGap, ActionPartner, ActionStatus, Agency, CsValue, Domain, Journey, JourneyKind,
    Level, LinkKind, Member, MemberGroup, PlanLevel, ProgressNote, Project, Rag, Rating,
    RatingEvidence, ReviewRound, RoadmapStep, Stage, StageAgency, StageLink, StepStatus,
    SystemArea, ValueCheck,
)
from csdesk.services import demo
from csdesk.services.demo import demo_data, fresh_demo, write_demo
from csdesk.services.framework import load_framework
from csdesk.services.project import OpenProject
from csdesk.store import lock
from csdesk.store.errors import ProjectFileError, ProjectLockedError
from csdesk.store.project_file import make_engine

from .conftest import digest
from .test_cli import csdesk
from .test_operations import dump

PERSONAL_DATA = {
    "UK postcode": re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b"),
    "date of birth": re.compile(r"\bDOB\b|\bd\.o\.b\b|date of birth|\bborn\b", re.IGNORECASE),
    "a date like 01/02/2010": re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b"),
    "a title and name": re.compile(r"\b(Mr|Mrs|Ms|Miss|Dr)\.? [A-Z][a-z]+"),
    "an email address": re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+"),
    "a phone number": re.compile(r"\b0\d{2,4}[ -]?\d{3,4}[ -]?\d{3,4}\b"),
    "a case number": re.compile(r"\b[A-Z]{2,4}[-/]?\d{5,}\b"),
}


@pytest.fixture
def db(demo_file):
    engine = make_engine(demo_file, readonly=True)
    try:
        with Session(engine) as session:
            yield session
    finally:
        engine.dispose()


def _stages(db, kind=None):
    query = select(Stage).join(Journey).order_by(Journey.position, Stage.position)
    if kind is not None:
        query = query.where(Journey.kind == kind)
    return db.exec(query).all()


def _rounds(db):
    return db.exec(select(ReviewRound).order_by(ReviewRound.held_on)).all()


def test_write_demo_returns_the_path_and_never_overwrites(tmp_path):
    path = tmp_path / "demo.csdesk"
    assert write_demo(path) == path
    before = digest(path)
    with pytest.raises(ProjectFileError):
        write_demo(path)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".csdesk") == ["demo.csdesk"]


def test_fresh_demo_replaces_last_times_copy_unless_it_is_open(tmp_path):
    folder = tmp_path / "data"
    first = fresh_demo(folder)
    untouched = digest(first)
    conn = sqlite3.connect(first)
    conn.execute("UPDATE project SET title = 'Changed while exploring'")
    conn.commit()
    conn.close()
    assert fresh_demo(folder) == first and digest(first) == untouched
    holder = lock.acquire(first)
    try:
        with pytest.raises(ProjectLockedError):
            fresh_demo(folder)
    finally:
        lock.release(first, holder)
    assert sorted(p.name for p in folder.iterdir()) == [first.name]


def test_demo_is_the_same_every_time(tmp_path):
    dumps = []
    for name in ("one.csdesk", "two.csdesk"):
        conn = sqlite3.connect(write_demo(tmp_path / name))
        dumps.append(list(conn.iterdump()))
        conn.close()
    assert dumps[0] == dumps[1]


def test_file_is_sound(demo_file):
    conn = sqlite3.connect(demo_file)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


def test_project_is_a_fictional_area_with_the_default_framework(db):
    project = db.exec(select(Project)).one()
    fw = load_framework()
    assert project.title == "Contextual Safeguarding system review and plan"
    assert "Harrowmere" in project.local_area and "fictional" in project.local_area
    assert project.marking == "OFFICIAL"
    assert "fictional" in project.notes
    assert project.created_at.year == project.changed_at.year == 2026
    assert project.created_at < project.changed_at
    assert (project.framework_name, project.framework_version) == (fw["name"], fw["version"])


def test_no_text_looks_like_personal_data(demo_file):
    conn = sqlite3.connect(demo_file)
    found = []
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                for text in (v for v in row if isinstance(v, str)):
                    found += [(table, what, text) for what, pattern in PERSONAL_DATA.items()
                              if pattern.search(text)]
    finally:
        conn.close()
    assert found == []


def test_members_are_roles_without_names(db):
    members = db.exec(select(Member)).all()
    groups = Counter(m.member_group for m in members)
    assert 5 <= groups[MemberGroup.GOVERNANCE] <= 7
    champions = [m for m in members if m.member_group == MemberGroup.CHAMPION]
    assert sum(m.trained for m in champions) == 4  # "four champions from four agencies trained"
    assert any(not m.trained for m in champions)  # and a second group to come
    assert all(m.organisation for m in members if m.member_group == MemberGroup.CRITICAL_FRIEND)
    assert 1 <= groups[MemberGroup.CRITICAL_FRIEND] <= 2
    assert all(m.role and m.name == "" for m in members)


def test_levels_have_aggregate_counts(db):
    levels = db.exec(select(Level)).all()
    assert levels and all(lv.approx_count is not None and lv.count_note for lv in levels)


def test_child_journey_maps_referral_to_response(db):
    child = db.exec(select(Journey).where(Journey.kind == JourneyKind.CHILD)).one()
    assert child.context_type is None
    stages = _stages(db, JourneyKind.CHILD)
    assert len(stages) >= 8
    for stage in stages:
        assert stage.what_happens and stage.decision and stage.context_considered and stage.gaps
    assert any(s.level_id is not None for s in stages)


def test_context_journeys_are_triggered_from_the_child_journey(db):
    contexts = db.exec(select(Journey).where(Journey.kind == JourneyKind.CONTEXT)).all()
    assert len(contexts) >= 2 and all(j.context_type is not None for j in contexts)
    first_stages = {db.exec(select(Stage).where(Stage.journey_id == j.id)
                            .order_by(Stage.position)).first().id for j in contexts}
    child_ids = {s.id for s in _stages(db, JourneyKind.CHILD)}
    triggers = db.exec(select(StageLink).where(StageLink.kind == LinkKind.TRIGGERS_CONTEXT)).all()
    assert len(triggers) >= 2
    assert all(t.from_stage_id in child_ids and t.to_stage_id in first_stages for t in triggers)


def test_stages_have_agencies_and_next_links(db):
    """Each stage leads on to the one after it (the next stage or a branch), and the demo
    shows every kind of arrow: next, branch, a loop back and child-to-context triggers."""
    links = db.exec(select(StageLink)).all()
    arrows = {(ln.from_stage_id, ln.to_stage_id) for ln in links
              if ln.kind in (LinkKind.NEXT, LinkKind.BRANCH)}
    assert {ln.kind for ln in links} == set(LinkKind)
    positions = {s.id: s.position for s in db.exec(select(Stage))}
    assert any(positions[a] > positions[b] for a, b in arrows)  # a loop back
    for journey in db.exec(select(Journey)).all():
        ids = [s.id for s in db.exec(select(Stage).where(Stage.journey_id == journey.id)
                                     .order_by(Stage.position))]
        assert set(zip(ids, ids[1:])) <= arrows
    for stage in _stages(db):
        agencies = db.exec(select(StageAgency).where(StageAgency.stage_id == stage.id)).all()
        assert stage.lead_agency_id is not None, stage.name
        assert 1 <= len(agencies) <= 4 and stage.lead_agency_id not in {
            a.agency_id for a in agencies}, stage.name


def test_two_review_rounds_rate_every_item_in_every_domain(db):
    rounds = _rounds(db)
    assert [r.label for r in rounds] == ["Baseline", "Six-month review"]
    domains = {d.id for d in db.exec(select(Domain))}
    assert len(domains) == 4
    stage_cells = {(s.id, d) for s in _stages(db) for d in domains}
    area_cells = {(a.id, d) for a in db.exec(select(SystemArea)) for d in domains}
    for rnd in rounds:
        ratings = db.exec(select(Rating).where(Rating.round_id == rnd.id)).all()
        assert {(r.stage_id, r.domain_id) for r in ratings if r.stage_id} == stage_cells
        assert {(r.area_id, r.domain_id) for r in ratings if r.area_id} == area_cells
        assert len(ratings) == len(stage_cells) + len(area_cells)


def test_later_round_shows_progress(db):
    baseline, later = (Counter(r.rag for r in db.exec(select(Rating)
                                                        .where(Rating.round_id == rnd.id)))
                       for rnd in _rounds(db))
    assert later[Rag.GREEN] > baseline[Rag.GREEN]
    assert later[Rag.RED] < baseline[Rag.RED]
    assert baseline[Rag.RED] + baseline[Rag.AMBER] > 0.9 * sum(baseline.values())
    assert later[Rag.NOT_APPLICABLE] >= 1 and later[Rag.NOT_RATED] >= 1


def test_ratings_carry_rationale_evidence_and_confidence(db):
    for rating in db.exec(select(Rating)).all():
        if rating.rag == Rag.NOT_APPLICABLE:
            assert rating.na_reason
        elif rating.rag == Rag.NOT_RATED:
            assert rating.confidence is None
        else:
            sources = db.exec(select(RatingEvidence)
                              .where(RatingEvidence.rating_id == rating.id)).all()
            assert rating.rationale and rating.confidence and 1 <= len(sources) <= 3
    for rnd in _rounds(db):
        rationales = {r.rationale for r in db.exec(select(Rating).where(Rating.round_id == rnd.id))}
        assert len(rationales) >= 25


def test_every_value_is_checked_in_every_round(db):
    values = {v.id for v in db.exec(select(CsValue))}
    for rnd in _rounds(db):
        checks = db.exec(select(ValueCheck).where(ValueCheck.round_id == rnd.id)).all()
        assert {c.value_id for c in checks} == values
        assert all(c.evidence for c in checks)


def test_roadmap_shows_where_the_area_is(db):
    steps = db.exec(select(RoadmapStep)).all()
    statuses = Counter(s.status for s in steps)
    assert statuses[StepStatus.DONE] >= 3 and statuses[StepStatus.IN_PROGRESS] >= 1
    for step in steps:
        assert step.notes
        assert (step.completed_on is not None) == (step.status == StepStatus.DONE)
        if step.status != StepStatus.NOT_STARTED:
            assert step.started_on is not None


def test_plan_covers_every_status_and_level(db):
    actions = db.exec(select(Action)).all()
    assert {a.status for a in actions} == set(ActionStatus)
    assert {a.plan_level for a in actions} == set(PlanLevel)
    assert all(a.lead_agency_id and a.owner_role and a.due_on for a in actions)
    for action in actions:
        if action.plan_level == PlanLevel.LEVEL_2:
            assert action.goal and action.response and action.measure and action.journey_id


def test_actions_address_red_or_amber_gaps_at_baseline(db):
    baseline = _rounds(db)[0]
    gaps = db.exec(select(ActionGap)).all()
    assert {g.action_id for g in gaps} == {a.id for a in db.exec(select(Action))}
    for gap in gaps:
        rating = db.exec(select(Rating).where(
            Rating.round_id == baseline.id, Rating.domain_id == gap.domain_id,
            Rating.stage_id == gap.stage_id if gap.stage_id else Rating.area_id == gap.area_id,
        )).one()
        assert rating.rag in (Rag.RED, Rag.AMBER)


def test_the_file_holds_what_the_json_says(db):
    data = demo_data()
    assert "fictional" in data["about"] and "no personal data" in data["about"]
    project = db.exec(select(Project)).one()
    assert project.notes == data["project"]["notes"]
    assert project.created_at.isoformat() == data["project"]["created_at"]
    assert project.changed_at.isoformat() == data["project"]["changed_at"]
    assert [a.name for a in db.exec(select(Agency).order_by(Agency.position))] == [
        a["name"] for a in data["agencies"]]
    counts = {lv.name: (lv.approx_count, lv.count_note) for lv in db.exec(select(Level))}
    assert all(counts[lv["name"]] == (lv["approx_count"], lv["count_note"])
               for lv in data["levels"])
    journeys = db.exec(select(Journey).order_by(Journey.position)).all()
    assert [j.title for j in journeys] == [j["title"] for j in data["journeys"]]
    for journey, spec in zip(journeys, data["journeys"]):
        stages = db.exec(select(Stage).where(Stage.journey_id == journey.id)
                         .order_by(Stage.position)).all()
        assert [s.name for s in stages] == [s["name"] for s in spec["stages"]]
    assert Counter(ln.kind.value for ln in db.exec(select(StageLink))) == Counter(
        ln["kind"] for ln in data["links"])
    for rnd, spec in zip(_rounds(db), data["rounds"]):
        ratings = db.exec(select(Rating).where(Rating.round_id == rnd.id)).all()
        assert Counter(r.rag.value for r in ratings) == Counter(r["rag"] for r in spec["ratings"])
        assert sorted(r.rationale for r in ratings) == sorted(
            r.get("rationale", "") for r in spec["ratings"])
        evidence = db.exec(select(RatingEvidence).join(Rating)
                           .where(Rating.round_id == rnd.id)).all()
        assert len(evidence) == sum(len(r.get("sources", ())) for r in spec["ratings"])
        checks = db.exec(select(ValueCheck).where(ValueCheck.round_id == rnd.id)).all()
        assert Counter(c.rag.value for c in checks) == Counter(
            c["rag"] for c in spec["value_checks"])
    steps = {s.name: s.status.value for s in db.exec(select(RoadmapStep))}
    assert all(steps[s["step"]] == s["status"] for s in data["roadmap"])
    assert len(db.exec(select(Member)).all()) == len(data["members"])
    actions = db.exec(select(Action).order_by(Action.position)).all()
    assert [a.title for a in actions] == [a["title"] for a in data["actions"]]
    for table, key in ((ActionPartner, "partners"), (ActionGap, "gaps"),
                       (ProgressNote, "progress_notes")):
        assert len(db.exec(select(table)).all()) == sum(len(a[key]) for a in data["actions"])


def test_demo_file_passes_csdesk_check(demo_file):
    result = csdesk("check", demo_file)
    assert result.returncode == 0, result.stderr
    assert "sound" in result.stdout


def test_a_mistake_in_the_demo_data_leaves_no_file_behind(tmp_path, monkeypatch, user_dir):
    data = demo_data()
    data["actions"][-1]["partners"] = ["nobody"]  # late in the load
    monkeypatch.setattr(demo, "demo_data", lambda: data)
    with pytest.raises(ProjectFileError, match="harrowmere.json"):
        write_demo(tmp_path / "demo.csdesk")
    assert [p for p in tmp_path.iterdir() if p != user_dir] == []  # (the per-user folder is
    # conftest's, inside tmp_path: opening a project notes it there)


def test_loading_the_demo_is_one_edit_that_undo_takes_back(new_file):
    project = OpenProject.open(new_file)
    created = project.details().changed_at
    project.clock = lambda: created  # so undo's own stamp puts back the same time
    try:
        before = dump(new_file)
        with project.write("load the demo") as s:
            demo._load(project, s, demo_data())
        loaded = dump(new_file)
        assert len(loaded["rating"]) > 200
        assert project.history.undo_label == "load the demo"
        project.undo()
        assert project.history.undo_label is None
        assert dump(new_file) == before
        project.redo()
        assert dump(new_file) == loaded
    finally:
        project.close()
