"""The report's quicker paragraphs must lay out exactly as reportlab's own would."""

import io
from xml.sax.saxutils import escape

import pytest
from reportlab.platypus import Paragraph as ReportlabParagraph
from reportlab.platypus import SimpleDocTemplate

from csdesk.report.paragraph import Paragraph, plain_paragraph
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
        words = line[1] if isinstance(line, tuple) else [w.text for w in line.words]
        out.append(" ".join(words))
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
