"""The timeline laid out once (Qt-free) for screen and PDF: every action on a page, text never
below the smallest readable size, a long plan continued on more pages with its headings
repeated, a long span continued with the action titles repeated; and drawn on screen."""

from dataclasses import replace
from datetime import date

import pytest

from csdesk.figures.journey_map import A4_LANDSCAPE
from csdesk.figures.timeline import layout_timeline
from csdesk.services import plan_view
from csdesk.services.project import OpenProject

TODAY = date(2026, 10, 20)


@pytest.fixture
def acts(demo_file):
    project = OpenProject.open(demo_file, readonly=True)
    try:
        yield plan_view.actions(project, today=TODAY)
    finally:
        project.close()


def every_run(page):
    runs = [page.title, *page.headings, *page.texts]
    for row in page.rows:
        runs += row.label
    return runs


def check_page(page):
    assert all(run.size >= A4_LANDSCAPE.min_font for run in every_run(page))
    for row in page.rows:
        assert page.heading_bottom <= row.y and row.y + row.h <= page.height
        assert all(r.x + r.width <= page.label_width + 0.01 for r in row.label)
        if row.bar:
            assert page.label_width - 0.01 <= row.bar.x <= page.width + 0.01
            assert row.bar.x + row.bar.w <= page.width + 0.01
    assert all(r.y <= page.height for r in page.texts)


@pytest.mark.parametrize("scale", ["month", "quarter"])
def test_every_action_is_on_the_timeline_in_words(acts, scale):
    figure = layout_timeline(acts, scale=scale, today=TODAY)
    for page in figure.pages:
        check_page(page)
    shown = [row.action_id for page in figure.pages for row in page.rows]
    assert sorted(shown) == sorted(a.id for a in acts)
    labels = {row.action_id: " ".join(r.text for r in row.label)
              for page in figure.pages for row in page.rows}
    late = next(a for a in acts if a.overdue)
    assert "overdue" in labels[late.id]  # in words, not only colour
    first = figure.pages[0]
    names = [r.text for r in first.headings]
    assert ("Jan" in names or "Feb" in names) if scale == "month" else "Q1" in names
    assert first.today_x is not None and any(t.text == "Today" for t in first.texts)


def test_a_long_plan_continues_with_its_headings_repeated(acts):
    many = [replace(a, id=1000 + i, title=f"{a.title} ({i})")
            for i, a in enumerate(acts * 6)]
    figure = layout_timeline(many, today=TODAY)
    assert len(figure.pages) > 3
    first = [(r.text, r.x) for r in figure.pages[0].headings]
    for page in figure.pages:
        check_page(page)
        assert [(r.text, r.x) for r in page.headings] == first
        assert page.title.text.endswith(f"(page {page.number} of {len(figure.pages)})")
    assert "more actions on page 2" in " ".join(t.text for t in figure.pages[0].texts)
    assert sorted(r.action_id for p in figure.pages for r in p.rows) == sorted(
        a.id for a in many)


def test_a_long_span_continues_with_the_titles_repeated(acts):
    a = acts[0]
    long = [replace(a, start_on=date(2026, 1, 1), due_on=date(2029, 12, 31)),
            replace(acts[1], id=999, start_on=None, due_on=date(2029, 6, 30)),
            replace(acts[2], id=998, start_on=None, due_on=None)]
    figure = layout_timeline(long, today=TODAY)
    assert len(figure.pages) >= 2
    for page in figure.pages:
        check_page(page)
        assert [r.action_id for r in page.rows] == [a.id, 999, 998]
    first, last = figure.pages[0].rows[0].bar, figure.pages[-1].rows[0].bar
    assert first.cut_end and not first.cut_start and last.cut_start and not last.cut_end
    assert "later months continue on page 2" in " ".join(t.text for t in figure.pages[0].texts)
    milestone = figure.pages[-1].rows[1].bar
    assert milestone is not None and milestone.w == 0
    assert all(p.rows[2].bar is None for p in figure.pages)  # no dates, no bar
    assert "no dates" in " ".join(r.text for r in figure.pages[0].rows[2].label)


def test_no_actions_is_one_empty_page():
    figure = layout_timeline([], today=TODAY)
    assert len(figure.pages) == 1 and figure.pages[0].rows == ()


def test_the_timeline_tab_draws_the_pages(qtbot, demo_file, dialog_log):
    from PySide6.QtGui import QImage, QPainter

    from csdesk.ui.app import make_app
    from csdesk.ui.timeline_view import TimelineView, paint_page

    make_app()
    project = OpenProject.open(demo_file)
    try:
        view = TimelineView()
        qtbot.addWidget(view)
        view.resize(1200, 800)
        view.show()
        view.set_project(project)
        view.refresh()  # the Actions screen does this when the tab is shown
        figure = view.canvas.figure
        assert figure.scale == "month" and figure.pages
        view.scale_box.setCurrentIndex(1)
        assert view.canvas.figure.scale == "quarter"
        page = view.canvas.figure.pages[0]
        image = QImage(int(page.width), int(page.height), QImage.Format.Format_RGB32)
        painter = QPainter(image)
        paint_page(painter, page)
        painter.end()
        bar = page.rows[0].bar
        colour = image.pixelColor(int(bar.x + bar.w / 2), int(bar.y + bar.h / 2))
        assert colour.name() == bar.fill  # the bar is drawn where the layout put it
    finally:
        project.close()
