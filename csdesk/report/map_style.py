"""The journey map's colours, dashes and line widths, shared by the PDF (journey_map.py) and
the screen (ui/map_view.py). Only reportlab's colours: the window imports this at start,
and the rest of reportlab waits for the first export."""

from reportlab.lib import colors

LANE_FILLS = (colors.HexColor("#f4f4f4"), colors.HexColor("#e6e6e6"))  # alternate lanes
LABEL_FILL = colors.HexColor("#d9d9de")  # the lane-label column, a shade darker
# One tint per level, each a clear step lighter or darker than the next in greyscale
# (luma 0.92, 0.79, 0.65, 0.56, 0.46, 0.35, 0.16), so a black-and-white print keeps them apart.
LEVEL_TINTS = tuple(colors.HexColor(h) for h in (
    "#f9efb4", "#a9d3e6", "#86c07a", "#d9784a", "#8a5fb3", "#2f6680", "#3b2418"))
DASHES = {"solid": (), "dashed": (4, 2.5), "dotted": (1, 1.8)}
LINE = 0.8  # arrows
BORDER = 0.6  # boxes


def level_fill(index: int) -> colors.Color:
    return LEVEL_TINTS[index % len(LEVEL_TINTS)]
