"""The operations behind the Map, Rate and Plan sections: each writes what it should, refuses
bad input with a plain ValueError leaving the file as it was, and is one undo step that undo
takes back exactly and redo puts back."""

import sqlite3
from datetime import date, datetime, timezone
from types import SimpleNamespace

import pytest
from sqlmodel import select

from csdesk.models import (
    Action, ActionGap, ActionPartner, ActionStatus, Agency, Confidence, ContextType, CsValue,
    Domain, EvidenceSource, Journey, JourneyKind, Level, LinkKind, Member, MemberGroup, PlanLevel,
    Priority, ProgressNote, Rag, Rating, RatingEvidence, ReviewRound, RoadmapStep, Stage,
    StageAgency, StageLink, StepStatus, SystemArea, ValueCheck,
)
from csdesk.services import journeys, mapping, plan, review
from csdesk.services.project import OpenProject
from csdesk.store.errors import EditRefusedError

from .conftest import digest

FIXED = datetime(2026, 5, 1, 12, 0, tzinfo=timezone.utc)


def dump(path) -> dict[str, list]:
    """Every row of every table, sorted: two dumps are equal when the files hold the same."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr)
                for t in tables}
    finally:
        conn.close()


@pytest.fixture
def m(new_file):
    """A project with a small map (made by the operations) and its framework's ids."""
    project = OpenProject.open(new_file)
    project.clock = lambda: FIXED  # so undo's own stamp leaves changed_at as it was
    with project.read() as s:
        first = {table: s.exec(select(table.id).order_by(table.id)).all()
                 for table in (Domain, SystemArea, EvidenceSource, CsValue, Level, RoadmapStep)}
    with project.write("set up"):
        agencies = [mapping.add_agency(project, n, "Police") for n in ("Force", "School")]
        child = journeys.add_journey(project, "child", "Child journey")
        place = journeys.add_journey(project, "context", "Places", context_type="place")
        stages = [journeys.add_stage(project, child, n) for n in ("Referral", "Front door")]
        stages.append(journeys.add_stage(project, place, "Place raised"))
        round_id = review.add_round(project, "Baseline", date(2026, 3, 12))
        action = plan.add_action(project, "Refer contexts")
    try:
        yield SimpleNamespace(
            project=project, agencies=agencies, child=child, place=place, stages=stages,
            round=round_id, action=action, domains=first[Domain], area=first[SystemArea][0],
            sources=first[EvidenceSource], value=first[CsValue][0], level=first[Level][0],
            step=first[RoadmapStep][0])
    finally:
        project.close()


def rows(project, table, *where):
    with project.read() as s:
        return s.exec(select(table).where(*where)).all()


# ----- each operation does what it says -----

def test_add_agency_goes_last(m):
    before = len(rows(m.project, Agency))
    new = mapping.add_agency(m.project, "  Parks Service ", "Parks and leisure")
    agency = rows(m.project, Agency, Agency.id == new)[0]
    assert (agency.name, agency.sector, agency.position) == ("Parks Service",
                                                             "Parks and leisure", before)


def test_update_level_sets_only_what_is_given(m):
    mapping.update_level(m.project, m.level, approx_count=12, count_note="snapshot, May")
    mapping.update_level(m.project, m.level, criteria="Open to early help")
    level = rows(m.project, Level, Level.id == m.level)[0]
    assert (level.criteria, level.approx_count, level.count_note) == (
        "Open to early help", 12, "snapshot, May")
    mapping.update_level(m.project, m.level, approx_count=None)
    assert rows(m.project, Level, Level.id == m.level)[0].approx_count is None


def test_add_journey_of_each_kind(m):
    school = journeys.add_journey(m.project, JourneyKind.CONTEXT, "Schools", "Two pilots",
                                 ContextType.SCHOOL)
    journey = rows(m.project, Journey, Journey.id == school)[0]
    assert (journey.kind, journey.context_type, journey.title, journey.description,
            journey.position) == (JourneyKind.CONTEXT, ContextType.SCHOOL, "Schools",
                                  "Two pilots", 2)
    assert rows(m.project, Journey, Journey.id == m.child)[0].context_type is None


