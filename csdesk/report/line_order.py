"""One line of text in the order it is drawn, left to right, by the Unicode bidi algorithm
(UAX #9), for the PDF: reportlab draws glyphs left to right and knows no bidi of its own.

python-bidi (Rust's unicode-bidi inside) resolves each character's embedding level, brackets
and numbers included. Its get_display() then reorders a line but does not mirror brackets,
and gives no way to follow a character through the reordering, which a line of several
styled pieces needs (an upright face inside italic text, say). So the levels are read from
its debug report, the one way it gives them out (one level a UTF-8 byte), and rules L1
(trailing spaces), L2 (reversal) and L4 (mirroring) are applied here."""

import re
import unicodedata
from functools import lru_cache

from bidi import get_display
from bidi.mirror import MIRRORED

# Hebrew, Arabic, Syriac, Thaana, NKo... and the Arabic presentation forms
RTL_CHARS = r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]"
_RTL = re.compile(RTL_CHARS)
_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")
# L1: whitespace at a line's end (or before a tab) takes the line's own direction
_RESET_BEFORE = {"S", "B"}
_SPACE = {"WS", "BN", "FSI", "LRI", "RLI", "PDI"}


def has_rtl(text: str) -> bool:
    return bool(_RTL.search(text))


def mainly_rtl(text: str) -> bool:
    """True when more of the text's letters are right-to-left than left-to-right (a tie goes
    to the first letter): such text reads from the right and is aligned right."""
    rtl = ltr = 0
    first = None
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            rtl += 1
            first = first or "R"
        elif kind == "L":
            ltr += 1
            first = first or "L"
    return rtl > ltr or (rtl == ltr and first == "R")


def levels(text: str, rtl: bool) -> list[int]:
    """Each character's resolved embedding level (odd: drawn right to left), with the line's
    base direction given."""
    report = get_display(text, base_dir="R" if rtl else "L", debug=True)
    # the report shows the text first, on one line (newlines escaped): the field is after it
    field = report.rsplit("\n    levels: [\n", 1)[-1].split("\n    ],\n", 1)[0]
    per_byte = [int(n) for n in _LEVEL.findall(field)]
    if len(per_byte) != len(text.encode("utf-8")):
        raise RuntimeError("python-bidi's debug report has changed its form: its levels "
                           "could not be read (report/line_order.py)")
    out, at = [], 0
    for ch in text:
        out.append(per_byte[at])
        at += len(ch.encode("utf-8"))
    return out


@lru_cache(maxsize=4096)
def visual_order(text: str, rtl: bool) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The indices of the text's characters as drawn from left to right, and each
    character's level after rule L1 (cached: a name recurs in many tables)."""
    base = 1 if rtl else 0
    level = levels(text, rtl)
    reset = True
    for i in range(len(text) - 1, -1, -1):
        kind = unicodedata.bidirectional(text[i])
        if kind in _RESET_BEFORE:
            level[i], reset = base, True
        elif reset and kind in _SPACE:
            level[i] = base
        else:
            reset = False
    order = list(range(len(text)))
    odd = [n for n in level if n % 2]
    if not odd:
        return tuple(order), tuple(level)
    for least in range(max(level), min(odd) - 1, -1):  # L2
        i = 0
        while i < len(order):
            if level[order[i]] < least:
                i += 1
                continue
            j = i
            while j < len(order) and level[order[j]] >= least:
                j += 1
            order[i:j] = order[i:j][::-1]
            i = j
    return tuple(order), tuple(level)


def visual_pieces(pieces: list[tuple[str, object]], rtl: bool) -> list[tuple[str, object]]:
    """A line made of (text, tag) pieces in logical order (a tag: what styles the text) as
    pieces in drawing order, left to right; right-to-left brackets mirrored."""
    text = "".join(t for t, _ in pieces)
    owner = [tag for t, tag in pieces for _ in t]
    order, level = visual_order(text, rtl)
    out: list[tuple[str, object]] = []
    for i in order:
        ch = MIRRORED.get(text[i], text[i]) if level[i] % 2 else text[i]
        if out and out[-1][1] is owner[i]:
            out[-1] = (out[-1][0] + ch, owner[i])
        else:
            out.append((ch, owner[i]))
    return out


@lru_cache(maxsize=4096)
def visual_line(text: str, rtl: bool | None = None) -> str:
    """One line of plain text as drawn left to right (rtl None: the text's own direction)."""
    if rtl is None:
        rtl = mainly_rtl(text)
    return "".join(t for t, _ in visual_pieces([(text, None)], rtl))
