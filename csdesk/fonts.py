"""The fonts of everything csdesk draws for paper: the PDF report and the journey maps (on
screen the map is drawn with the same fonts, so it matches the PDF).

DejaVu Sans, bundled under resources/fonts/ (Bitstream Vera licence, see LICENSE.txt there):
unlike reportlab's own Vera it has Welsh ŵ ŷ, Polish, Greek and Cyrillic, and arrows. Arabic
glyphs are there too, though not joined or ordered right to left."""

from pathlib import Path

from .resource_path import resource

FONT, BOLD, ITALIC, BOLD_ITALIC = "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", \
    "DejaVuSans-BoldOblique"
FILES = {FONT: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", ITALIC: "DejaVuSans-Oblique.ttf",
         BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf"}


def font_file(name: str) -> Path:
    return resource("fonts", FILES[name])


def register_fonts() -> None:
    """Make the fonts known to reportlab (for drawing and for measuring text). reportlab is
    imported here, not above: the window uses this module's names without it."""
    from reportlab.pdfbase import pdfmetrics

    from .ttf_font import AsciiTTFont

    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    for name in FILES:
        pdfmetrics.registerFont(AsciiTTFont(name, str(font_file(name))))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=ITALIC,
                                  boldItalic=BOLD_ITALIC)
