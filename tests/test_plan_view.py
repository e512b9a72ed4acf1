"""The plan as plain data: gaps with their latest rating and change, the trace both ways
between cells and actions, gaps with no action, and what moved between two rounds. No Qt."""

from datetime import date

import pytest
from sqlmodel import select

from csdesk.models import ActionStatus, Domain, MemberGroup, Rag, Stage, StepStatus, SystemArea
from csdesk.services import plan, plan_view, review
from csdesk.services.plan import Gap
from csdesk.services.plan_view import Movement, movement
from csdesk.services.project import OpenProject


@pytest.fixture
def demo(demo_file):
    project = OpenProject.open(demo_file)
    yield project
    project.close()


@pytest.fixture
def blank(new_file):
    project = OpenProject.open(new_file)
    yield project
    project.close()


def ids(project):
    with project.read() as s:
        domains = {d.key: d.id for d in s.exec(select(Domain))}
        stages = {st.name: st.id for st in s.exec(select(Stage))}
        areas = {a.name: a.id for a in s.exec(select(SystemArea))}
    return domains, stages, areas


def test_movement_compares_only_red_amber_green():
    assert movement(Rag.RED, Rag.AMBER) == Movement.IMPROVED
    assert movement(Rag.GREEN, Rag.AMBER) == Movement.WORSE
    assert movement(Rag.AMBER, Rag.AMBER) == Movement.STAYED
    assert movement(Rag.NOT_RATED, Rag.GREEN) == Movement.UNKNOWN
    assert movement(Rag.RED, Rag.NOT_APPLICABLE) == Movement.UNKNOWN


def test_an_action_shows_its_agencies_gaps_and_notes_in_words(demo):
    views = plan_view.actions(demo, today=date(2026, 10, 20))
    front = next(a for a in views if a.title.startswith("Let partners refer a context"))
    assert front.lead_agency == "Harrowmere Children's Social Care"
    assert front.partners and all(isinstance(p, str) and p for p in front.partners)
    assert front.roadmap_step == "Develop a plan"
    labels = [g.label for g in front.gaps]
    assert any(label.endswith("\u00d7 Target") for label in labels)
    gap = front.gaps[0]
    # The latest round's rating, and its change since the baseline, in words.
    assert gap.rag in Rag and gap.previous in Rag
    assert gap.rag.label in gap.rating_words
    if gap.change != Movement.UNKNOWN and gap.previous != gap.rag:
        assert f"was {gap.previous.label}" in gap.rating_words
    assert front.notes and front.notes == tuple(sorted(front.notes, key=lambda n: n.noted_on,
                                                       reverse=True))
    assert front.domains == tuple(sorted(set(front.domains), key=front.domains.index))


def test_overdue_is_due_before_today_and_still_open(demo):
    views = plan_view.actions(demo, today=date(2026, 12, 20))
    for a in views:
        late = a.due_on is not None and a.due_on < date(2026, 12, 20) \
            and a.status not in (ActionStatus.DONE, ActionStatus.DROPPED)
        assert a.overdue == late
        assert ("(overdue)" in a.due_words) == late
    assert any(a.overdue for a in views) and not all(a.overdue for a in views)


def test_actions_for_a_cell_are_those_linked_to_it(demo):
    domains, stages, areas = ids(demo)
    found = plan_view.actions_for_cell(demo, area_id=areas["Case-recording systems"],
                                       domain_id=domains["target"])
    assert {a.title for a in found} == {
        "Build peer and place mapping into the child and family assessment",
        "Record contexts in the case-recording system"}
    front_door = stages["Front door (MASH) screening and threshold decision"]
    found = plan_view.actions_for_cell(demo, stage_id=front_door,
                                       domain_id=domains["partnerships"])
    assert [(a.title, a.status) for a in found] == [
        ("Separate exploitation screening tool at the front door", ActionStatus.DROPPED)]
    # And each of those actions names the cell among its gaps.
    assert Gap(domains["partnerships"], stage_id=front_door) in {g.key for g in found[0].gaps}
    with pytest.raises(ValueError):
        plan_view.actions_for_cell(demo, domain_id=domains["target"])


