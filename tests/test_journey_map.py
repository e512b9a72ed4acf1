"""The journey map's layout (csdesk/figures/journey_map.py) and its PDF drawing, without Qt.

Journeys are built by hand as plain JourneyView data; the layout's geometry is checked for the
promises renderers rely on: every stage on exactly one page, lanes on every page, nothing
outside the usable area, no boxes overlapping, text inside its box at a readable size, and no
arrow through a box."""

from itertools import combinations
from types import SimpleNamespace

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas as rl_canvas

from csdesk.figures.journey_map import (
    A3_LANDSCAPE, A4_LANDSCAPE, BOTTOM_MARGIN, MARGIN, TITLE_ROOM, MapFigure, MapPage, PageSpec,
    layout_journey, wrap_text,
)
from csdesk.font_metrics import ascent_descent
from csdesk.models import JourneyKind, LinkKind
from csdesk.report.journey_map import (
    JourneyMapFlowable, draw_map_page, map_flowables, map_page_template,
)
from csdesk.report.styles import BOLD, FONT, register_fonts
from csdesk.services.journey_view import NO_LEAD, JourneyView, Lane, LinkView, StageView

NEXT, BRANCH, TRIGGERS = LinkKind.NEXT, LinkKind.BRANCH, LinkKind.TRIGGERS_CONTEXT
POLICE, CSC, EARLY_HELP, SCHOOLS = 1, 2, 3, 4
LANES = (Lane(POLICE, "Police"), Lane(CSC, "Children's social care"),
         Lane(EARLY_HELP, "Early help"), Lane(SCHOOLS, "Education and schools"),
         Lane(None, NO_LEAD))
EPS = 1e-6


def stage(i, name, lead, level="", days=None, waiting=None, note="", level_id=None):
    return StageView(id=100 + i, position=i, name=name, lead_agency_id=lead,
                     level_id=level_id, level_name=level, days=days, waiting_days=waiting,
                     time_note=note)


def links(*pairs, start=1):
    """(from position, to position, kind) -> LinkViews between stages 100 + position."""
    return tuple(LinkView(id=start + n, from_stage_id=100 + a, to_stage_id=100 + b, kind=k)
                 for n, (a, b, k) in enumerate(pairs))


def child_journey() -> JourneyView:
    """Ten stages over five lanes: a three-way branch out of the strategy discussion, a loop
    back from review to referral, waiting times, a context trigger, a stage with no lead."""
    stages = (
        stage(0, "Concern raised / referral", POLICE),
        stage(1, "Front door (MASH) screening and threshold decision", CSC, days=1, waiting=2),
        stage(2, "Strategy discussion", CSC, days=3, level="Child in Need", level_id=2),
        stage(3, "Section 47 enquiry", POLICE, days=15, waiting=1, level="Child Protection",
              level_id=3),
        stage(4, "Child and family assessment", CSC, days=45, note="often longer",
              level="Child in Need", level_id=2),
        stage(5, "Step-down to early help", EARLY_HELP, waiting=10, level="Early Help",
              level_id=1),
        stage(6, "Risk Outside the Home (ROTH) conference", CSC, days=15, waiting=5,
              level="Risk Outside the Home (ROTH)", level_id=4),
        stage(7, "Multi-agency exploitation panel (MACE)", None, note="monthly",
              level="Multi-agency panel", level_id=5),
        stage(8, "Review conference", CSC, days=90, waiting=3, level="Child Protection",
              level_id=3),
        stage(9, "School safety plan and closure", SCHOOLS, days=5, level="Early Help",
              level_id=1),
    )
    ls = links((0, 1, NEXT), (1, 2, NEXT), (2, 3, BRANCH), (2, 4, BRANCH), (2, 5, BRANCH),
               (3, 6, NEXT), (4, 6, NEXT), (5, 9, NEXT), (6, 7, NEXT), (7, 8, NEXT),
               (8, 0, NEXT), (8, 9, NEXT))
    trigger = LinkView(id=99, from_stage_id=107, to_stage_id=900, kind=TRIGGERS,
                       other_journey_id=2, other_journey_title="Park journey",
                       other_stage_name="Context referral")
    return JourneyView(id=1, kind=JourneyKind.CHILD, title="Child journey: referral to response",
                       stages=stages, links=ls + (trigger,), lanes=LANES)