def test_add_stage_records_every_field_and_goes_last_in_its_journey(m):
    text = {f: f"{f} text" for f in journeys.STAGE_TEXT}
    new = journeys.add_stage(m.project, m.child, "Strategy discussion", level_id=m.level,
                             days=1, waiting_days=0, **text)
    stage = rows(m.project, Stage, Stage.id == new)[0]
    assert (stage.journey_id, stage.name, stage.level_id, stage.position) == (
        m.child, "Strategy discussion", m.level, 2)
    assert {f: getattr(stage, f) for f in journeys.STAGE_TEXT} == text
    assert (stage.days, stage.waiting_days) == (1, 0)
    assert rows(m.project, Stage, Stage.id == m.stages[2])[0].position == 0


def test_set_stage_agencies_makes_the_set_exactly_that(m):
    stage = m.stages[0]
    journeys.set_stage_agencies(m.project, stage, m.agencies)
    journeys.set_stage_agencies(m.project, stage, [m.agencies[1], m.agencies[1]])
    assert [r.agency_id for r in rows(m.project, StageAgency, StageAgency.stage_id == stage)] \
        == [m.agencies[1]]


def test_link_stages(m):
    new = journeys.link_stages(m.project, m.stages[1], m.stages[2], "triggers context",
                              "Three referrals name one park")
    link = rows(m.project, StageLink, StageLink.id == new)[0]
    assert (link.from_stage_id, link.to_stage_id, link.kind, link.note) == (
        m.stages[1], m.stages[2], LinkKind.TRIGGERS_CONTEXT, "Three referrals name one park")
    # the same two stages are linked once
    with pytest.raises(ValueError, match="already linked"):
        journeys.link_stages(m.project, m.stages[1], m.stages[2], LinkKind.TRIGGERS_CONTEXT)


def test_add_round(m):
    new = review.add_round(m.project, "Six-month review", date(2026, 10, 15),
                           "Head of Service; critical friend", "Re-rating")
    rnd = rows(m.project, ReviewRound, ReviewRound.id == new)[0]
    assert (rnd.label, rnd.held_on, rnd.participants, rnd.notes, rnd.position) == (
        "Six-month review", date(2026, 10, 15), "Head of Service; critical friend",
        "Re-rating", 1)


def test_rate_creates_then_replaces_the_one_rating_of_a_cell(m):
    cell = dict(domain_id=m.domains[0], stage_id=m.stages[0])
    first = review.rate(m.project, m.round, **cell, rag="red", rationale="Child only",
                        evidence_notes="Audit", confidence="low", source_ids=m.sources[:2])
    again = review.rate(m.project, m.round, **cell, rag=Rag.AMBER, rationale="Some places",
                        confidence=Confidence.HIGH, source_ids=m.sources[1:3])
    assert again == first
    (rating,) = rows(m.project, Rating)
    assert (rating.rag, rating.rationale, rating.evidence_notes, rating.confidence) == (
        Rag.AMBER, "Some places", "", Confidence.HIGH)
    assert sorted(r.source_id for r in rows(m.project, RatingEvidence)) == m.sources[1:3]


def test_rate_a_system_area_and_not_applicable(m):
    new = review.rate(m.project, m.round, domain_id=m.domains[1], area_id=m.area,
                      rag="not applicable", na_reason="Rated at the front door instead")
    rating = rows(m.project, Rating, Rating.id == new)[0]
    assert (rating.area_id, rating.stage_id, rating.rag, rating.na_reason) == (
        m.area, None, Rag.NOT_APPLICABLE, "Rated at the front door instead")


def test_set_value_check_creates_then_replaces(m):
    first = review.set_value_check(m.project, m.round, m.value, "amber", "Partners, not "
                                   "young people", "medium")
    again = review.set_value_check(m.project, m.round, m.value, Rag.GREEN, "Co-designed")
    assert first == again
    (check,) = rows(m.project, ValueCheck)
    assert (check.rag, check.evidence, check.confidence) == (Rag.GREEN, "Co-designed", None)


