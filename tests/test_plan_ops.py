"""The plan's editing operations: each writes what it says, refuses bad input at the field
with the file unchanged, and is one undo step taken back exactly and put back by redo."""

from datetime import date

import pytest

from csdesk.models import (
    Action, ActionGap, ActionPartner, ActionStatus, Member, ProgressNote, RoadmapStep,
    StepStatus, Vision,
)
from csdesk.services import plan
from csdesk.services.plan import Gap

from .conftest import digest
from . import test_operations
from .test_operations import dump, rows

m = test_operations.m  # the fixture: a project with a small map, made by the operations


def note(m):
    return plan.add_progress_note(m.project, m.action, date(2026, 7, 2), "Started")


def member(m):
    return plan.add_member(m.project, "champion", "Youth worker", m.agencies[0])


EDITS = {
    "change action": lambda m: plan.update_action(
        m.project, m.action, title="Refer contexts at the front door", status="blocked",
        start_on=date(2026, 4, 1), due_on=date(2026, 6, 30), lead_agency_id=m.agencies[1],
        goal="Contexts reach safeguarding", priority="high", plan_level="level 2",
        roadmap_step_id=m.step),
    "delete action": lambda m: (note(m), plan.add_gap(
        m.project, m.action, Gap(m.domains[0], stage_id=m.stages[0])),
        plan.set_partners(m.project, m.action, m.agencies),
        plan.delete_action(m.project, m.action)),
    "move action": lambda m: (plan.add_action(m.project, "Second"),
                              plan.move_action(m.project, m.action, 1)),
    "change partners": lambda m: plan.set_partners(m.project, m.action, m.agencies),
    "link gap": lambda m: plan.add_gap(m.project, m.action, Gap(m.domains[1], area_id=m.area)),
    "unlink gap": lambda m: (plan.add_gap(m.project, m.action,
                                          Gap(m.domains[1], area_id=m.area)),
                             plan.remove_gap(m.project, m.action,
                                             Gap(m.domains[1], area_id=m.area))),
    "change gaps": lambda m: plan.set_gaps(m.project, m.action, [
        Gap(m.domains[0], stage_id=m.stages[0]), Gap(m.domains[2], area_id=m.area)]),
    "change progress note": lambda m: plan.update_progress_note(
        m.project, note(m), noted_on=date(2026, 7, 9), text="Started in two teams"),
    "delete progress note": lambda m: plan.delete_progress_note(m.project, note(m)),
    "change person on board": lambda m: plan.update_member(
        m.project, member(m), trained=True, name="", organisation="", role="Senior youth worker"),
    "delete person on board": lambda m: plan.delete_member(m.project, member(m)),
    "move roadmap step": lambda m: plan.move_roadmap_step(m.project, m.step, 5),
    "change vision": lambda m: plan.set_vision(m.project, m.domains[0],
                                               "Contexts can be referred at the front door"),
}


@pytest.mark.parametrize("label", list(EDITS))
def test_each_plan_edit_is_one_undo_step_taken_back_exactly(m, label):
    EDITS[label](m)  # any set-up edits first, then the one under test last
    assert m.project.history.undo_label == label
    after = dump(m.project.path)
    m.project.undo()
    assert dump(m.project.path) != after
    m.project.redo()
    assert dump(m.project.path) == after


def test_update_action_changes_only_what_is_given(m):
    plan.update_action(m.project, m.action, status="in progress", owner_role="Team manager")
    [row] = rows(m.project, Action, Action.id == m.action)
    assert (row.title, row.status, row.owner_role) == (
        "Refer contexts", ActionStatus.IN_PROGRESS, "Team manager")


def test_delete_action_takes_its_links_and_notes_and_undo_brings_them_back(m):
    note(m)
    plan.add_gap(m.project, m.action, Gap(m.domains[0], stage_id=m.stages[0]))
    plan.set_partners(m.project, m.action, m.agencies)
    before = dump(m.project.path)
    plan.delete_action(m.project, m.action)
    for table in (Action, ActionGap, ActionPartner, ProgressNote):
        assert rows(m.project, table) == []
    m.project.undo()
    assert dump(m.project.path) == before