def long_journey(n=40) -> JourneyView:
    """n stages in a line over the five lanes, every fifth with a branch two steps on, a loop
    back every tenth, a trigger, and long names that wrap."""
    leads = [POLICE, CSC, EARLY_HELP, SCHOOLS, None]
    stages = tuple(stage(i, f"Stage {i + 1}: multi-agency decision about next steps",
                         leads[(i * 3) % 5], level=["Early Help", "Child in Need", ""][i % 3],
                         level_id=[1, 2, None][i % 3], days=i % 7 or None, waiting=i % 4 or None)
                   for i in range(n))
    pairs = [(i, i + 1, NEXT) for i in range(n - 1)]
    pairs += [(i, i + 2, BRANCH) for i in range(0, n - 2, 5)]
    pairs += [(i, i - 9, NEXT) for i in range(9, n, 10)]
    trigger = LinkView(id=999, from_stage_id=100 + n // 2, to_stage_id=5000, kind=TRIGGERS,
                       other_journey_title="School journey", other_stage_name="Raised")
    return JourneyView(id=2, kind=JourneyKind.CHILD, title="A long journey",
                       stages=stages, links=links(*pairs) + (trigger,), lanes=LANES)


# --- the promises every figure keeps ---------------------------------------------------------

def inside(run, box) -> bool:
    ascent, descent = ascent_descent(run.font, run.size)  # as the figure measured it
    return (run.x >= box.x - EPS and run.x + run.width <= box.x + box.w + EPS
            and run.y - ascent >= box.y - EPS and run.y - descent <= box.y + box.h + EPS)


def overlap(a, b) -> bool:
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h


def crosses(seg, box, margin=0.5) -> bool:
    """Does an axis-aligned segment enter the box's inside (its edge may be touched)?"""
    (x0, y0), (x1, y1) = seg
    left, right = min(x0, x1), max(x0, x1)
    top, bottom = min(y0, y1), max(y0, y1)
    return (left < box.x + box.w - margin and right > box.x + margin
            and top < box.y + box.h - margin and bottom > box.y + margin)


def text_box(run):
    ascent, descent = ascent_descent(run.font, run.size)  # as the figure measured it
    return SimpleNamespace(x=run.x, y=run.y - ascent, w=run.width, h=ascent - descent)


def runs_of(page: MapPage):
    yield from (r for lane in page.lanes for r in lane.label)
    yield from (r for box in page.boxes for r in box.lines)
    yield from (r for stub in page.stubs for r in stub.lines)
    yield from page.texts
    yield from page.key
    yield from (a.label for a in page.arrows if a.label)


def check_figure(fig: MapFigure, journey: JourneyView, spec: PageSpec, all_lanes=True) -> None:
    placed = [box.stage_id for page in fig.pages for box in page.boxes]
    assert sorted(placed) == sorted(s.id for s in journey.stages)  # each exactly once
    assert spec.min_font <= fig.font_size <= spec.max_font
    for page in fig.pages:
        assert not page.overflows
        names = [lane.name for lane in page.lanes]
        if all_lanes:
            assert names == [lane.name for lane in journey.lanes]
        else:  # the lanes of this page's stages, in the journey's order
            assert names == [lane.name for i, lane in enumerate(journey.lanes)
                             if any(box.lane == i for box in page.boxes)]
        assert all(lane.label for lane in page.lanes)
        assert 0 < page.width <= spec.width + EPS and 0 < page.height <= spec.height + EPS
        for above, below in zip(page.lanes, page.lanes[1:], strict=False):
            assert below.y == pytest.approx(above.y + above.height)  # stacked, no gaps
        assert page.lanes[-1].y + page.lanes[-1].height <= page.height + EPS
        for box in page.boxes:
            assert box.x >= page.label_width and box.x + box.w <= page.width + EPS
            assert box.y >= 0 and box.y + box.h <= page.height + EPS
            lane = page.lane(box.lane)
            assert lane.y <= box.y and box.y + box.h <= lane.y + lane.height
            assert box.lines and all(inside(r, box) for r in box.lines)
        for a, b in combinations(page.boxes, 2):
            assert not overlap(a, b), (a.stage_id, b.stage_id)
        for run in runs_of(page):
            assert run.size >= spec.min_font
            assert run.x >= -EPS and run.x + run.width <= page.width + EPS
            assert run.y > 0 and run.y <= page.height + EPS
        for stub in page.stubs:
            assert all(inside(r, stub) for r in stub.lines)
            box, lane = page.box(stub.stage_id), page.lane(page.box(stub.stage_id).lane)
            assert box.x <= stub.x and stub.x + stub.w <= box.x + box.w
            assert box.y + box.h <= stub.y and stub.y + stub.h <= lane.y + lane.height
            assert not any(overlap(stub, box) for box in page.boxes)
        for arrow in page.arrows:
            assert len(arrow.points) >= 2
            for (x, y) in arrow.points:
                assert page.label_width - EPS <= x <= page.width + EPS
                assert 0 <= y <= page.height + EPS
            labels = [text_box(a.label) for a in page.arrows if a.label]
            for seg in zip(arrow.points, arrow.points[1:], strict=False):
                assert seg[0][0] == seg[1][0] or seg[0][1] == seg[1][1]  # orthogonal
                assert not any(crosses(seg, box) for box in page.boxes), arrow
                if not arrow.stub:  # a stub's own arrow sits in its stub
                    assert not any(crosses(seg, stub) for stub in page.stubs), arrow
                    assert not any(crosses(seg, label, 0) for label in labels), arrow
        assert page.title.y < 0 and page.title.width <= spec.width