def test_update_roadmap_step(m):
    plan.update_roadmap_step(m.project, m.step, status="done", started_on=date(2026, 1, 12),
                             completed_on=date(2026, 2, 20), notes="Terms agreed")
    step = rows(m.project, RoadmapStep, RoadmapStep.id == m.step)[0]
    assert (step.status, step.started_on, step.completed_on, step.notes) == (
        StepStatus.DONE, date(2026, 1, 12), date(2026, 2, 20), "Terms agreed")


def test_add_member_needs_only_a_role(m):
    new = plan.add_member(m.project, "critical friend", "Researcher", notes="Evaluating")
    member = rows(m.project, Member, Member.id == new)[0]
    assert (member.member_group, member.role, member.agency_id, member.name, member.notes) == (
        MemberGroup.CRITICAL_FRIEND, "Researcher", None, "", "Evaluating")
    plan.add_member(m.project, MemberGroup.CHAMPION, "Youth worker", m.agencies[0])


def test_add_action_with_partners_and_gaps(m):
    new = plan.add_action(
        m.project, "Context conference for the interchange", description="Assess and plan",
        plan_level="level 2", lead_agency_id=m.agencies[0], owner_role="Coordinator",
        start_on=date(2026, 6, 1), due_on=date(2027, 3, 31), review_on=date(2026, 12, 10),
        status="in progress", priority="high", goal="Safer", response="Training",
        measure="Survey", success_looks_like="Adults look out", roadmap_step_id=m.step,
        journey_id=m.place, partner_ids=[m.agencies[1]],
        gaps=[plan.Gap(m.domains[0], stage_id=m.stages[2]),
              plan.Gap(m.domains[3], area_id=m.area)])
    action = rows(m.project, Action, Action.id == new)[0]
    assert (action.position, action.plan_level, action.status, action.priority,
            action.lead_agency_id, action.journey_id, action.roadmap_step_id, action.due_on) == (
        1, PlanLevel.LEVEL_2, ActionStatus.IN_PROGRESS, Priority.HIGH, m.agencies[0], m.place,
        m.step, date(2027, 3, 31))
    assert [p.agency_id for p in rows(m.project, ActionPartner)] == [m.agencies[1]]
    assert {(g.stage_id, g.area_id, g.domain_id) for g in rows(m.project, ActionGap)} == {
        (m.stages[2], None, m.domains[0]), (None, m.area, m.domains[3])}


def test_add_progress_note(m):
    new = plan.add_progress_note(m.project, m.action, date(2026, 7, 2), "Live since 1 July")
    note = rows(m.project, ProgressNote, ProgressNote.id == new)[0]
    assert (note.action_id, note.noted_on, note.text) == (m.action, date(2026, 7, 2),
                                                          "Live since 1 July")


# ----- every operation is one undo step, taken back exactly and put back -----

EDITS = {
    "add agency": lambda m: mapping.add_agency(m.project, "Parks", "Parks and leisure"),
    "change level": lambda m: mapping.update_level(m.project, m.level, approx_count=7,
                                                   count_note="snapshot"),
    "add journey": lambda m: journeys.add_journey(m.project, "context", "Schools",
                                                 context_type="school"),
    "add stage": lambda m: journeys.add_stage(m.project, m.child, "Assessment", level_id=m.level,
                                             gaps="No mapping"),
    "change stage agencies": lambda m: journeys.set_stage_agencies(m.project, m.stages[0],
                                                                  m.agencies),
    "link stages": lambda m: journeys.link_stages(m.project, m.stages[0], m.stages[1]),
    "add review round": lambda m: review.add_round(m.project, "Review", date(2026, 10, 15)),
    "rate cell": lambda m: review.rate(m.project, m.round, domain_id=m.domains[0],
                                       stage_id=m.stages[0], rag="red", rationale="Child only",
                                       confidence="low", source_ids=m.sources[:2]),
    "check value": lambda m: review.set_value_check(m.project, m.round, m.value, "amber", "Some"),
    "change roadmap step": lambda m: plan.update_roadmap_step(
        m.project, m.step, status="in progress", started_on=date(2026, 1, 12)),
    "add member": lambda m: plan.add_member(m.project, "champion", "Youth worker", m.agencies[0]),
    "add action": lambda m: plan.add_action(
        m.project, "Train staff", lead_agency_id=m.agencies[0], partner_ids=m.agencies[1:],
        gaps=[plan.Gap(m.domains[0], stage_id=m.stages[0])]),
    "add progress note": lambda m: plan.add_progress_note(m.project, m.action,
                                                          date(2026, 7, 2), "Started"),
}


