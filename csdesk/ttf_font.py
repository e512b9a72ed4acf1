"""reportlab's TrueType font, with a quicker way to draw plain ASCII text.

Every string drawn in a TTF font is split, letter by letter in Python, into runs of the
font's PDF subsets (ttfonts.TTFont.splitString): a tenth of a long report's time. In the
subsetting reportlab does by default (rl_config.ttfAsciiReadable), the printable ASCII
letters are given codes equal to their own in subset 0 before anything is drawn, so a
string of only those letters is one run, its own bytes: the same answer, without the loop.
Imports reportlab: import this module only where reportlab is wanted."""

from reportlab.pdfbase.ttfonts import TTFont

_PRINTABLE_ASCII = range(32, 127)


class AsciiTTFont(TTFont):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        has = self.face.charToGlyph
        self._ascii_direct = bool(self._asciiReadable) and all(n in has for n in _PRINTABLE_ASCII)

    def splitString(self, text, doc, encoding="utf-8"):
        if self._ascii_direct and isinstance(text, str) and text.isascii() \
                and text.isprintable():
            self._assignState(doc)  # the document's subsets, made as splitString makes them
            return [(0, text.encode("ascii"))] if text else []
        return super().splitString(text, doc, encoding)