# --- the ten-stage child journey ----------------------------------------------------------------

@pytest.fixture(scope="module")
def child_a3():
    return layout_journey(child_journey(), A3_LANDSCAPE)


@pytest.fixture(scope="module")
def child_a4():
    return layout_journey(child_journey(), A4_LANDSCAPE)


def test_the_paper_sizes_leave_margins_and_a_title_line():
    assert A4_LANDSCAPE.width == pytest.approx(landscape(A4)[0] - 2 * MARGIN, abs=0.1)
    assert A4_LANDSCAPE.height == pytest.approx(
        landscape(A4)[1] - MARGIN - BOTTOM_MARGIN - TITLE_ROOM, abs=0.1)
    assert A3_LANDSCAPE.width > A4_LANDSCAPE.width and A3_LANDSCAPE.height > A4_LANDSCAPE.height


def test_the_child_journey_keeps_every_promise(child_a3, child_a4):
    check_figure(child_a3, child_journey(), A3_LANDSCAPE)
    check_figure(child_a4, child_journey(), A4_LANDSCAPE)
    assert len(child_a3.pages) == 1


def test_stages_run_left_to_right_in_their_lead_agencys_lane(child_a3):
    page = child_a3.pages[0]
    journey = child_journey()
    lanes = [lane.agency_id for lane in journey.lanes]
    for s in journey.stages:
        box = page.box(s.id)
        assert page.lane(box.lane).agency_id == s.lead_agency_id
        assert lanes[box.lane] == s.lead_agency_id
    columns = [page.box(s.id).column for s in journey.stages]
    assert columns == sorted(columns)
    # the no-lead stage is in the "No lead agency" lane
    assert page.lane(page.box(107).lane).name == NO_LEAD


def test_every_branch_out_of_a_decision_is_drawn_and_the_fork_shares_a_column(child_a3):
    page = child_a3.pages[0]
    out = {a.to_stage_id for a in page.arrows if a.from_stage_id == 102 and not a.stub}
    assert out == {103, 104, 105}
    assert len({page.box(i).column for i in (103, 104, 105)}) == 1
    assert all(a.kind == BRANCH for a in page.arrows if a.from_stage_id == 102)


def test_box_text_says_the_name_level_and_time(child_a3):
    box = child_a3.pages[0].box(104)
    text = [r.text for r in box.lines]
    assert box.lines[0].font == BOLD
    assert " ".join(text).startswith("Child and family assessment")
    assert "Level: Child in Need" in " ".join(text)
    assert "Takes 45 days (often longer)" in " ".join(text)
    assert {r.font for r in box.lines if not r.text.startswith(("Child", "family",
                                                                "assessment"))} == {FONT}
    assert box.level_name == "Child in Need" and box.level_index is not None
    no_level = child_a3.pages[0].box(100)
    assert no_level.level_index is None
    assert "Level: not set" in " ".join(r.text for r in no_level.lines)


def test_a_long_time_note_is_left_out_of_the_box_not_cut():
    note = "within 15 working days of the strategy discussion; waiting: up to 3 weeks"
    view = JourneyView(id=3, kind=JourneyKind.CHILD, title="Notes", lanes=LANES[:1],
                       stages=(stage(0, "Conference", POLICE, days=15, note=note),
                               stage(1, "Panel", POLICE, note="monthly")))
    page = layout_journey(view).pages[0]
    assert [r.text for r in page.box(100).lines][-1] == "Takes 15 days"
    assert [r.text for r in page.box(101).lines][-1] == "Time: monthly"


