"""The report's quicker paragraphs must lay out exactly as reportlab's own would."""

import io
import random
from xml.sax.saxutils import escape

import pytest
from reportlab.platypus import Paragraph as ReportlabParagraph
from reportlab.platypus import SimpleDocTemplate

from csdesk.report.paragraph import Paragraph, plain_lines, plain_paragraph
from csdesk.report.styles import styles

TEXTS = ["Front door", "  Strategy   meeting held\tweekly, with   police and schools. " * 6,
         "Zażółć gęślą jaźń; Ŵŷ; Ελληνικά; Кириллица " * 4]


def pdf_of(para, width: float) -> bytes:
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=(width + 20, 2000), leftMargin=10, rightMargin=10,
                      invariant=1).build([para])
    return out.getvalue()


def lines(para, width: float) -> list[str]:
    para.wrap(width, 1000)
    out = []
    for line in para.blPara.lines:
        if isinstance(line, tuple):  # one fragment: its words
            out.append(" ".join(line[1]))
        else:  # several: fragments that carry their own spaces (a <br/> ends in an empty one)
            out.append("".join(w.text for w in line.words).strip())
    return out


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("style", ["body", "cell", "note"])
def test_plain_paragraph_breaks_lines_as_the_parser_does(text, style):
    st = styles()[style]
    quick = plain_paragraph(text, st)
    assert quick is not None
    for width in (60, 180, 400):
        parsed = ReportlabParagraph(escape(text), st)
        assert lines(quick, width) == lines(parsed, width)
    assert pdf_of(plain_paragraph(text, st), 180) == pdf_of(
        ReportlabParagraph(escape(text), st), 180)  # the same font, colour and place


@pytest.mark.parametrize("text", ["Fish & chips", "a < b", "line one\nline two", "   ",
                                  "الإحالة والتقييم"])
def test_text_the_parser_must_read_is_left_to_it(text):
    assert plain_paragraph(text, styles()["body"]) is None


def test_a_paragraph_wrapped_again_at_another_width_is_broken_again():
    para = Paragraph(escape(TEXTS[1]), styles()["body"])
    narrow, wide = para.wrap(100, 1000), para.wrap(400, 1000)
    assert narrow[1] > wide[1]
    assert para.wrap(100, 1000) == narrow


WORDS = ("early help", "MASH", "strategy", "meeting,", "Evidence:", "Zażółć", "a", "—",
         "safeguarding-partnership", "Observation of meetings.", "x" * 40)


@pytest.mark.parametrize("style", ["cell", "cell_small"])
def test_plain_lines_stack_to_what_a_paragraph_with_line_breaks_shows(style):
    """A table cell of several lines: plain_lines' paragraphs, one under another, break
    and stand exactly as one Paragraph with <br/> (a page rendered both ways is the same)."""
    st = styles()[style]
    rng = random.Random(5)
    for _ in range(150):
        text = "\n".join(" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 25)))
                         for _ in range(rng.randint(2, 5)))
        parsed = Paragraph(escape(text).replace("\n", "<br/>"), st)
        quick = plain_lines(text, st)
        for width in (90, 160, 240):
            height = parsed.wrap(width, 5000)[1]
            assert sum(p.wrap(width, 5000)[1] for p in quick) == height
            assert [line for p in quick for line in lines(p, width)] == lines(parsed, width)


@pytest.mark.parametrize("text", ["one\n\nthree", "one\n", "Fish & chips\nsecond", "one line"])
def test_lines_the_stacking_would_change_are_left_to_the_parser(text):
    if "\n" in text:
        assert plain_lines(text, styles()["cell"]) is None
    else:  # one line: a list of one plain paragraph, as plain_paragraph gives
        assert len(plain_lines(text, styles()["cell"])) == 1
