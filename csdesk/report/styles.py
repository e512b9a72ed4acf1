"""Fonts, colours and paragraph styles for the PDF report.

Fonts are embedded (DejaVu Sans, bundled: csdesk/fonts.py) so the PDF looks the same on every
reader's computer; colours always travel with a word, for black-and-white printing."""

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle

from ..colours import RAG_HEX
from ..fonts import BOLD, BOLD_ITALIC, FONT, ITALIC, register_fonts

__all__ = ["BOLD", "BOLD_ITALIC", "FONT", "ITALIC", "register_fonts", "styles"]

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#b0b0b0")
HEADER_FILL = colors.HexColor("#e8e8ee")

RAG_FILL = {rag: (colors.HexColor(fill), colors.HexColor(text))
            for rag, (fill, text) in RAG_HEX.items()}


def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=14, textColor=INK,
                          bulletFontName=FONT)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=11, textColor=MUTED),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=12),
        "cell_small": ParagraphStyle("cell_small", parent=body, fontSize=8, leading=10),
        "note": ParagraphStyle("note", parent=body, fontName=ITALIC),
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=14, bulletIndent=4),
        "toc": ParagraphStyle("toc", parent=body, fontSize=11, leading=18),
        "h1": ParagraphStyle("h1", parent=body, fontName=BOLD, fontSize=18, leading=24,
                             spaceBefore=6, spaceAfter=10),
        "h2": ParagraphStyle("h2", parent=body, fontName=BOLD, fontSize=13, leading=18,
                             spaceBefore=14, spaceAfter=6),
        "h3": ParagraphStyle("h3", parent=body, fontName=BOLD, fontSize=11, leading=15,
                             spaceBefore=10, spaceAfter=4, keepWithNext=1),
        "cover_area": ParagraphStyle("cover_area", parent=body, fontName=BOLD, fontSize=28,
                                     leading=36, spaceAfter=12),
        "cover_title": ParagraphStyle("cover_title", parent=body, fontSize=18, leading=24,
                                      spaceAfter=24),
        "marking": ParagraphStyle("marking", parent=body, fontName=BOLD, fontSize=14,
                                  leading=18, spaceAfter=18),
    }