def test_the_map_words_times_as_the_outline_does(demo_file):
    """For every stage of the demo: the box's time line is "Takes " + the outline's "Time it
    takes", and the wait on the arrow into it is "waits " + the outline's "Waiting before
    it" (one wording, from services/journey_outline.py)."""
    from csdesk.services import mapping
    from csdesk.services.journey_outline import outline
    from csdesk.services.journey_view import journey_list, journey_view
    from csdesk.services.project import OpenProject

    project = OpenProject.open(demo_file, readonly=True)
    try:
        views = [journey_view(project, j.id) for j in journey_list(project)]
        agencies = {a.id: a.name for a in mapping.agencies(project)}
    finally:
        project.close()
    checked = set()
    for view in views:
        fig = layout_journey(view, A4_LANDSCAPE)
        rows = {o.stage_id: dict(o.rows) for o in outline(view, agencies)}
        for st in view.stages:
            page = fig.pages[fig.page_of(st.id) - 1]
            box_text = " ".join(r.text for r in page.box(st.id).lines)
            took, waited = rows[st.id]["Time it takes"], rows[st.id]["Waiting before it"]
            if st.days is not None:
                assert f"Takes {took}" in box_text, (st.name, took, box_text)
                checked.add(took)
            else:
                assert took == "Not known" and "Takes" not in box_text
            wait = [a.label.text for a in page.arrows if a.label and a.to_stage_id == st.id]
            if not wait:  # no arrow into it on this page: the wait stands as text
                wait = [t.text for t in page.texts if t.text.startswith("waits ")]
            if st.waiting_days:
                assert f"waits {waited}" in wait, (st.name, waited, wait)
            else:
                assert waited in ("no wait", "Not known")
                assert not [a for a in page.arrows if a.label and a.to_stage_id == st.id]
    assert {"under a day", "1 day"} <= checked  # the demo has both of the special cases


def test_levels_get_one_band_each_in_the_projects_order():
    fig = layout_journey(child_journey(), A3_LANDSCAPE, level_order=[5, 4, 3, 2, 1])
    page = fig.pages[0]
    assert page.box(107).level_index == 0 and page.box(105).level_index == 4
    assert dict(fig.levels)[2] == "Child Protection"
    default = layout_journey(child_journey(), A3_LANDSCAPE)
    assert [name for _, name in default.levels] == [
        "Early Help", "Child in Need", "Child Protection", "Risk Outside the Home (ROTH)",
        "Multi-agency panel"]


def test_waits_label_the_arrow_into_the_stage(child_a3):
    page = child_a3.pages[0]
    labels = {a.to_stage_id: a.label for a in page.arrows if a.label}
    assert labels[106].text == "waits 5 days"
    assert labels[103].text == "waits 1 day"
    assert set(labels) == {101, 103, 105, 106, 108}
    for target, label in labels.items():
        box = page.box(target)
        assert label.y < box.y and box.x <= label.x <= box.x + box.w  # just above the box


def test_the_loop_back_goes_round_the_boxes_not_through_them(child_a3):
    page = child_a3.pages[0]
    loop = next(a for a in page.arrows if a.from_stage_id == 108 and a.to_stage_id == 100)
    assert loop.loop_back and not loop.stub
    lowest = max(box.y + box.h for box in page.boxes)
    assert max(y for _, y in loop.points) > lowest  # runs under every lane
    assert loop.points[-1][0] == page.box(100).x  # arrives at the referral's left edge


def test_a_context_trigger_is_a_labelled_stub_by_its_box(child_a3):
    page = child_a3.pages[0]
    stub = next(s for s in page.stubs if s.kind == TRIGGERS)
    assert stub.stage_id == 107 and stub.outgoing and stub.other_page is None
    assert stub.text == "Triggers Context referral (Park journey)"
    box = page.box(107)
    assert stub.y >= box.y + box.h and box.x <= stub.x and stub.x + stub.w <= box.x + box.w
    assert any(a.stub and a.link_id == 99 for a in page.arrows)


def test_a_journey_triggered_from_elsewhere_says_by_what():
    journey = child_journey()
    incoming = LinkView(id=7, from_stage_id=4242, to_stage_id=100, kind=TRIGGERS,
                        other_journey_title="Child journey", other_stage_name="MACE")
    view = JourneyView(id=3, kind=JourneyKind.CONTEXT, title="Park", stages=journey.stages[:1],
                       links=(incoming,), lanes=journey.lanes[:1])
    page = layout_journey(view).pages[0]
    (stub,) = page.stubs
    assert stub.text == "Triggered by MACE (Child journey)" and not stub.outgoing


def test_a4_splits_the_child_journey_with_continued_markers(child_a4):
    pages = child_a4.pages
    if len(pages) == 1:
        pytest.skip("fits one A4 page")
    texts = [[r.text for r in p.texts] for p in pages]
    assert "Continued on page 2" in texts[0] and "Continued from page 1" in texts[1]
    assert pages[0].continued_on == 2 and pages[1].continued_from == 1
    # a link across the break is a stub on both sides, naming the other page
    stubs = [s for p in pages for s in p.stubs if s.other_page]
    assert stubs and all(f" page {s.other_page}: " in s.text for s in stubs)
    assert {s.link_id for s in stubs if s.outgoing} == {s.link_id for s in stubs
                                                        if not s.outgoing}