def rate_again(m):
    """Replacing a rating (not only creating one) is undone exactly too."""
    cell = dict(domain_id=m.domains[0], stage_id=m.stages[0])
    review.rate(m.project, m.round, **cell, rag="red", source_ids=m.sources[:2])
    return review.rate(m.project, m.round, **cell, rag="amber", source_ids=m.sources[1:3])


@pytest.mark.parametrize("label", list(EDITS))
def test_undo_takes_the_edit_back_exactly_and_redo_puts_it_back(m, label):
    before = dump(m.project.path)
    EDITS[label](m)
    after = dump(m.project.path)
    assert after != before
    assert m.project.history.undo_label == label
    m.project.undo()
    assert dump(m.project.path) == before
    m.project.redo()
    assert dump(m.project.path) == after


def test_replacing_a_rating_undoes_to_the_first_rating(m):
    cell = dict(domain_id=m.domains[0], stage_id=m.stages[0])
    review.rate(m.project, m.round, **cell, rag="red", rationale="a", source_ids=m.sources[:2])
    first = dump(m.project.path)
    review.rate(m.project, m.round, **cell, rag="amber", rationale="b",
                source_ids=m.sources[1:3])
    second = dump(m.project.path)
    m.project.undo()
    assert dump(m.project.path) == first
    m.project.redo()
    assert dump(m.project.path) == second


def test_operations_inside_a_write_are_one_undo_step(m):
    before = dump(m.project.path)
    with m.project.write("map the school journey"):
        journey = journeys.add_journey(m.project, "context", "Schools", context_type="school")
        stage = journeys.add_stage(m.project, journey, "School raised")
        journeys.link_stages(m.project, m.stages[0], stage, "triggers context")
    assert m.project.history.undo_label == "map the school journey"
    m.project.undo()
    assert dump(m.project.path) == before
    assert m.project.history.undo_label == "set up"


# ----- bad input is refused in plain words and changes nothing -----

