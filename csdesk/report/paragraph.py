"""reportlab's Paragraph, laid out once per width.

A paragraph is wrapped several times at the same width on its way to the page: a table
measures its cells, the frame measures the table, a split measures the rest again. Breaking
lines is the report's costliest step, and its result depends only on the width (the text
and style never change), so the last result is kept and reused."""

import re
from weakref import WeakKeyDictionary

from reportlab.platypus import Paragraph as _Paragraph

from .line_order import has_rtl


class Paragraph(_Paragraph):
    _wrapped = None  # (availWidth, width, height, blPara, _wrapWidths) of the last wrap

    def wrap(self, availWidth, availHeight):
        last = self._wrapped
        if last is not None and last[0] == availWidth:
            _, self.width, self.height, self.blPara, self._wrapWidths = last
            return self.width, self.height
        width, height = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, width, height, self.blPara, self._wrapWidths)
        return width, height


_MARKUP = re.compile(r"[&<>\n]")
_templates = WeakKeyDictionary()  # style: its one text fragment (gone with the style)


def plain_paragraph(text: str, style, bulletText=None) -> Paragraph | None:
    """A Paragraph of plain text without running reportlab's markup parser (a tenth of the
    report's time), or None if the text needs the parser: markup characters, line breaks
    or right-to-left script. The fragment is the parser's own, for this style, with the
    text set as the parser would set it (white space collapsed)."""
    words = text.split()
    if not words or _MARKUP.search(text) or has_rtl(text):
        return None
    frag = _templates.get(style)
    if frag is None:
        frag = _templates[style] = _Paragraph("x", style).frags[0]
    text = " ".join(words)
    return Paragraph(text, style, bulletText=bulletText, frags=[frag.clone(text=text)])


def plain_lines(text: str, style) -> list[Paragraph] | None:
    """Plain text with line breaks as one plain Paragraph a line, for a table cell (which
    stacks them): the lines fall where a Paragraph with <br/> puts them, without
    reportlab's many-fragment line breaking (several times slower). None if a line is blank
    or needs the markup parser (see plain_paragraph)."""
    lines = [plain_paragraph(line, style) for line in text.split("\n")]
    return lines if all(lines) else None