def lane_heights(fig: MapFigure) -> dict[int, set[float]]:
    heights: dict[int, set[float]] = {}
    for page in fig.pages:
        for lane in page.lanes:
            heights.setdefault(lane.index, set()).add(round(lane.height, 6))
    return heights


def test_each_lane_is_one_height_on_every_page_so_pages_line_up(child_a4, demo_file):
    """Pages laid side by side line up: a lane is as tall on every page (and its boxes sit
    as low) as it needs on its tallest page, text still >= 8 pt, every promise kept. Where
    that would take more than EVEN_COST times the pages (the demo's child journey on A4:
    its tallest lanes are tall on different pages), each page fits its own lanes instead."""
    from csdesk.services.journey_view import journey_list, journey_view
    from csdesk.services.project import OpenProject

    project = OpenProject.open(demo_file, readonly=True)
    try:
        child, *contexts = [journey_view(project, j.id) for j in journey_list(project)]
    finally:
        project.close()
    figures = [(child_journey(), child_a4)] + [(v, layout_journey(v, A4_LANDSCAPE))
                                                 for v in contexts]
    for journey, fig in figures:
        assert len(fig.pages) > 1, journey.title  # on A4 each of these takes pages
        check_figure(fig, journey, A4_LANDSCAPE)
        assert all(len(h) == 1 for h in lane_heights(fig).values()), journey.title
        for lane in range(len(journey.lanes)):  # lane tops line up too
            assert len({round(p.lane(lane).y, 6) for p in fig.pages}) == 1
            tops = {round(b.y - p.lane(lane).y, 6) for p in fig.pages for b in p.boxes
                    if b.lane == lane}
            assert len(tops) <= 1, (journey.title, lane, tops)
    dear = layout_journey(child, A4_LANDSCAPE)
    check_figure(dear, child, A4_LANDSCAPE)
    assert len(dear.pages) == 2  # not doubled to line lanes up


# --- arrows that keep apart ------------------------------------------------------------------

def segments(arrow):
    return list(zip(arrow.points, arrow.points[1:], strict=False))


def shared_stretch(s, t) -> bool:
    """Do two axis-aligned segments lie on one line and overlap for more than a point?"""
    (ax0, ay0), (ax1, ay1) = s
    (bx0, by0), (bx1, by1) = t
    if ax0 == ax1 and bx0 == bx1 and abs(ax0 - bx0) < 0.5:  # both vertical, one x
        lo, hi = max(min(ay0, ay1), min(by0, by1)), min(max(ay0, ay1), max(by0, by1))
        return hi - lo > EPS
    if ay0 == ay1 and by0 == by1 and abs(ay0 - by0) < 0.5:  # both horizontal, one y
        lo, hi = max(min(ax0, ax1), min(bx0, bx1)), min(max(ax0, ax1), max(bx0, bx1))
        return hi - lo > EPS
    return False


def check_arrows_apart(page: MapPage) -> None:
    """No two arrows share a stretch of line (crossing at a point is allowed), and the
    arrows out of a box, or into one, each have their own end on it."""
    arrows = [a for a in page.arrows if not a.stub]
    for a, b in combinations(arrows, 2):
        for s in segments(a):
            assert not any(shared_stretch(s, t) for t in segments(b)), (a, b)
    for box in page.boxes:
        starts = [a.points[0] for a in arrows if a.from_stage_id == box.stage_id]
        ends = [a.points[-1] for a in arrows if a.to_stage_id == box.stage_id]
        assert len(set(starts)) == len(starts), box.stage_id
        assert len(set(ends)) == len(ends), box.stage_id
        assert all(x == box.x + box.w and box.y < y < box.y + box.h for x, y in starts)
        assert all(x == box.x and box.y < y < box.y + box.h for x, y in ends)


def fork_journey(pairs) -> JourneyView:
    """Eight stages over the lanes: 1 is a decision with a next step and branches."""
    leads = [POLICE, CSC, CSC, EARLY_HELP, POLICE, CSC, SCHOOLS, CSC]
    stages = tuple(stage(i, f"Stage {i}", lead, days=2, waiting=1 if i % 2 else None)
                   for i, lead in enumerate(leads))
    return JourneyView(id=11, kind=JourneyKind.CHILD, title="Forks", stages=stages,
                       links=links(*pairs), lanes=LANES)


