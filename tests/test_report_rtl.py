"""Right-to-left text in the PDF report, read back as its readers get it: an Arabic paragraph
that wraps reads its lines top to bottom (first words on the first line), is aligned right,
keeps its brackets facing the right way and its letters upright in italic text."""

import re
import unicodedata

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import SimpleDocTemplate

from csdesk.fonts import FONT, ITALIC
from csdesk.report import content as c
from csdesk.report import write_report
from csdesk.report.line_order import visual_line
from csdesk.report.pdf import Renderer
from csdesk.services import journeys, review
from csdesk.services import review_view as rv
from csdesk.services.project import OpenProject

from .test_report_export import read

# Who took part (a body paragraph) and a rating's rationale (a table cell): long enough to
# wrap over three lines or more, and no word in both, so each line tells which it is from.
TOOK_PART = (
    "شارك في الجلسة ممثلون عن الخدمات الاجتماعية للأطفال والشرطة المحلية ومدارس المنطقة "
    "الثانوية وفريق الصحة المدرسية ومنظمات الشباب التطوعية ومجلس الإسكان وخدمات النقل العام "
    "وأصحاب المتاجر في مركز المدينة وممثل عن مشروع الملاعب الرياضية وعامل شباب من حديقة النهر "
    "وممرضة من عيادة الحي ومدير مركز الترفيه المسائي وموظفة الاستقبال في المكتبة العامة")
RATIONALE = (
    "ما زالت الإحالات إلى الفريق تركز على سلوك الطفل وحده وتتجاهل الأماكن التي يتعرض فيها "
    "للأذى، ولم تسجل أي خطة لتغيير البيئة حول محطة الحافلات رغم تكرار البلاغات منذ الربيع "
    "الماضي")
FRAME_PADDING = 6  # reportlab's Frame, inside the page margin
BOARD = "The board asked for a plan by March."
ARABIC_WORD = re.compile(r"[\u0600-\u06ff]+")


def words(text: str) -> list[str]:
    return ARABIC_WORD.findall(unicodedata.normalize("NFKC", text))


def pieces(page) -> list[tuple[float, float, str, float, str]]:
    """Each piece of text drawn on the page: (x, baseline y, font, size, text), in the order
    drawn; pypdf gives right-to-left text back in the order it was typed, and the x where
    the line's text began."""
    out = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            name = font["/BaseFont"].split("+")[-1] if font else ""
            out.append((round(cm[4] + tm[4], 2), round(cm[5] + tm[5], 2), name, size, text))

    page.extract_text(visitor_text=visit)
    return out


def drawn_lines(pdf) -> list[tuple[float, float, str]]:
    """The lines drawn, page by page, top down, left to right: (left x, right x, text).
    pypdf may add a space at a line's end: the right x leaves it out."""
    lines = []
    for page in (pdf if isinstance(pdf, PdfReader) else PdfReader(pdf)).pages:
        by_start: dict[tuple[float, float], list] = {}  # a line's pieces share its start
        for piece in pieces(page):
            by_start.setdefault((piece[1], piece[0]), []).append(piece)
        for start in sorted(by_start, key=lambda at: (-at[0], at[1])):
            row = by_start[start]
            width = sum(stringWidth(text.strip(), font, size) for _, _, font, size, text in row)
            lines.append((row[0][0], row[0][0] + width, " ".join(p[-1] for p in row)))
    return lines


def lines_of(pdf, sentence: str) -> list[tuple[float, float, str]]:
    """The drawn lines holding the sentence's words (and no other Arabic words)."""
    vocabulary = set(words(sentence))
    return [line for line in drawn_lines(pdf) if words(line[-1])
            and set(words(line[-1])) <= vocabulary]


@pytest.fixture
def arabic_report(new_file, tmp_path):
    project = OpenProject.open(new_file)
    journey = journeys.add_journey(project, "child", "Harm outside the home")
    stage = journeys.add_stage(project, journey, "Front door")
    round_id = review.add_round(project, "Baseline", participants=TOOK_PART)
    review.rate(project, round_id, domain_id=rv.domains(project)[0].id, stage_id=stage,
                rag="red", rationale=f"{RATIONALE}\n{BOARD}")
    project.close()
    return write_report(read(new_file), tmp_path / "arabic.pdf", keys=["ratings"])


@pytest.mark.parametrize("sentence", [TOOK_PART, RATIONALE], ids=["paragraph", "table cell"])
def test_a_wrapped_arabic_paragraph_reads_its_lines_top_to_bottom(arabic_report, sentence):
    lines = lines_of(arabic_report, sentence)
    assert len(lines) >= 3
    # first words on the first line, and so on: the lines in order give back the sentence
    assert [w for line in lines for w in words(line[-1])] == words(sentence)