def test_set_gaps_and_partners_make_the_set_exactly_that(m):
    one, two = Gap(m.domains[0], stage_id=m.stages[0]), Gap(m.domains[1], area_id=m.area)
    plan.set_gaps(m.project, m.action, [one, two, one])
    plan.set_gaps(m.project, m.action, [two])
    [row] = rows(m.project, ActionGap)
    assert (row.area_id, row.domain_id) == (m.area, m.domains[1])
    plan.update_action(m.project, m.action, lead_agency_id=m.agencies[0])
    with pytest.raises(ValueError, match="not also a partner"):
        plan.set_partners(m.project, m.action, m.agencies)  # the lead is not its own partner
    plan.set_partners(m.project, m.action, m.agencies[1:])
    assert [p.agency_id for p in rows(m.project, ActionPartner)] == [m.agencies[1]]
    plan.update_action(m.project, m.action, lead_agency_id=m.agencies[1])  # a partner leads
    assert rows(m.project, ActionPartner) == []
    plan.add_gap(m.project, m.action, two)  # already linked: nothing changes
    assert len(rows(m.project, ActionGap)) == 1


def test_vision_is_one_statement_a_domain_and_empty_removes_it(m):
    plan.set_vision(m.project, m.domains[0], "  Contexts referred at the front door ")
    plan.set_vision(m.project, m.domains[0], "Contexts referred and conferenced")
    [row] = rows(m.project, Vision)
    assert row.statement == "Contexts referred and conferenced"
    plan.set_vision(m.project, m.domains[0], "")
    assert rows(m.project, Vision) == []


def test_members_and_roadmap_steps(m):
    friend = plan.add_member(m.project, "critical friend", "CS lead",
                             organisation="Neighbouring council")
    [row] = rows(m.project, Member, Member.id == friend)
    assert (row.organisation, row.agency_id, row.trained) == ("Neighbouring council", None,
                                                              False)
    plan.update_roadmap_step(m.project, m.step, status="revisit")
    [step] = rows(m.project, RoadmapStep, RoadmapStep.id == m.step)
    assert step.status == StepStatus.REVISIT


def started(m):
    plan.update_action(m.project, m.action, start_on=date(2026, 5, 1))
    return m.action


# (set-up that returns an id, the refused edit of that id, words of its message)
REFUSED = [
    (lambda m: m.action, lambda m, i: plan.update_action(
        m.project, i, start_on=date(2026, 5, 1), due_on=date(2026, 4, 1)),
     "due before it starts"),
    (started, lambda m, i: plan.update_action(m.project, i, due_on=date(2026, 4, 1)),
     "due before it starts"),
    (lambda m: m.action, lambda m, i: plan.update_action(m.project, i, title="  "),
     "title cannot be empty"),
    (lambda m: m.action, lambda m, i: plan.update_action(m.project, i, status="finished"),
     "not an action's status"),
    (lambda m: m.action, lambda m, i: plan.update_action(m.project, i, colour="red"),
     "Not something an action records"),
    (lambda m: m.action, lambda m, i: plan.add_gap(m.project, i, Gap(m.domains[0])),
     "one stage or one"),
    (note, lambda m, i: plan.update_progress_note(m.project, i, text=" "),
     "progress note cannot be empty"),
    (member, lambda m, i: plan.update_member(m.project, i, role=""), "role cannot be empty"),
    (lambda m: 9999, lambda m, i: plan.delete_action(m.project, i), "not in this project"),
    (lambda m: 9999, lambda m, i: plan.set_vision(m.project, i, "A vision"),
     "not in this project"),
]


@pytest.mark.parametrize("prepare, edit, words", REFUSED)
def test_bad_plan_input_is_refused_and_changes_nothing(m, prepare, edit, words):
    row_id = prepare(m)
    before, label = digest(m.project.path), m.project.history.undo_label
    with pytest.raises(ValueError, match=words):
        edit(m, row_id)
    assert digest(m.project.path) == before
    assert m.project.history.undo_label == label