@pytest.mark.parametrize("pairs", [
    # next and one branch, to the next column and further on
    [(0, 1, NEXT), (1, 2, NEXT), (1, 3, BRANCH), (2, 4, NEXT), (3, 4, NEXT)],
    # next and two branches: same lane, the lane below, and a skip to a later column
    [(0, 1, NEXT), (1, 2, NEXT), (1, 3, BRANCH), (1, 6, BRANCH), (2, 4, NEXT),
     (3, 5, NEXT), (4, 5, NEXT), (5, 6, NEXT), (6, 7, NEXT)],
    # three ways out, two of them skipping columns, arrivals from several sides, a loop
    [(0, 1, NEXT), (1, 2, NEXT), (1, 5, BRANCH), (1, 7, BRANCH), (2, 3, NEXT),
     (3, 5, NEXT), (4, 5, NEXT), (0, 5, BRANCH), (5, 7, NEXT), (7, 1, NEXT), (6, 7, NEXT)],
])
def test_arrows_out_of_a_decision_each_have_their_own_line(pairs):
    journey = fork_journey(pairs)
    for spec in (A3_LANDSCAPE, A4_LANDSCAPE):
        fig = layout_journey(journey, spec)
        check_figure(fig, journey, spec)
        for page in fig.pages:
            check_arrows_apart(page)
    page = layout_journey(journey, A3_LANDSCAPE).pages[0]
    out = [a for a in page.arrows if a.from_stage_id == 101 and not a.stub]
    assert len(out) == sum(1 for a, _, _ in pairs if a == 1) >= 2


def test_the_child_journeys_arrows_do_not_share_lines(child_a3, child_a4):
    for fig in (child_a3, child_a4):
        for page in fig.pages:
            check_arrows_apart(page)
    page = child_a3.pages[0]
    # three branches out of the strategy discussion: three exit points, three vertical runs
    out = [a for a in page.arrows if a.from_stage_id == 102 and not a.stub]
    assert len({a.points[0] for a in out}) == 3
    runs = {a.points[1][0] for a in out if len(a.points) > 2}
    assert len(runs) == len([a for a in out if len(a.points) > 2])


def test_a_long_journeys_arrows_do_not_share_lines():
    for spec in (A4_LANDSCAPE, A3_LANDSCAPE):
        for page in layout_journey(long_journey(40), spec).pages:
            check_arrows_apart(page)


def test_page_stubs_say_what_kind_of_arrow_they_stand_for():
    """A stub's arrow is too short for a dash pattern: its text names the kind."""
    pairs = [(i, i + 1, NEXT) for i in range(11)] + [(i, i + 2, BRANCH) for i in range(10)]
    view = JourneyView(id=12, kind=JourneyKind.CHILD, title="Over pages", lanes=LANES,
                       stages=tuple(stage(i, f"Stage {i}", CSC) for i in range(12)),
                       links=links(*pairs, (11, 0, NEXT), (10, 1, BRANCH)))
    fig = layout_journey(view, A4_LANDSCAPE)
    check_figure(fig, view, A4_LANDSCAPE)
    assert len(fig.pages) > 1
    stubs = [s for p in fig.pages for s in p.stubs if s.other_page]
    kinds = {(s.kind, s.outgoing) for s in stubs}
    assert {(NEXT, True), (NEXT, False), (BRANCH, True), (BRANCH, False)} <= kinds
    for s in stubs:
        if s.outgoing:
            assert s.text.startswith(("Next on page", "Next, back on page") if s.kind == NEXT
                                     else ("Branch to page", "Branch back to page"))
        else:
            assert s.text.startswith("Next from page" if s.kind == NEXT
                                     else "Branch from page")
    assert any(s.text.startswith("Next, back on page") for s in stubs)
    assert any(s.text.startswith("Branch back to page") for s in stubs)


# --- long, odd and empty journeys ------------------------------------------------------------

def test_a_forty_stage_journey_runs_over_pages_keeping_every_promise():
    journey = long_journey(40)
    for spec in (A4_LANDSCAPE, A3_LANDSCAPE):
        fig = layout_journey(journey, spec)
        check_figure(fig, journey, spec)
        assert len(fig.pages) > 1
        assert [p.number for p in fig.pages] == list(range(1, len(fig.pages) + 1))
        assert all(p.count == len(fig.pages) for p in fig.pages)
    a4, a3 = layout_journey(journey, A4_LANDSCAPE), layout_journey(journey, A3_LANDSCAPE)
    assert len(a3.pages) < len(a4.pages)


def test_text_never_shrinks_below_the_minimum_it_takes_more_pages():
    journey = long_journey(40)
    big = layout_journey(journey, PageSpec(A4_LANDSCAPE.width, A4_LANDSCAPE.height,
                                           min_font=11, max_font=11))
    small = layout_journey(journey, A4_LANDSCAPE)
    check_figure(big, journey, PageSpec(A4_LANDSCAPE.width, A4_LANDSCAPE.height, 11, 11))
    assert big.font_size == 11 and len(big.pages) > len(small.pages)


