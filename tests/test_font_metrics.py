"""The figures measure text without registering the fonts with reportlab; their numbers
must be reportlab's exactly, or a map would break its lines differently on screen and on paper."""

import random

import pytest
from reportlab.pdfbase import pdfmetrics

from csdesk import font_metrics
from csdesk.fonts import BOLD, BOLD_ITALIC, FONT, ITALIC, register_fonts

LETTERS = ("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 .,;:!?()–…→ "
           "ŵŷâ żółćęń Ελληνικά Кириллица الإحالة والتقييم \u2009\u00a0")


@pytest.mark.parametrize("name", [FONT, BOLD, ITALIC, BOLD_ITALIC])
def test_widths_and_heights_are_reportlabs_to_the_last_bit(name, monkeypatch):
    font_metrics.face.cache_clear()
    with monkeypatch.context() as m:  # read from the file, as in a window without reportlab's
        m.setattr(pdfmetrics, "getRegisteredFontNames", lambda: [])
        ours = font_metrics.face(name)
    font_metrics.face.cache_clear()
    register_fonts()
    rng = random.Random(7)
    for _ in range(2000):
        text = "".join(rng.choice(LETTERS) for _ in range(rng.randint(1, 80)))
        size = rng.choice((6, 7.5, 8, 8.5, 9, 10, 11.3, 14, 22))
        assert ours.string_width(text, size) == pdfmetrics.stringWidth(text, name, size)
        assert font_metrics.ascent_descent(name, size) == pdfmetrics.getAscentDescent(name, size)
    glyphs = pdfmetrics.getFont(name).face.charToGlyph
    assert all(ours.has(c) == (ord(c) in glyphs) for c in LETTERS)
