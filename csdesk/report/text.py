"""User text made ready for reportlab: escaped for Paragraph markup, and Arabic (or any
right-to-left script) joined and put in visual order, which reportlab 5 cannot do by itself
without ReportLab's own rlbidi package (not on PyPI).

arabic-reshaper picks each letter's joined form (the Arabic Presentation Forms, which DejaVu
Sans has) and python-bidi orders a line for display by the Unicode bidi algorithm. A PDF
reader's text extraction reads the run back in logical order (presentation forms normalise,
NFKC, to the letters typed). Limits: a right-to-left run is ordered as one line, so one that
wraps across lines reads its lines in the wrong order; short names and phrases are fine.
DejaVu Sans's oblique faces have no Arabic, so right-to-left runs stay upright."""

import re
from functools import lru_cache
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi import get_display

from ..fonts import BOLD, FONT

# Hebrew, Arabic, Syriac, Thaana, NKo... and the Arabic presentation forms
_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def has_rtl(text: str) -> bool:
    return bool(_RTL.search(text))


@lru_cache(maxsize=4096)
def visual(text: str) -> str:
    """One line of text as it must be drawn left to right (unchanged if all left-to-right)."""
    if not has_rtl(text):
        return text
    return "\n".join(get_display(arabic_reshaper.reshape(line)) for line in text.split("\n"))


def markup(text: str, upright_rtl: bool = False, bold: bool = False) -> str:
    """Text for a Paragraph: escaped, right-to-left runs shaped, line breaks kept.
    upright_rtl: the paragraph is italic, whose face lacks Arabic; draw those runs upright."""
    lines = []
    for line in str(text).split("\n"):
        shown = escape(visual(line))
        if upright_rtl and has_rtl(line):
            face = BOLD if bold else FONT
            shown = re.sub(r"([\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff][^A-Za-z]*)",
                           rf'<font name="{face}">\1</font>', shown)
        lines.append(shown)
    return "<br/>".join(lines)