def test_many_lanes_still_fit_the_height():
    lanes = tuple(Lane(i, f"Partner agency number {i}") for i in range(1, 17))
    stages = tuple(stage(i, f"Stage {i}", 1 + (i * 7) % 16, level="Child in Need", days=3,
                         waiting=2) for i in range(30))
    journey = JourneyView(id=4, kind=JourneyKind.CHILD, title="Sixteen lanes", stages=stages,
                          links=links(*[(i, i + 1, NEXT) for i in range(29)]), lanes=lanes)
    fig = layout_journey(journey)
    check_figure(fig, journey, A4_LANDSCAPE, all_lanes=False)
    assert all(len(p.lanes) < 16 for p in fig.pages)
    assert all("Lanes with no stage on this page are left out." in
               " ".join(r.text for r in p.key) for p in fig.pages)
    # on A3 the lanes leave room for several columns a page
    a3 = layout_journey(journey, A3_LANDSCAPE)
    check_figure(a3, journey, A3_LANDSCAPE, all_lanes=False)
    assert len(a3.pages) < len(fig.pages)


def test_unicode_names_are_kept_whole():
    names = ["Cyfeiriad ŵyr ac ŷd: asesiad", "Zgłoszenie źródłowe – ocena żółta",
             "Παραπομπή και αξιολόγηση", "الإحالة والتقييم", "Ŵ" * 40]
    stages = tuple(stage(i, name, CSC) for i, name in enumerate(names))
    journey = JourneyView(id=5, kind=JourneyKind.CHILD, title="Taith plentyn: ŵ ŷ",
                          stages=stages, links=links(*[(i, i + 1, NEXT) for i in range(4)]),
                          lanes=(Lane(CSC, "Gofal cymdeithasol plant ŵ"),))
    fig = layout_journey(journey)
    check_figure(fig, journey, A4_LANDSCAPE)
    for s in stages[:4]:
        box = next(p.box(s.id) for p in fig.pages if p.box(s.id))
        name_lines = [r.text for r in box.lines if r.font == BOLD]
        assert " ".join(name_lines) == s.name
    long_word = next(p.box(104) for p in fig.pages if p.box(104))
    assert "".join(r.text for r in long_word.lines if r.font == BOLD) == "Ŵ" * 40
    assert "ŵ" in fig.pages[0].title.text
    assert fig.pages[0].lanes[0].label[0].text.startswith("Gofal")


def test_welsh_polish_greek_and_cyrillic_names_survive_in_the_pdf(tmp_path):
    """The bundled DejaVu Sans has these letters (reportlab's Vera did not: empty boxes)."""
    names = ["Cyfeiriad ŵyr ac ŷd", "Zgłoszenie żółta", "Παραπομπή", "Направление"]
    stages = tuple(stage(i, name, CSC) for i, name in enumerate(names))
    journey = JourneyView(id=5, kind=JourneyKind.CHILD, title="Taith", stages=stages,
                          lanes=(Lane(CSC, "Gofal"),))
    out = tmp_path / "unicode.pdf"
    draw_pdf(layout_journey(journey), out)
    text = pdf_text(out)
    assert all(name in text for name in names)


def test_a_long_title_is_cut_to_the_page_with_its_page_number_kept():
    journey = long_journey(40)
    long_title = JourneyView(id=9, kind=journey.kind, title="Very long title " * 30,
                             stages=journey.stages, links=journey.links, lanes=journey.lanes)
    fig = layout_journey(long_title)
    title = fig.pages[1].title
    assert title.width <= A4_LANDSCAPE.width
    assert title.text.endswith(f"… (map page 2 of {len(fig.pages)})")


def test_wrap_breaks_a_word_too_long_for_the_line():
    register_fonts()
    assert wrap_text("", FONT, 8, 50) == ()
    assert wrap_text("a  b\nc", FONT, 8, 500) == ("a b c",)
    lines = wrap_text("x" * 200, FONT, 8, 50)
    assert "".join(lines) == "x" * 200 and len(lines) > 3


def test_an_empty_journey_is_one_page_with_its_lanes_and_no_boxes():
    for lanes in ((), LANES):
        view = JourneyView(id=6, kind=JourneyKind.CHILD, title="Empty", lanes=lanes)
        fig = layout_journey(view)
        (page,) = fig.pages
        assert page.boxes == () and page.arrows == () and len(page.lanes) == len(lanes)
        assert all(r.x + r.width <= page.width for r in page.texts)
        assert any("No stages" in r.text for r in page.texts)
        assert page.height <= A4_LANDSCAPE.height


