"""The plan timeline's layout, checked as geometry (no display, no PDF)."""

from datetime import date

from csdesk.figures.timeline import AXIS, Bar, layout_timeline


def test_bars_sit_on_the_month_scale_and_rows_do_not_overlap():
    bars = [Bar("Refer contexts at the front door, a name long enough to wrap onto lines",
                "in progress", date(2026, 3, 1), date(2026, 9, 30)),
            Bar("Train champions", "done", date(2026, 4, 15), date(2026, 5, 15)),
            Bar("No start date", "blocked", None, date(2026, 6, 1)),
            Bar("No dates at all", "not started", None, None)]
    figure = layout_timeline(bars, 480, today=date(2026, 6, 1))
    assert [r.texts[0].text.split(" (")[0][:14] for r in figure.rows] == [
        "Refer contexts", "Train champion", "No start date"]  # undated actions left out
    assert len(figure.rows[0].texts) > 1  # wrapped
    assert figure.rows[0].texts[-1].text.endswith("(in progress)")  # status in words
    for above, below in zip(figure.rows, figure.rows[1:]):
        assert above.y + above.h <= below.y
    march = next(t for t in figure.ticks if t.label and t.label.text == "Mar 2026")
    assert abs(figure.rows[0].bar.x - march.x) < 0.01
    assert figure.rows[1].bar.x > march.x and figure.rows[1].bar.w > 0
    assert figure.rows[2].bar.open_start
    for row in figure.rows:
        assert figure.label_width < row.bar.x and row.bar.x + row.bar.w <= 480 + 0.01
        assert all(run.x + run.width <= figure.label_width for run in row.texts)
    assert figure.ticks[0].x < figure.today < figure.ticks[-1].x
    assert layout_timeline([Bar("x", "done", None, None)], 480) is None


def test_a_long_plan_splits_between_rows_with_the_scale_on_each_part():
    bars = [Bar(f"Action {i}", "not started", date(2026, 1, 1), date(2026, 1 + i % 12, 28))
            for i in range(60)]
    figure = layout_timeline(bars, 480)
    parts = figure.pages(300)
    assert len(parts) > 2
    assert sum(len(p.rows) for p in parts) == 60
    for part in parts:
        assert part.height <= 300 and part.rows[0].y == AXIS
