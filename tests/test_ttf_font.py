"""The quick way to draw ASCII text in a TTF font must split every string exactly as
reportlab's own TTFont does (same subsets, same bytes), or the PDF would show wrong letters."""

import random

from reportlab.pdfbase.ttfonts import TTFont

from csdesk.fonts import FONT, font_file
from csdesk.ttf_font import AsciiTTFont

ASCII = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 .,;:!?()~{}|\\'\"`"
LETTERS = ASCII + "\t\n\x7f ŵŷâ żółćęń Ελληνικά Кириллица الإحالة →…–\u00a0\u2009"


class Doc:  # reportlab keeps each document's subsets in a WeakKeyDictionary
    pass


def test_strings_split_as_reportlab_splits_them():
    ours, theirs = (kind(FONT, str(font_file(FONT))) for kind in (AsciiTTFont, TTFont))
    doc_ours, doc_theirs = Doc(), Doc()
    rng = random.Random(11)
    texts = ["", " ", "Plain ASCII, with (brackets) & ~tildes~", "\t", "\x7f"]
    for _ in range(3000):
        pool = ASCII if rng.random() < 0.5 else LETTERS
        texts.append("".join(rng.choice(pool) for _ in range(rng.randint(0, 60))))
    for text in texts:
        assert ours.splitString(text, doc_ours) == theirs.splitString(text, doc_theirs), text
    assert ours.state[doc_ours].subsets == theirs.state[doc_theirs].subsets
    assert ours.state[doc_ours].assignments == theirs.state[doc_theirs].assignments


def test_plain_ascii_takes_the_quick_way():
    font = AsciiTTFont(FONT, str(font_file(FONT)))
    assert font._ascii_direct
    assert font.splitString("Red (R)", Doc()) == [(0, b"Red (R)")]