def test_mainly_arabic_text_is_aligned_right(arabic_report):
    for sentence in (TOOK_PART, RATIONALE):
        lines = lines_of(arabic_report, sentence)
        edges = [right for _, right, _ in lines]
        assert max(edges) - min(edges) < 1, sentence
        # the lines start at different places: each ends at the right edge, not the left
        assert len({round(left) for left, _, _ in lines}) > 1
    # English beside it still starts at the left edge; the Arabic ends at the right one
    english = next(line for line in drawn_lines(arabic_report) if "Each rating" in line[-1])
    assert abs(english[0] - (20 * mm + FRAME_PADDING)) < 0.01
    width = PdfReader(arabic_report).pages[0].mediabox.width
    assert abs(lines_of(arabic_report, TOOK_PART)[0][1] - (width - english[0])) < 1
    # in the same cell, an English line after a line break reads from the left
    lines = drawn_lines(arabic_report)
    column = next(line for line in lines if line[-1].startswith("Rationale and evidence"))
    board = next(line for line in lines if BOARD in line[-1])
    assert board[0] == column[0] < lines_of(arabic_report, RATIONALE)[-1][0]


def render(blocks, tmp_path, name="blocks.pdf"):
    doc = SimpleDocTemplate(str(tmp_path / name), leftMargin=20 * mm, rightMargin=20 * mm)
    renderer = Renderer(doc.width, "a4", [])
    doc.build([f for block in blocks for f in renderer.flowables(block)])
    return tmp_path / name


def test_english_beside_arabic_and_italic_notes(tmp_path):
    mixed = f"The team said: {RATIONALE} (2024) & agreed."
    pdf = render([c.Para(mixed, "note"), c.Para("An English note stays italic.", "note")],
                 tmp_path)
    drawn = pieces(PdfReader(pdf).pages[0])
    arabic = [p for p in drawn if words(p[-1])]
    english = [p for p in drawn if re.search("[A-Za-z]", p[-1])]
    assert arabic and {font for _, _, font, *_ in arabic} == {FONT}  # upright: oblique lacks it
    assert {font for _, _, font, *_ in english} == {ITALIC}
    assert [w for p in arabic for w in words(p[-1])] == words(RATIONALE)
    lines = drawn_lines(pdf)
    assert "The team said" in lines[0][-1] and words(lines[0][-1])[0] == words(RATIONALE)[0]
    assert "agreed" in lines[-2][-1]  # the last words on the last line
    shown = " ".join(line[-1] for line in lines)
    assert "(2024)" in shown and "&" in shown and "amp;" not in shown  # escaped, not lost
    assert lines[-1][-1].strip() == "An English note stays italic."
    assert abs(lines[-1][0] - (20 * mm + FRAME_PADDING)) < 0.01  # from the left, as ever


def test_a_paragraph_split_across_pages_keeps_its_order(tmp_path):
    long = " ".join([TOOK_PART] * 40)
    reader = PdfReader(render([c.Para(long)], tmp_path, "long.pdf"))
    assert len(reader.pages) >= 2
    assert [w for line in drawn_lines(reader) for w in words(line[-1])] == words(long)


def test_an_arabic_bullet_stands_at_the_right(tmp_path):
    pdf = render([c.Bullets((TOOK_PART, "An English item"))], tmp_path)
    drawn = pieces(PdfReader(pdf).pages[0])
    bullets = [p for p in drawn if p[-1].strip() == "•"]
    lines = drawn_lines(pdf)
    arabic = [line for line in lines if words(line[-1])]
    english = next(line for line in lines if "An English item" in line[-1])
    assert len(bullets) == 2 and len(arabic) >= 2
    assert bullets[0][0] > max(right for _, right, _ in arabic)  # right of the Arabic
    assert bullets[1][0] < english[0]  # left of the English, as before


@pytest.mark.parametrize("typed, drawn", [
    ("שלום (עולם)", "(םלוע) םולש"),  # brackets mirrored, so they still enclose
    ("Room 12 (north) בניין", "Room 12 (north) ןיינב"),  # mainly English: from the left
    ("בניין 12 מתוך 40", "40 ךותמ 12 ןיינב"),  # numbers keep their digits' order
    ("Note: שלום עולם", "םלוע םולש :Note"),  # mainly Hebrew: the English opening at the right
])
def test_a_line_is_drawn_in_visual_order(typed, drawn):
    assert visual_line(typed) == drawn