BAD = [
    ("empty agency name", lambda m: mapping.add_agency(m.project, "  "), "cannot be empty"),
    ("negative count", lambda m: mapping.update_level(m.project, m.level, approx_count=-1),
     "whole number"),
    ("unknown level field", lambda m: mapping.update_level(m.project, m.level, colour="x"),
     "Not something a level records"),
    ("missing level", lambda m: mapping.update_level(m.project, 999, criteria="x"),
     "not in this project"),
    ("unknown journey kind", lambda m: journeys.add_journey(m.project, "family", "Family"),
     "not a kind of journey"),
    ("child journey with a context type",
     lambda m: journeys.add_journey(m.project, "child", "Child", context_type="place"),
     "no context type"),
    ("context journey without one", lambda m: journeys.add_journey(m.project, "context", "X"),
     "not a kind of context"),
    ("empty journey title", lambda m: journeys.add_journey(m.project, "child", ""),
     "cannot be empty"),
    ("empty stage name", lambda m: journeys.add_stage(m.project, m.child, " "), "cannot be empty"),
    ("unknown stage field", lambda m: journeys.add_stage(m.project, m.child, "X", colour="red"),
     "Not something a stage records"),
    ("self link", lambda m: journeys.link_stages(m.project, m.stages[0], m.stages[0]),
     "cannot lead to itself"),
    ("duplicate link", lambda m: journeys.link_stages(m.project, m.stages[0], m.stages[1]),
     "already linked"),
    ("unknown link kind", lambda m: journeys.link_stages(m.project, m.stages[0], m.stages[1],
                                                        "sideways"), "not a kind of link"),
    ("empty round label", lambda m: review.add_round(m.project, ""), "cannot be empty"),
    ("round date as text", lambda m: review.add_round(m.project, "R", "2026-03-12"),
     "must be a date"),
    ("rating colour", lambda m: review.rate(m.project, m.round, domain_id=m.domains[0],
                                            stage_id=m.stages[0], rag="purple"),
     "not a rating"),
    ("rating of two items", lambda m: review.rate(m.project, m.round, domain_id=m.domains[0],
                                                  stage_id=m.stages[0], area_id=m.area,
                                                  rag="red"), "one stage or one"),
    ("rating of no item", lambda m: review.rate(m.project, m.round, domain_id=m.domains[0],
                                                rag="red"), "one stage or one"),
    ("not applicable without a reason",
     lambda m: review.rate(m.project, m.round, domain_id=m.domains[0], stage_id=m.stages[0],
                           rag="not applicable", na_reason=" "), "needs a reason"),
    ("confidence", lambda m: review.rate(m.project, m.round, domain_id=m.domains[0],
                                         stage_id=m.stages[0], rag="red", confidence="total"),
     "not a level of confidence"),
    ("value check colour", lambda m: review.set_value_check(m.project, m.round, m.value, "blue"),
     "not a rating"),
    ("step status", lambda m: plan.update_roadmap_step(m.project, m.step, status="finished"),
     "not a step's status"),
    ("step done before started",
     lambda m: plan.update_roadmap_step(m.project, m.step, started_on=date(2026, 3, 1),
                                        completed_on=date(2026, 2, 1)), "completed before"),
    ("unknown step field", lambda m: plan.update_roadmap_step(m.project, m.step, name="x"),
     "Not something a roadmap step records"),
    ("member without a role", lambda m: plan.add_member(m.project, "champion", ""),
     "cannot be empty"),
    ("member group", lambda m: plan.add_member(m.project, "fan club", "Fan"),
     "not a group"),
    ("action without a title", lambda m: plan.add_action(m.project, " "), "cannot be empty"),
    ("action due before it starts",
     lambda m: plan.add_action(m.project, "A", start_on=date(2026, 5, 1), due_on=date(2026, 4, 1)),
     "due before it starts"),
    ("action status", lambda m: plan.add_action(m.project, "A", status="paused"),
     "not an action's status"),
    ("gap in no item", lambda m: plan.add_action(m.project, "A", gaps=[plan.Gap(m.domains[0])]),
     "one stage or one"),
    ("empty progress note", lambda m: plan.add_progress_note(m.project, m.action,
                                                             date(2026, 7, 2), " "),
     "cannot be empty"),
    ("progress note without a date",
     lambda m: plan.add_progress_note(m.project, m.action, None, "Started"), "needs a date"),
]


@pytest.mark.parametrize("edit, words", [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_input_is_refused_and_changes_nothing(m, edit, words):
    if words == "already linked":
        journeys.link_stages(m.project, m.stages[0], m.stages[1])
    before, label = digest(m.project.path), m.project.history.undo_label
    with pytest.raises(ValueError, match=words):
        edit(m)
    assert digest(m.project.path) == before
    assert m.project.history.undo_label == label


def test_an_id_not_in_the_project_is_refused_by_the_file(m):
    before = digest(m.project.path)
    with pytest.raises(ValueError, match="not in this project"):
        journeys.add_stage(m.project, 999, "Orphan")
    with pytest.raises(EditRefusedError, match="no longer exists"):
        review.rate(m.project, m.round, domain_id=m.domains[0], stage_id=999, rag="red")
    assert digest(m.project.path) == before


def test_a_refused_operation_inside_a_write_leaves_the_rest_of_it(m):
    with m.project.write("add agencies"):
        mapping.add_agency(m.project, "Parks")
        with pytest.raises(ValueError, match="already an agency"):
            mapping.add_agency(m.project, "PARKS")  # names are unique, whatever the case
    assert [a.name for a in rows(m.project, Agency)].count("Parks") == 1
    assert m.project.history.undo_label == "add agencies"
