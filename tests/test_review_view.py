"""The System Review read as plain data: what is rated, in what order, each cell's rating,
counts, and the change between two rounds."""

from datetime import date

import pytest

from csdesk.models import Rag
from csdesk.services import journeys, review
from csdesk.services import review_view as rv


@pytest.fixture
def mapped(project):
    child = journeys.add_journey(project, "child", "Child journey")
    place = journeys.add_journey(project, "context", "Places", context_type="place")
    stages = [journeys.add_stage(project, child, n) for n in ("Referral", "Front door")]
    stages.append(journeys.add_stage(project, place, "Place raised"))
    return stages


def test_every_stage_then_every_system_area_is_rated_against_every_domain(project, mapped):
    round_id = review.add_round(project, "Baseline")
    h = rv.heatmap(project, round_id)
    labels = [(i.group, i.label) for i in h.items]
    assert labels[:3] == [("Child journey", "Referral"), ("Child journey", "Front door"),
                          ("Places", "Place raised")]
    assert all(group == rv.SYSTEM_WIDE for group, _ in labels[3:]) and len(labels) > 3
    assert [d.short_name for d in h.domains][0] and len(h.domains) == 4
    assert h.size == len(labels) * 4 and h.rated == 0
    assert h.counts() == {Rag.NOT_RATED: h.size}


def test_a_cell_holds_its_rating_with_evidence_in_the_framework_order(project, mapped):
    round_id = review.add_round(project, "Baseline")
    domain = rv.domains(project)[1]
    sources = list(rv.evidence_sources(project))
    review.rate(project, round_id, domain_id=domain.id, stage_id=mapped[1], rag="amber",
                rationale="Partly", source_ids=[sources[2], sources[0]], confidence="low")
    h = rv.heatmap(project, round_id)
    cell = h.cell(rv.ItemRef("stage", mapped[1]), domain.id)
    assert (cell.rag, cell.rationale, cell.source_ids) == (Rag.AMBER, "Partly",
                                                           (sources[0], sources[2]))
    assert h.counts(domain.id)[Rag.AMBER] == 1 and h.counts()[Rag.AMBER] == 1
    item = next(i for i in h.items if i.ref == cell.item)
    assert rv.cell_words(item, domain, cell) == (
        f"Front door, {domain.short_name}: Amber, low confidence")


def test_an_archived_stage_stays_in_the_rounds_that_rated_it_only(project, mapped):
    first = review.add_round(project, "Baseline")
    domain = rv.domains(project)[0]
    review.rate(project, first, domain_id=domain.id, stage_id=mapped[0], rag="red")
    journeys.delete_stage(project, mapped[0])  # rated: archived, not deleted
    second = review.add_round(project, "Review 1")
    assert [i.archived for i in rv.heatmap(project, first).items if i.label == "Referral"] == [True]
    assert "Referral" not in [i.label for i in rv.heatmap(project, second).items]
    assert "Referral" not in [i.label for i in rv.rated_items(project)]


def test_progress_says_which_cells_got_better_worse_or_stayed(project, mapped):
    a = review.add_round(project, "Baseline", date(2026, 3, 1))
    b = review.add_round(project, "Review 1", date(2026, 9, 1))
    d = rv.domains(project)[0].id
    for stage, before, after in zip(mapped, ("red", "green", "amber"), ("amber", "amber", "amber")):
        review.rate(project, a, domain_id=d, stage_id=stage, rag=before)
        review.rate(project, b, domain_id=d, stage_id=stage, rag=after)
    moved = rv.progress(project, a, b)
    assert [c.item.label for c in moved.moved("better")] == ["Referral"]
    assert [c.item.label for c in moved.moved("worse")] == ["Front door"]
    assert [c.item.label for c in moved.moved("same")] == ["Place raised"]
    assert [r.label for r in rv.rounds(project)] == ["Baseline", "Review 1"]


def test_value_checks_list_every_value_rated_or_not(project):
    round_id = review.add_round(project, "Baseline")
    values = rv.value_checks(project, round_id)
    assert values and all(v.rag == Rag.NOT_RATED for v in values)
    review.set_value_check(project, round_id, values[2].value_id, "green", "Seen in plans")
    again = rv.value_checks(project, round_id)
    assert (again[2].rag, again[2].evidence) == (Rag.GREEN, "Seen in plans")


def test_an_unknown_round_is_a_plain_error(project):
    with pytest.raises(ValueError, match="not in this project"):
        rv.heatmap(project, 999)


def test_the_heatmap_grid_groups_rows_marks_cells_and_totals_each_level(project, mapped):
    from csdesk.figures.heatmap import Show, heatmap_grid

    round_id = review.add_round(project, "Baseline")
    target = rv.domains(project)[0]
    review.rate(project, round_id, domain_id=target.id, stage_id=mapped[0], rag="red",
                confidence="low")
    review.rate(project, round_id, domain_id=target.id, stage_id=mapped[2], rag="green",
                evidence_notes="Seen at panel", confidence="high")
    grid = heatmap_grid(rv.heatmap(project, round_id))
    assert [(r.kind, r.label) for r in grid.rows[:5]] == [
        ("group", "Child journey"), ("item", "Referral"), ("item", "Front door"),
        ("group", "Places"), ("item", "Place raised")]
    referral = grid.rows[1].cells[0]
    assert (referral.text, referral.words) == (
        "R?*", f"Referral, {target.short_name}: Red, low confidence, no evidence recorded")
    assert grid.rows[4].cells[0].text == "G"
    totals = {r.label: r.cells[0].text for r in grid.rows if r.kind == "total"}
    assert totals["Total, Level 1: child journeys"] == "R 1 · 1 not rated"
    assert totals["Total, Level 2: context journeys"] == "G 1"
    assert totals["Total"].startswith("R 1 · G 1 · ")

    only_places = heatmap_grid(rv.heatmap(project, round_id),
                               Show(scope="level2", domain_ids=(target.id,)))
    assert [r.label for r in only_places.item_rows()] == ["Place raised"]
    assert len(only_places.columns) == 1
    assert [r.label for r in only_places.rows if r.kind == "total"] == ["Total"]


