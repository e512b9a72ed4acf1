"""Text measures of the bundled fonts, for laying out figures (the journey map, the charts)
without registering the fonts with reportlab.

Registering a TTF with reportlab keeps the whole font file and its tables for embedding:
3 MB a face, 13 MB for the four, held for the life of the window though the window only
measures text. Here each face is read once with reportlab's own parser and only what
measuring needs is kept (each letter's advance width, ascent and descent), so the numbers
are reportlab's: the screen and the PDF lay a map out the same."""

from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat

from .fonts import font_file


@dataclass(frozen=True)
class FaceMetrics:
    widths: dict[int, float]  # code point: advance, in thousandths of the font size
    default_width: float
    ascent: float
    descent: float

    def string_width(self, text: str, size: float) -> float:
        """reportlab's stringWidth to the last bit: the advances summed (no kerning), in the
        order its C code multiplies (a map's line breaks must not differ by a rounding)."""
        return sum(map(self.widths.get, map(ord, text), repeat(self.default_width))) \
            * 0.001 * size  # map, not a generator: the same sum, sooner

    def has(self, char: str) -> bool:
        return ord(char) in self.widths


@lru_cache(maxsize=None)
def face(name: str) -> FaceMetrics:
    """One bundled face's metrics (fonts.FONT, BOLD, ITALIC or BOLD_ITALIC)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFontFile

    if name in pdfmetrics.getRegisteredFontNames():  # a report is being made: already read
        parsed = pdfmetrics.getFont(name).face
    else:
        parsed = TTFontFile(str(font_file(name)))
    return FaceMetrics(dict(parsed.charWidths), parsed.defaultWidth, parsed.ascent,
                       parsed.descent)


def string_width(text: str, name: str, size: float) -> float:
    return face(name).string_width(text, size)


def ascent_descent(name: str, size: float) -> tuple[float, float]:
    """As reportlab's getAscentDescent: points above and (negative) below the baseline."""
    f, norm = face(name), size / 1000.0
    return f.ascent * norm, f.descent * norm
