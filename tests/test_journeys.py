"""Mapping the system: agencies, levels, journeys, stages and arrows, as a workshop edits
them; the journey as plain data; the time through the system."""

import pytest

from csdesk.models import JourneyKind, LinkKind
from csdesk.services import journeys, mapping, review
from csdesk.services.journey_view import (
    NO_LEAD, JourneyView, LinkView, StageView, journey_list, journey_time, journey_view,
    main_path, templates,
)


@pytest.fixture
def child(project):
    """A child journey of four stages in a line, with times."""
    journey = journeys.add_journey(project, "child", "Child journey")
    ids = [journeys.add_stage(project, journey, name, link_from_last=True, days=d,
                              waiting_days=w)
           for name, d, w in (("Referral", 0, None), ("Front door", 1, 2),
                              ("Assessment", 45, 7), ("Conference", 1, 15))]
    return journey, ids


def names(project, journey_id, archived=False):
    return [s.name for s in journey_view(project, journey_id, archived).stages]


def test_a_new_project_starts_with_one_agency_per_sector(project):
    rows = mapping.agencies(project)
    assert [a.name for a in rows] == mapping.sectors(project)
    assert all(a.sector == a.name for a in rows)


def test_agencies_are_renamed_reordered_and_unique_whatever_the_case(project):
    first, second = mapping.agencies(project)[:2]
    mapping.update_agency(project, first.id, name="Harrowmere Children's Services",
                          notes="Front door and CP")
    assert project.history.undo_label == "change agency"
    with pytest.raises(ValueError, match="already an agency"):
        mapping.update_agency(project, second.id, name="harrowmere children's services")
    mapping.move_agency(project, first.id, 5)
    assert [a.id for a in mapping.agencies(project)].index(first.id) == 5
    assert [a.position for a in mapping.agencies(project)] == list(range(len(
        mapping.agencies(project))))


def test_deleting_an_agency_says_what_uses_it_and_moves_that_work(project, child):
    journey, ids = child
    police, schools, health = (a.id for a in mapping.agencies(project)[2:5])
    journeys.update_stage(project, ids[0], lead_agency_id=police)
    journeys.set_stage_agencies(project, ids[1], [police, health])
    uses = mapping.agency_uses(project, police)
    assert uses.stages == ("Referral", "Front door") and not uses.actions
    mapping.delete_agency(project, police, move_to=schools)
    view = journey_view(project, journey)
    assert view.stages[0].lead_agency_id == schools
    assert set(view.stages[1].agency_ids) == {schools, health}
    assert project.history.undo_label == "delete agency"
    project.undo()  # one step puts the agency and every reference back
    view = journey_view(project, journey)
    assert view.stages[0].lead_agency_id == police
    assert set(view.stages[1].agency_ids) == {police, health}


def test_levels_are_added_edited_ordered_and_deleted(project, child):
    journey, ids = child
    level = mapping.add_level(project, "Contextual safety plan", criteria="Level 2 context",
                              approx_count=3, count_note="snapshot")
    with pytest.raises(ValueError, match="aggregate"):
        mapping.update_level(project, level, approx_count=-2)
    mapping.move_level(project, level, 0)
    assert mapping.levels(project)[0].name == "Contextual safety plan"
    journeys.update_stage(project, ids[2], level_id=level)
    assert journey_view(project, journey).stages[2].level_name == "Contextual safety plan"
    mapping.delete_level(project, level)
    assert journey_view(project, journey).stages[2].level_id is None


def test_stage_fields_are_checked_at_the_door(project, child):
    _, ids = child
    for bad, message in (({"name": "  "}, "cannot be empty"), ({"days": -1}, "0 or more"),
                         ({"waiting_days": 2.5}, "whole number"), ({"days": "ten"},
                                                                   "whole number")):
        with pytest.raises(ValueError, match=message):
            journeys.update_stage(project, ids[0], **bad)
    journeys.update_stage(project, ids[0], name="Cyfeiriad — ŵ ŷ, zażółć, Ελλάδα, إحالة",
                          days=None, what_happens="x" * 5000)
    stage = journey_view(project, child[0]).stages[0]
    assert stage.name == "Cyfeiriad — ŵ ŷ, zażółć, Ελλάδα, إحالة" and len(stage.what_happens) \
        == 5000