def test_the_share_chart_gives_every_round_a_full_bar_per_domain_with_its_numbers(project,
                                                                                   mapped):
    from csdesk.figures.rag_share import rag_share_chart, share_table

    a, b = review.add_round(project, "Baseline"), review.add_round(project, "Review 1")
    target = rv.domains(project)[0]
    review.rate(project, a, domain_id=target.id, stage_id=mapped[0], rag="red")
    review.rate(project, b, domain_id=target.id, stage_id=mapped[0], rag="green")
    domains, shares = rv.shares(project)
    chart = rag_share_chart(domains, shares, width=400)
    bars = {}
    for seg in chart.segments:
        bars.setdefault(seg.y, []).append(seg)
    assert len(bars) == len(domains) * 2  # one bar per domain per round
    for segs in bars.values():
        assert sum(s.w for s in segs) == pytest.approx(chart.width - segs[0].x)
    texts = [t.text for t in chart.texts]
    assert target.short_name in texts and "Baseline" in texts
    header, rows = share_table(domains, shares)
    assert header == ("Domain", "Baseline", "Review 1")
    assert rows[0][1].startswith("R 1 ·") and rows[0][2].startswith("G 1 ·")


def test_a_new_round_carries_the_previous_ratings_forward_to_re_rate(project, mapped):
    first = review.add_round(project, "Baseline", date(2026, 3, 1))
    d = rv.domains(project)[2].id
    source = list(rv.evidence_sources(project))[0]
    review.rate(project, first, domain_id=d, stage_id=mapped[1], rag="amber", rationale="Partly",
                source_ids=[source], confidence="medium")
    review.rate(project, first, domain_id=d, stage_id=mapped[0], rag="red")
    value = rv.value_checks(project, first)[0].value_id
    review.set_value_check(project, first, value, "red", "Rarely seen")
    journeys.delete_stage(project, mapped[0])  # archived: it has a rating
    second = review.add_round(project, "Review 1", carry_from=first)
    again = rv.heatmap(project, second).cell(rv.ItemRef("stage", mapped[1]), d)
    assert (again.rag, again.rationale, again.source_ids) == (Rag.AMBER, "Partly", (source,))
    assert rv.heatmap(project, second).rated == 1  # not the archived stage's
    assert rv.value_checks(project, second)[0].evidence == "Rarely seen"
    blank = review.add_round(project, "Review 2")
    assert rv.heatmap(project, blank).rated == 0
    project.undo()
    project.undo()
    assert [r.label for r in rv.rounds(project)] == ["Baseline"]


def test_rounds_are_renamed_and_deleted_with_their_ratings_undoably(project, mapped):
    first = review.add_round(project, "Baseline")
    d = rv.domains(project)[0].id
    review.rate(project, first, domain_id=d, stage_id=mapped[0], rag="green",
                evidence_notes="Audit")
    review.update_round(project, first, label="Baseline, March", held_on=date(2026, 3, 12))
    assert (rv.rounds(project)[0].label, rv.rounds(project)[0].held_on) == (
        "Baseline, March", date(2026, 3, 12))
    with pytest.raises(ValueError, match="name"):
        review.update_round(project, first, label="  ")
    assert review.delete_round(project, first) == 1
    assert rv.rounds(project) == ()
    project.undo()
    assert rv.heatmap(project, first).rated == 1
    review.clear_rating(project, first, domain_id=d, stage_id=mapped[0])
    assert rv.heatmap(project, first).rated == 0


def test_one_cell_read_alone_has_the_colour_the_heatmap_gives_it(project, mapped):
    round_id = review.add_round(project, "Baseline")
    domains = rv.domains(project)
    area = next(i.ref for i in rv.heatmap(project, round_id).items if i.ref.kind == "area")
    review.rate(project, round_id, domain_id=domains[0].id, stage_id=mapped[0], rag="red")
    review.rate(project, round_id, domain_id=domains[1].id, area_id=area.area_id, rag="green")
    review.rate(project, round_id, domain_id=domains[2].id, stage_id=mapped[0],
                rag="not applicable", na_reason="No such step here")
    h = rv.heatmap(project, round_id)
    seen = {rv.rag_in_round(project, round_id, i.ref, d.id) for i in h.items for d in h.domains}
    assert seen == {Rag.RED, Rag.GREEN, Rag.NOT_APPLICABLE, Rag.NOT_RATED}
    assert all(rv.rag_in_round(project, round_id, i.ref, d.id) == h.cell(i.ref, d.id).rag
               for i in h.items for d in h.domains)