def test_gaps_without_action_are_red_and_amber_cells_of_the_latest_round(demo):
    groups = plan_view.gaps_without_action(demo)
    assert groups
    linked = {g.key for a in plan_view.actions(demo) if a.status != ActionStatus.DROPPED
              for g in a.gaps}
    seen = set()
    for group in groups:
        assert group.gaps and all(g.domain == group.domain and g.journey == group.journey
                                  for g in group.gaps)
        for g in group.gaps:
            assert g.rag in (Rag.RED, Rag.AMBER) and g.key not in linked
            seen.add(g.key)
    # Grouped by domain in the framework's order, each domain's journeys together.
    order = [g.gaps[0].domain_position for g in groups]
    assert order == sorted(order)
    # Linking an action to one of them takes it off the list; dropping the action puts it back.
    first = groups[0].gaps[0]
    action_id = plan.add_action(demo, "Close a gap", gaps=(first.key,))
    assert first.key not in {g.key for gr in plan_view.gaps_without_action(demo)
                             for g in gr.gaps}
    plan.update_action(demo, action_id, status="dropped")
    assert first.key in {g.key for gr in plan_view.gaps_without_action(demo) for g in gr.gaps}


def test_a_new_project_has_no_gaps_until_a_round_rates_one(blank):
    domains, _, areas = ids(blank)
    assert plan_view.gaps_without_action(blank) == []
    round_id = review.add_round(blank, "Baseline")
    review.rate(blank, round_id, area_id=areas["Training and workforce"],
                domain_id=domains["target"], rag="red")
    review.rate(blank, round_id, area_id=areas["Training and workforce"],
                domain_id=domains["outcomes"], rag="green")
    [group] = plan_view.gaps_without_action(blank)
    assert group.journey == plan_view.SYSTEM_WIDE
    assert [g.label for g in group.gaps] == ["Training and workforce \u00d7 Target"]
    assert group.gaps[0].previous is None  # no round before


def test_actions_linked_to_no_gap_are_flagged(demo):
    assert plan_view.actions_without_gap(demo) == []
    action_id = plan.add_action(demo, "Write a communications plan")
    [flagged] = plan_view.actions_without_gap(demo)
    assert flagged.id == action_id and not flagged.linked


def test_what_moved_between_two_rounds(blank):
    domains, _, areas = ids(blank)
    a, b = areas["Training and workforce"], areas["Case-recording systems"]
    first = review.add_round(blank, "Baseline")
    second = review.add_round(blank, "Six months on")
    for round_id, cells in ((first, {(a, "target"): "red", (b, "target"): "green",
                                     (b, "outcomes"): "amber"}),
                            (second, {(a, "target"): "amber", (b, "target"): "amber",
                                      (b, "outcomes"): "amber"})):
        for (area, domain), rag in cells.items():
            review.rate(blank, round_id, area_id=area, domain_id=domains[domain], rag=rag)
    better = plan.add_action(blank, "Train", gaps=(Gap(domains["target"], area_id=a),))
    worse = plan.add_action(blank, "Record", gaps=(Gap(domains["target"], area_id=b),))
    same = plan.add_action(blank, "Measure", gaps=(Gap(domains["outcomes"], area_id=b),))
    unrated = plan.add_action(blank, "Plan", gaps=(Gap(domains["legislative"], area_id=a),))
    plan.add_action(blank, "No gap at all")

    moved = plan_view.what_moved(blank, first, second)
    assert (moved.round_a.label, moved.round_b.label) == ("Baseline", "Six months on")
    assert [m.id for m in moved.improved] == [better]
    assert [m.id for m in moved.worse] == [worse]
    assert [m.id for m in moved.stayed] == [same]
    assert [m.id for m in moved.not_comparable] == [unrated]
    [gap] = moved.improved[0].gaps
    assert (gap.before, gap.after, gap.change) == (Rag.RED, Rag.AMBER, Movement.IMPROVED)
    # Given the plan already read (as the report does), the same answer.
    assert plan_view.what_moved(blank, first, second, plan_view.actions(blank)) == moved
    # The other way round, the same actions swap sides.
    back = plan_view.what_moved(blank, second, first)
    assert [m.id for m in back.improved] == [worse] and [m.id for m in back.worse] == [better]
    with pytest.raises(ValueError):
        plan_view.what_moved(blank, first, 9999)