def test_add_duplicate_move_and_order(project, child):
    journey, ids = child
    copy = journeys.duplicate_stage(project, ids[1])
    assert names(project, journey) == ["Referral", "Front door", "Front door (copy)",
                                       "Assessment", "Conference"]
    assert journey_view(project, journey).stage(copy).days == 1
    journeys.move_stage(project, copy, 0)
    assert names(project, journey)[0] == "Front door (copy)"
    journeys.add_stage(project, journey, "Strategy discussion", after=ids[1])
    assert names(project, journey)[3] == "Strategy discussion"
    positions = [s.position for s in journey_view(project, journey).stages]
    assert positions == list(range(len(positions)))


def test_a_stage_with_ratings_is_archived_not_deleted_and_can_be_restored(project, child):
    journey, ids = child
    round_id = review.add_round(project, "Baseline")
    domain = 1
    review.rate(project, round_id, domain_id=domain, stage_id=ids[1], rag="red")
    removal = journeys.delete_stage(project, ids[1])
    assert removal.archived and removal.ratings == 1
    assert "archived" in removal.describe("stage", "Show archived stages.")
    assert "Front door" not in names(project, journey)
    assert "Front door" in names(project, journey, archived=True)
    journeys.restore_stage(project, ids[1])
    assert names(project, journey)[-1] == "Front door"
    plain = journeys.delete_stage(project, ids[3])  # nothing refers to it: really deleted
    assert not plain.archived and "Conference" not in names(project, journey, archived=True)


def test_links_that_make_no_sense_are_refused_and_loops_are_allowed(project, child):
    journey, ids = child
    place = journeys.add_journey(project, "context", "Park", context_type="place")
    raised = journeys.add_stage(project, place, "Context raised")
    with pytest.raises(ValueError, match="itself"):
        journeys.link_stages(project, ids[0], ids[0])
    with pytest.raises(ValueError, match="already linked"):
        journeys.link_stages(project, ids[0], ids[1], "branch")
    with pytest.raises(ValueError, match="same journey"):
        journeys.link_stages(project, ids[1], raised, "next")
    with pytest.raises(ValueError, match="child journey stage can trigger"):
        journeys.link_stages(project, raised, ids[1], "triggers context")
    loop = journeys.link_stages(project, ids[3], ids[0], "branch", "Re-referral")
    cross = journeys.link_stages(project, ids[1], raised, "triggers context", "Same park")
    view = journey_view(project, journey)
    assert {ln.id for ln in view.links} >= {loop, cross}
    (out,) = [ln for ln in view.links if ln.id == cross]
    assert (out.other_journey_title, out.other_stage_name) == ("Park", "Context raised")
    (back,) = [ln for ln in journey_view(project, place).links if ln.id == cross]
    assert back.other_stage_name == "Front door"  # followed from the other end too
    journeys.unlink(project, loop)
    assert loop not in {ln.id for ln in journey_view(project, journey).links}


def test_lanes_follow_the_lead_agencies_in_the_partnership_order(project, child):
    journey, ids = child
    agencies = mapping.agencies(project)
    journeys.update_stage(project, ids[0], lead_agency_id=agencies[3].id)
    journeys.update_stage(project, ids[2], lead_agency_id=agencies[0].id)
    lanes = journey_view(project, journey).lanes
    assert [ln.agency_id for ln in lanes] == [agencies[0].id, agencies[3].id, None]
    assert lanes[-1].name == NO_LEAD


def test_a_journey_from_a_template_gets_its_stages_linked_in_order(project):
    template = next(t for t in templates(project) if t.kind == JourneyKind.CHILD)
    journey = journeys.add_journey(project, "child", "Our child journey",
                                   template_id=template.id)
    view = journey_view(project, journey)
    assert [s.name for s in view.stages] == list(template.stages)
    assert [s.name for s in main_path(view)] == list(template.stages)
    assert project.history.undo_label == "add journey"
    project.undo()
    assert [j.title for j in journey_list(project)] == []


def test_time_through_the_system_along_the_main_path(project, child):
    journey, ids = child
    journeys.link_stages(project, ids[3], ids[0], "next", "Re-referral loops back")
    branch = journeys.add_stage(project, journey, "Step-down", waiting_days=30)
    journeys.link_stages(project, ids[1], branch, "branch")
    time = journey_time(journey_view(project, journey))
    assert [p.name for p in time.path] == ["Referral", "Front door", "Assessment", "Conference"]
    assert (time.total, time.waited) == (71, 24)
    assert time.summary() == "Referral to Conference: about 71 days, 24 of them waiting."
    assert time.longest_waits == (("Step-down", 30), ("Conference", 15), ("Assessment", 7))


