"""User text made ready for reportlab: escaped for Paragraph markup, and Arabic (or any
right-to-left script) joined and put in visual order, which reportlab 5 cannot do by itself
without ReportLab's own rlbidi package (not on PyPI).

arabic-reshaper picks each letter's joined form (the Arabic Presentation Forms, which DejaVu
Sans has); the Unicode bidi algorithm (line_order.py, on python-bidi) orders a line for
display. A paragraph is broken into lines first, on its logical text, and each line is then
ordered as it is drawn (rtl_paragraph.py), so a right-to-left paragraph that wraps reads its
lines top to bottom; text mainly right to left is aligned right. A PDF reader's text
extraction reads each line back in logical order (presentation forms normalise, NFKC, to the
letters typed). DejaVu Sans's oblique faces have no Arabic, so right-to-left runs in italic
text are drawn upright. Text with no right-to-left letter takes the plain, faster path."""

import re
from functools import lru_cache
from xml.sax.saxutils import escape

import arabic_reshaper

from ..fonts import BOLD, BOLD_ITALIC, FONT, ITALIC
from .line_order import RTL_CHARS, has_rtl, visual_line
from .paragraph import Paragraph, plain_paragraph
from .rtl_paragraph import rtl_paragraph

__all__ = ["has_rtl", "paragraph", "visual"]

# a right-to-left run with the spaces and signs inside it (not a Latin word after it)
_RTL_RUN = re.compile(rf"{RTL_CHARS}(?:[^A-Za-z\n]*{RTL_CHARS})*")
UPRIGHT = {ITALIC: FONT, BOLD_ITALIC: BOLD}  # the face that has Arabic, for each oblique one
_shaped = lru_cache(maxsize=4096)(arabic_reshaper.reshape)


@lru_cache(maxsize=4096)
def visual(text: str) -> str:
    """Text drawn straight on the canvas, line by line, as it must be drawn left to right
    (unchanged if all left-to-right)."""
    if not has_rtl(text):
        return text
    return "\n".join(visual_line(_shaped(line)) for line in text.split("\n"))


def paragraph(text: str, style, bullet: str | None = None) -> Paragraph:
    """A Paragraph of user text (escaped; line breaks kept). Right-to-left text is joined
    and ordered line by line as drawn; in an italic style its runs are upright."""
    text = str(text)
    plain = plain_paragraph(text, style, bullet)  # no markup parsing: the fastest
    if plain is not None:
        return plain
    if not has_rtl(text):
        return Paragraph(escape(text).replace("\n", "<br/>"), style, bulletText=bullet)
    shaped = _shaped(text)
    upright = UPRIGHT.get(style.fontName)
    if upright:
        marked, at = [], 0
        for run in _RTL_RUN.finditer(shaped):
            marked += [escape(shaped[at:run.start()]),
                       f'<font name="{upright}">{escape(run.group())}</font>']
            at = run.end()
        marked.append(escape(shaped[at:]))
        markup = "".join(marked)
    else:
        markup = escape(shaped)
    return rtl_paragraph(markup.replace("\n", "<br/>"), shaped, style, bullet)