@pytest.mark.parametrize("pairs", [
    [(0, 1, NEXT), (1, 2, NEXT), (2, 0, NEXT)],  # a cycle and nothing else
    [(0, 0, NEXT), (1, 1, BRANCH)],  # stages linked to themselves
    [(0, 1, NEXT), (1, 0, NEXT), (0, 1, BRANCH), (1, 1, NEXT), (2, 0, NEXT), (2, 2, NEXT)],
])
def test_cycles_and_self_links_do_not_hang(pairs):
    stages = tuple(stage(i, f"Stage {i}", [POLICE, CSC, None][i]) for i in range(3))
    view = JourneyView(id=7, kind=JourneyKind.CHILD, title="Cycles", stages=stages,
                       links=links(*pairs), lanes=LANES)
    fig = layout_journey(view)  # no graph walk in the layout: nothing to go round
    check_figure(fig, view, A4_LANDSCAPE)
    loops = [a for p in fig.pages for a in p.arrows if a.loop_back]
    assert loops  # every backwards or self link is drawn, below the boxes
    self_link = [a for a in loops if a.from_stage_id == a.to_stage_id]
    assert all(a.points[0][0] > a.points[-1][0] for a in self_link)


def test_a_lead_agency_missing_from_the_lanes_lands_in_no_lead_agency():
    stages = (stage(0, "Referral", 77), stage(1, "Screening", CSC))
    view = JourneyView(id=8, kind=JourneyKind.CHILD, title="Odd", stages=stages,
                       lanes=(Lane(CSC, "Children's social care"),))
    page = layout_journey(view).pages[0]
    assert [lane.name for lane in page.lanes] == ["Children's social care", NO_LEAD]
    assert page.lane(page.box(100).lane).name == NO_LEAD


def test_the_layout_is_deterministic():
    assert layout_journey(long_journey(40)) == layout_journey(long_journey(40))


def test_a_page_too_small_for_a_map_is_refused():
    with pytest.raises(ValueError):
        layout_journey(child_journey(), PageSpec(100, 100))


# --- the PDF -----------------------------------------------------------------------------------

def draw_pdf(fig: MapFigure, out) -> None:
    register_fonts()
    paper = landscape(A4)
    c = rl_canvas.Canvas(str(out), pagesize=paper, initialFontName=FONT)
    for page in fig.pages:
        c.setFont(page.title.font, page.title.size)
        c.drawString(MARGIN + page.title.x, paper[1] - MARGIN - TITLE_ROOM - page.title.y,
                     page.title.text)
        draw_map_page(c, page, MARGIN, paper[1] - MARGIN - TITLE_ROOM)
        c.showPage()
    c.save()


def pdf_text(path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split())
                    for page in PdfReader(str(path)).pages)


def test_every_stage_of_a_forty_stage_map_is_in_the_pdf(tmp_path):
    journey = long_journey(40)
    fig = layout_journey(journey)
    out = tmp_path / "map.pdf"
    draw_pdf(fig, out)
    reader = PdfReader(str(out))
    assert len(reader.pages) == len(fig.pages)
    text = pdf_text(out)
    # names wrap over lines; each line of each name must be there as drawn
    for page in fig.pages:
        for box in page.boxes:
            for run in box.lines:
                assert run.text in text, run.text
    for s in journey.stages:  # whole names: a box's lines are drawn one after another
        assert s.name in text, s.name
    assert "Continued on page 2" in text and "Triggers Raised (School journey)" in text


def test_the_flowable_places_map_pages_in_a_story(tmp_path):
    from reportlab.platypus import BaseDocTemplate

    fig = layout_journey(child_journey())
    out = tmp_path / "story.pdf"
    doc = BaseDocTemplate(str(out), pagesize=landscape(A4))
    doc.addPageTemplates([map_page_template()])
    story = map_flowables(fig)
    maps = [f for f in story if isinstance(f, JourneyMapFlowable)]
    assert len(maps) == len(fig.pages)
    doc.build(story)
    assert all(m.scale == 1 for m in maps)  # the template's frame is the map's own size
    text = pdf_text(out)
    assert "Strategy discussion" in text and "Level: Child in Need" in text
    assert "waits 5 days" in text and "Triggers Context referral (Park journey)" in text
    assert "Continued on page 2" in text
    assert len(PdfReader(str(out)).pages) == len(fig.pages)


def test_a_map_in_a_smaller_frame_shrinks_rather_than_fails(tmp_path):
    from reportlab.platypus import SimpleDocTemplate

    fig = layout_journey(child_journey(), A3_LANDSCAPE)
    out = tmp_path / "small.pdf"
    story = map_flowables(fig)
    SimpleDocTemplate(str(out), pagesize=landscape(A4)).build(list(story))
    assert story[0].scale < 1
    assert "Review conference" in pdf_text(out)
