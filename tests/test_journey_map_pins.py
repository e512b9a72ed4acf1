"""The journey map's layout, pinned: the same journeys on the same pages give the very same
figure (pages, font size, lane heights, every box, arrow, stub and line of text) as the layout
did when these pins were taken. Speeding the layout up must not change what it lays out.

tests/data/journey_map_pins.json holds, for each case, a readable summary (compared first, so
a failure says what moved) and a digest of the whole figure, its lengths rounded to 1/1000 pt.
A change to the layout that is meant to move things takes new pins:
    python tests/test_journey_map_pins.py"""

import hashlib
import json
import random
import sys
from dataclasses import fields, is_dataclass
from enum import Enum
from pathlib import Path

import pytest

from csdesk.figures.journey_map import (
    A3_LANDSCAPE, A4_LANDSCAPE, MapFigure, PageSpec, layout_journey,
)
from csdesk.models import JourneyKind, LinkKind
from csdesk.services.journey_view import NO_LEAD, JourneyView, Lane, LinkView, StageView

sys.path.insert(0, str(Path(__file__).parent))
from test_journey_map import child_journey, long_journey  # noqa: E402

PINS = Path(__file__).parent / "data" / "journey_map_pins.json"
SCREEN = PageSpec(1e6, 1e6)  # the screen's one continuous page (ui/map_view.SCREEN_PAGE)
SMALL = PageSpec(420, 300)
WIDE_TYPE = PageSpec.for_paper(297 * 72 / 25.4, 210 * 72 / 25.4, min_font=6.0, max_font=12.0)


def many_lanes() -> JourneyView:
    """Sixteen lanes, thirty stages: too many lanes for a page, so pages show only theirs."""
    lanes = tuple(Lane(i, f"Partner agency number {i}") for i in range(1, 17))
    stages = tuple(StageView(id=100 + i, position=i, name=f"Stage {i}", lead_agency_id=i % 16 + 1,
                             level_id=None, level_name="", days=3, waiting_days=2)
                   for i in range(30))
    links = tuple(LinkView(id=i + 1, from_stage_id=100 + i, to_stage_id=101 + i,
                           kind=LinkKind.NEXT) for i in range(29))
    return JourneyView(id=3, kind=JourneyKind.CHILD, title="Many lanes", stages=stages,
                       links=links, lanes=lanes)


WORDS = ("referral screening strategy meeting assessment conference plan review closure "
         "school police health youth detached outreach parks transport peer group online "
         "safety mapping consultation partners community guardians").split()


def like_the_benchmark(n=40, seed=11) -> JourneyView:
    """A journey as bench/generate.py makes them: six lead agencies in turn, a level, days
    and waits on every stage, each linked to the next, a context trigger every tenth (and
    one archived stage, as shown with Show archived stages)."""
    rng = random.Random(seed)
    lanes = tuple(Lane(i, f"Agency {i}: {' '.join(rng.sample(WORDS, 2))}") for i in range(1, 7))
    levels = ["Universal", "Early Help", "Child in Need", "Child Protection",
              "Risk Outside the Home (ROTH)", "Multi-agency panel"]
    stages = []
    for k in range(n):
        level = rng.randrange(len(levels))
        stages.append(StageView(
            id=500 + k, position=k, name=f"Stage {k + 1} {rng.choice(WORDS)}",
            lead_agency_id=k % 6 + 1, level_id=level + 1, level_name=levels[level],
            days=rng.randint(1, 20), waiting_days=rng.randint(0, 30),
            time_note=" ".join(rng.sample(WORDS, rng.randint(0, 6))), archived=k == 5))
    links = [LinkView(id=k + 1, from_stage_id=500 + k, to_stage_id=501 + k, kind=LinkKind.NEXT)
             for k in range(n - 1)]
    links += [LinkView(id=1000 + k, from_stage_id=500 + k, to_stage_id=9000 + k,
                       kind=LinkKind.TRIGGERS_CONTEXT, other_journey_id=7,
                       other_journey_title="Journey 2: parks", other_stage_name="Stage 1 parks")
              for k in range(0, n, 10)]
    return JourneyView(id=4, kind=JourneyKind.CHILD, title="Journey 1: like the benchmark",
                       stages=tuple(stages), links=tuple(links), lanes=lanes)


def empty() -> JourneyView:
    return JourneyView(id=5, kind=JourneyKind.CONTEXT, title="Empty", stages=(), links=(),
                       lanes=(Lane(1, "Police"), Lane(None, NO_LEAD)))


JOURNEYS = {"child": child_journey, "long40": long_journey,
            "long80": lambda: long_journey(80), "lanes16": many_lanes,
            "bench40": like_the_benchmark, "bench12": lambda: like_the_benchmark(12, 3),
            "empty": empty}
PAGES = {"A4": A4_LANDSCAPE, "A3": A3_LANDSCAPE, "screen": SCREEN, "small": SMALL,
         "A4-6to12": WIDE_TYPE}
CASES = [f"{j}/{p}" for j in JOURNEYS for p in PAGES
         if not (j in ("long80", "lanes16", "empty") and p == "A4-6to12")]
LEVEL_ORDER = (6, 5, 4, 3, 2, 1)  # the project's level ids in order


def plain(value):
    """The figure as JSON-able data, lengths rounded to 1/1000 pt."""
    if isinstance(value, float):
        return round(value, 3) + 0.0  # no -0.0
    if isinstance(value, Enum):
        return value.value
    if is_dataclass(value):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (tuple, list)):
        return [plain(v) for v in value]
    return value


def summary(fig: MapFigure) -> dict:
    return {"font": fig.font_size, "pages": [
        {"boxes": [b.stage_id for b in page.boxes],
         "lanes": [[lane.index, round(lane.height, 3)] for lane in page.lanes],
         "size": [round(page.width, 3), round(page.height, 3)]}
        for page in fig.pages]}


def pin(case: str) -> dict:
    journey, page = case.split("/")
    fig = layout_journey(JOURNEYS[journey](), PAGES[page], LEVEL_ORDER)
    text = json.dumps(plain(fig), sort_keys=True, ensure_ascii=False)
    return {"summary": summary(fig), "digest": hashlib.sha256(text.encode()).hexdigest()}


@pytest.fixture(scope="module")
def pins() -> dict:
    return json.loads(PINS.read_text(encoding="utf-8"))


def test_every_case_is_pinned(pins):
    assert sorted(pins) == sorted(CASES)


@pytest.mark.parametrize("case", CASES)
def test_the_layout_is_what_it_was(case, pins):
    now = pin(case)
    assert now["summary"] == pins[case]["summary"]
    assert now["digest"] == pins[case]["digest"]


if __name__ == "__main__":  # take new pins (only when the layout is meant to change)
    lines = [f"{json.dumps(case)}: {json.dumps(pin(case), sort_keys=True)}" for case in CASES]
    PINS.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")
    print(f"Wrote {len(CASES)} pins to {PINS}")