def test_time_needs_no_arrows_and_never_loops():
    stages = tuple(StageView(i, i, f"S{i}", None, days=1) for i in range(3))
    plain = JourneyView(1, JourneyKind.CHILD, "J", stages=stages)
    assert [s.id for s in main_path(plain)] == [0, 1, 2]
    cycle = JourneyView(1, JourneyKind.CHILD, "J", stages=stages, links=tuple(
        LinkView(i, a, b, LinkKind.NEXT) for i, (a, b) in enumerate(((0, 1), (1, 2), (2, 0)))))
    assert [s.id for s in main_path(cycle)] == [0, 1, 2]
    assert "No time recorded" not in journey_time(cycle).summary()


def test_the_main_path_goes_on_by_order_and_never_adds_up_alternatives():
    stages = tuple(StageView(i, i, f"S{i}", None, days=1, waiting_days=1) for i in range(4))
    arrow = lambda i, a, b, kind=LinkKind.NEXT: LinkView(i, a, b, kind)  # noqa: E731
    one_next = JourneyView(1, JourneyKind.CHILD, "J", stages=stages, links=(arrow(0, 2, 3),))
    assert [s.id for s in main_path(one_next)] == [0, 1, 2, 3]  # one arrow loses nothing
    branches = JourneyView(1, JourneyKind.CHILD, "J", stages=stages, links=(
        arrow(0, 0, 1, LinkKind.BRANCH), arrow(1, 0, 2, LinkKind.BRANCH)))
    assert [s.id for s in main_path(branches)] == [0]  # alternatives: the path stops
    bare = tuple(StageView(i, i, f"S{i}", None) for i in range(3))
    assert journey_time(JourneyView(1, JourneyKind.CHILD, "J", stages=bare)).summary() == \
        "No typical times recorded yet for this journey's stages."


def test_work_moved_to_the_lead_agency_is_not_listed_twice(project, child):
    journey, ids = child
    police, schools = (a.id for a in mapping.agencies(project)[2:4])
    journeys.update_stage(project, ids[0], lead_agency_id=police)
    journeys.set_stage_agencies(project, ids[0], [schools])
    mapping.delete_agency(project, schools, move_to=police)
    stage = journey_view(project, journey).stages[0]
    assert stage.lead_agency_id == police and stage.agency_ids == ()


def test_a_rated_journey_is_archived_with_its_ratings_kept(project, child):
    journey, ids = child
    round_id = review.add_round(project, "Baseline")
    review.rate(project, round_id, domain_id=1, stage_id=ids[0], rag="amber")
    removal = journeys.delete_journey(project, journey)
    assert removal.archived and removal.ratings == 1
    assert journey_list(project) == []
    (archived,) = journey_list(project, archived=True)
    assert archived.id == journey and archived.archived
    assert len(journey_view(project, journey).stages) == 4  # the stages are all still there
    journeys.restore_journey(project, journey)
    assert [j.id for j in journey_list(project)] == [journey]


def test_a_stage_added_after_an_archived_one_takes_the_next_place(project, child):
    journey, ids = child
    review.rate(project, review.add_round(project, "Baseline"), domain_id=1, stage_id=ids[3],
                rag="red")
    journeys.delete_stage(project, ids[3])  # archived
    new = journeys.add_stage(project, journey, "Review")
    assert journey_view(project, journey).stage(new).position == 3


def test_lead_agencies_are_set_for_several_stages_in_one_undo_step(project, child):
    journey, ids = child
    police, social_care = [a.id for a in mapping.agencies(project)[:2]]
    assert journeys.set_lead_agencies(project, {ids[0]: police, ids[2]: social_care}) == 2
    leads = [s.lead_agency_id for s in journey_view(project, journey).stages]
    assert leads == [police, None, social_care, None]
    assert project.history.undo_label == "set lead agencies"
    project.undo()
    assert {s.lead_agency_id for s in journey_view(project, journey).stages} == {None}
    with pytest.raises(ValueError, match="agency is not in this project"):
        journeys.set_lead_agencies(project, {ids[0]: police, ids[1]: 9999})
    # refused whole: not even the first stage changed
    assert {s.lead_agency_id for s in journey_view(project, journey).stages} == {None}