def test_roadmap_members_and_vision(demo):
    steps = plan_view.roadmap(demo)
    assert len(steps) == 10
    develop = next(s for s in steps if s.name == "Develop a plan")
    assert develop.status == StepStatus.IN_PROGRESS and develop.actions >= 1
    people = plan_view.members(demo)
    assert set(people) == set(MemberGroup)
    assert all(m.agency for m in people[MemberGroup.GOVERNANCE])
    assert any(m.trained for m in people[MemberGroup.CHAMPION])
    assert all(m.where for m in people[MemberGroup.CRITICAL_FRIEND])
    statements = plan_view.vision(demo)
    assert [v.domain for v in statements] == [
        "Target", "Legislative framework", "Partnerships", "Outcomes measurement"]
    assert all(v.statement for v in statements)


def test_all_cells_offers_every_stage_and_area_in_every_domain(demo):
    cells = plan_view.all_cells(demo)
    domains, stages, areas = ids(demo)
    assert len({c.key for c in cells}) == len(cells)
    assert {c.key.area_id for c in cells if c.key.area_id} == set(areas.values())
    assert all(not c.archived for c in cells)
    assert len(cells) % len(domains) == 0


def test_drafts_one_a_gap_or_one_a_group_and_accepted_as_one_undo_step(demo):
    from csdesk.models import PlanLevel, Priority
    from csdesk.services.plan_drafts import accept_drafts, draft_actions

    groups = plan_view.gaps_without_action(demo)
    per_gap = draft_actions(demo, groups)
    assert len(per_gap) == sum(len(g.gaps) for g in groups)
    assert all(len(d.gaps) == 1 and d.gaps[0].label.split(" \u00d7 ")[0] in d.title
               for d in per_gap)
    assert all((d.priority == Priority.HIGH) == (d.gaps[0].rag == Rag.RED) for d in per_gap)
    system_wide = [d for d in per_gap if d.gaps[0].key.area_id is not None]
    assert system_wide and all(d.plan_level == PlanLevel.BOTH for d in system_wide)
    child = [d for d in per_gap if d.gaps[0].journey.startswith("Child journey")]
    assert child and all(d.plan_level == PlanLevel.LEVEL_1 for d in child)
    # A stage's lead agency is the draft's first guess at its lead; an area has none.
    assert any(d.lead_agency_id for d in child)
    assert all(d.lead_agency_id is None for d in system_wide)
    per_group = draft_actions(demo, groups, per_group=True)
    assert len(per_group) == len(groups)
    assert all(d.roadmap_step_id == per_group[0].roadmap_step_id is not None
               for d in per_group)

    before = len(plan_view.actions(demo))
    chosen = [per_group[0].edited(title="Context screening", owner_role="MASH manager"),
              per_group[2]]
    ids = accept_drafts(demo, chosen)
    views = {a.id: a for a in plan_view.actions(demo)}
    assert views[ids[0]].title == "Context screening"
    assert {g.key for g in views[ids[0]].gaps} == {g.key for g in groups[0].gaps}
    remaining = {g.key for gr in plan_view.gaps_without_action(demo) for g in gr.gaps}
    assert not remaining & {g.key for g in groups[0].gaps + groups[2].gaps}
    assert demo.history.undo_label == "develop plan"
    demo.undo()
    assert len(plan_view.actions(demo)) == before


def test_a_refused_draft_refuses_them_all(demo):
    from csdesk.services.plan_drafts import accept_drafts, draft_actions

    drafts = draft_actions(demo, plan_view.gaps_without_action(demo))[:2]
    before = len(plan_view.actions(demo))
    with pytest.raises(ValueError, match="Draft \u201c"):
        accept_drafts(demo, [drafts[0], drafts[1].edited(title="  ")])
    assert len(plan_view.actions(demo)) == before


def test_standing_says_where_the_area_is_on_the_roadmap(demo):
    words = plan_view.standing(plan_view.roadmap(demo))
    assert words.startswith("6 of 10 steps done.")
    assert "In progress: Be flexible" in words and "Not started" not in words
