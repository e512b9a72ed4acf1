"""The PDF report that leaves the room: the cover, the contents (with PDF bookmarks), then
the chosen sections (sections.py) drawn from their content blocks.

Used by both the Export dialog and `csdesk export`: export_pdf() reads the project and
renders; the dialog reads in the GUI thread (gather) and calls render_pdf() in a worker."""

import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas
from reportlab.platypus import (
    BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageBreak, PageTemplate, Spacer,
    Table, TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError

from .. import __version__
from ..figures.journey_map import A3_LANDSCAPE, A4_LANDSCAPE, layout_journey
from ..figures.rag_share import rag_share_chart
from ..figures.timeline import layout_timeline
from ..services.overview import long_date
from ..services.project import OpenProject
from . import content as c
from . import sections as report_sections
from .charts import ShareChartFlowable
from .data import ReportData, gather
from .encryption import Aes256, check_password
from .gc_pause import with_collector_paused
from .journey_map import map_flowables, map_page_template
from .output import ReportError, output_path, write_file
from .paragraph import Paragraph, plain_lines
from .styles import BOLD, FONT, HEADER_FILL, MUTED, RAG_FILL, RULE, styles
from .text import has_rtl, paragraph, visual
from .timeline import timeline_flowables

MARGIN = 20 * mm
# Paper for the journey maps (always landscape; the text pages stay A4 portrait).
MAP_PAPERS = {"a4": (landscape(A4), A4_LANDSCAPE), "a3": (landscape(A3), A3_LANDSCAPE)}
NO_PERSONAL_DATA = ("This report maps a safeguarding system, not cases. It holds no personal "
                    "data about children.")
FOOTER_SIZE, CONTENTS_SIZE = 8, 11
PAD = 6  # a table cell's left and right padding, points
GROUP_FILL = RAG_FILL[c.Rag.NOT_APPLICABLE][0]


def _timestamp(day: date) -> TimeStamp:
    """reportlab's invariant time stamp, moved to midnight UTC of `day`."""
    stamp = TimeStamp(invariant=1)
    stamp.t = time.mktime((day.year, day.month, day.day, 0, 0, 0, 0, 0, 0)) - time.timezone
    stamp.lt = time.gmtime(stamp.t)
    stamp.YMDhms = tuple(stamp.lt)[:6]
    return stamp


# Named form XObjects, drawn where needed and filled in once the last page is known: the
# page count ("Page 3 of 41") and the contents' page numbers. One layout pass, not two.
TOTAL_FORM, CONTENTS_FORM = "csdeskPageTotal", "csdeskContentsPages"


def _canvas(doc: "ReportDoc", fixed_date: date | None):
    """reportlab's canvas, starting in an embedded font, its date stamp fixed if asked, that
    fills in the page count and the contents' page numbers before it saves."""

    class ReportCanvas(canvas.Canvas):
        def __init__(self, *args, **kwargs):
            kwargs["initialFontName"] = FONT  # else Helvetica, which is not embedded
            super().__init__(*args, **kwargs)
            if fixed_date:
                self._doc._timeStamp = _timestamp(fixed_date)

        def save(self):
            self.beginForm(TOTAL_FORM)
            self.setFont(FONT, FOOTER_SIZE)
            self.setFillColor(MUTED)
            self.drawString(0, 0, str(doc.page))
            self.endForm()
            self.beginForm(CONTENTS_FORM)
            self.setFont(FONT, CONTENTS_SIZE)
            for key, x, y in doc.contents_slots:
                self.drawRightString(x, y, str(doc.section_pages.get(key, "")))
            self.endForm()
            super().save()

    return ReportCanvas


class ReportDoc(BaseDocTemplate):
    """Bookmarks every heading that asks for one and notes the page each section starts on;
    draws the marking, the title and "Page N of M" on every page."""

    marking = ""
    running_title = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.section_pages: dict[str, int] = {}
        self.contents_slots: list[tuple[str, float, float]] = []  # key, x, y in the form

    def decorate(self, canv, doc) -> None:
        width, height = canv._pagesize  # portrait text pages, landscape map pages
        canv.saveState()
        if self.marking:
            canv.setFont(BOLD, 10)
            canv.drawCentredString(width / 2, height - 12 * mm, visual(self.marking))
            canv.drawCentredString(width / 2, 8 * mm, visual(self.marking))
        canv.setFont(FONT, FOOTER_SIZE)
        canv.setFillColor(MUTED)
        canv.drawString(MARGIN, 14 * mm, visual(self.running_title[:90]))
        label = f"Page {doc.page} of "
        x = width - MARGIN - stringWidth(label + "00", FONT, FOOTER_SIZE)
        canv.drawString(x, 14 * mm, label)
        canv.translate(x + stringWidth(label, FONT, FOOTER_SIZE), 14 * mm)
        canv.doForm(TOTAL_FORM)
        canv.restoreState()

    def afterFlowable(self, flowable):
        mark = getattr(flowable, "outline", None)
        if mark is None:
            return
        level, text, key = mark
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(text, key, level=level, closed=level > 0)
        if level == 0:
            self.section_pages[key] = self.page


class Contents(Flowable):
    """The contents: each section's title, linked to it, with dot leaders; the page numbers
    come from a form the canvas fills in at the end (see _canvas)."""

    def __init__(self, entries: list[tuple[str, str]], doc_slots: list):
        super().__init__()
        self.entries = entries  # (bookmark key, title)
        self.slots = doc_slots
        self.leading = CONTENTS_SIZE * 1.9

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        self.height = len(self.entries) * self.leading
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        canv.setFont(FONT, CONTENTS_SIZE)
        number_room = stringWidth("0000", FONT, CONTENTS_SIZE)
        dot = stringWidth(" .", FONT, CONTENTS_SIZE)
        self.slots.clear()
        for i, (key, title) in enumerate(self.entries):
            y = self.height - (i + 1) * self.leading + CONTENTS_SIZE * 0.5
            shown = visual(title)
            canv.drawString(0, y, shown)
            start = stringWidth(shown, FONT, CONTENTS_SIZE) + dot
            dots = int((self.width - number_room - start) / dot)
            canv.drawRightString(self.width - number_room, y, " ." * max(0, dots))
            canv.linkRect("", key, (0, y - 3, self.width, y + CONTENTS_SIZE), relative=1)
            self.slots.append((key, self.width, y))
        canv.doForm(CONTENTS_FORM)


class Renderer:
    """Content blocks to platypus flowables."""

    def __init__(self, width: float, paper: str, level_order: list[int]):
        self.st = styles()
        self._centred: dict = {}
        self.width = width
        self.paper = paper
        self.level_order = level_order
        self.marks = 0
        self.section = ""  # the key of the section being drawn
        self.today = None  # the report's date, for the timeline's Today line

    def heading(self, block: c.Heading) -> list:
        style = self.st[f"h{block.level}"]
        para = paragraph(block.text, style)
        if block.level == 1:
            para.outline = (0, block.text, f"section-{self.section}")
        elif block.level == 2:
            self.marks += 1
            para.outline = (1, block.text, f"part-{self.marks}")
        return [para]

    def flowables(self, block) -> list:
        if isinstance(block, c.Heading):
            return self.heading(block)
        if isinstance(block, c.Para):
            return [paragraph(block.text, self.st[block.style])]
        if isinstance(block, c.Bullets):
            return [paragraph(item, self.st["bullet"], "•") for item in block.items]
        if isinstance(block, c.Table):
            return [self.table(block)]
        if isinstance(block, c.PageBreak):
            return [PageBreak()]
        if isinstance(block, c.Figure) and block.kind == "map":
            figure = layout_journey(block.data, MAP_PAPERS[self.paper][1],
                                    level_order=self.level_order)
            return [NextPageTemplate("map"), PageBreak(), *map_flowables(figure),
                    NextPageTemplate("portrait"), PageBreak()]
        if isinstance(block, c.Figure) and block.kind == "timeline":
            figure = layout_timeline(list(block.data), MAP_PAPERS[self.paper][1],
                                     today=self.today)
            return [NextPageTemplate("map"), PageBreak(), *timeline_flowables(figure),
                    NextPageTemplate("portrait"), PageBreak()]
        if isinstance(block, c.Figure) and block.kind == "share":
            return [ShareChartFlowable(rag_share_chart(*block.data, width=self.width, size=9)),
                    Spacer(1, 6)]
        raise TypeError(f"No PDF drawing for {block!r}")

    def centred(self, style: ParagraphStyle, ink) -> ParagraphStyle:
        """A style centred in its colour (a RAG cell's), made once per table style."""
        key = (style.name, ink)
        if key not in self._centred:
            self._centred[key] = ParagraphStyle("rag", parent=style, alignment=TA_CENTER,
                                                textColor=ink or style.textColor)
        return self._centred[key]

    def table(self, t: c.Table) -> Table:
        cell = self.st["cell_small" if t.compact else "cell"]
        bold = ParagraphStyle("cell_bold", parent=cell, fontName=BOLD)
        widths = [self.width * w for w in t.widths]
        rows, extra, cells = [], [], []  # cells: one cell's style commands, merged below

        def put(r: int, i: int, text: str, strong: bool, centred: bool = False, ink=None):
            """A cell: a plain string where it fits on one line (laid out far faster),
            else a Paragraph that wraps."""
            font = BOLD if strong else FONT
            if "\n" not in text and not has_rtl(text) and \
                    stringWidth(text, font, cell.fontSize) <= widths[i] - 2 * PAD:
                if strong:  # the table's own FONT command sets the regular face
                    cells.append(("FONT", i, r, font, cell.fontSize, cell.leading))
                if centred:
                    cells.append(("ALIGN", i, r, "CENTER"))
                if ink is not None:
                    cells.append(("TEXTCOLOR", i, r, ink))
                return text
            style = bold if strong else cell
            if centred or ink is not None:
                style = self.centred(style, ink)
            return "\n" in text and plain_lines(text, style) or paragraph(text, style)

        if t.head:
            rows.append([put(0, i, h, True) for i, h in enumerate(t.head)])
            extra += [("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL)]
        for row in t.rows:
            r = len(rows)
            if isinstance(row, c.GroupRow):
                rows.append([paragraph(row.text, bold)]
                            + [""] * (len(t.widths) - 1))
                extra += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), GROUP_FILL),
                          ("NOSPLIT", (0, r), (-1, r + 1))]  # never alone at a page's foot
                continue
            out = []
            for i, value in enumerate(row):
                if isinstance(value, c.RagText):
                    fill, ink = RAG_FILL[value.rag]
                    out.append(put(r, i, value.text, True, True, ink))
                    cells.append(("BACKGROUND", i, r, fill))
                else:
                    strong = (i == 0 and t.row_heads and not t.head) or (
                        t.total_row and row is t.rows[-1])
                    out.append(put(r, i, value, strong))
            rows.append(out)
        table = Table(rows, colWidths=widths, repeatRows=1 if t.head else 0)
        pad = 2 if t.compact else 4
        table.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), FONT, cell.fontSize, cell.leading),  # not Helvetica
            ("TEXTCOLOR", (0, 0), (-1, -1), cell.textColor),
            ("GRID", (0, 0), (-1, -1), 0.5, RULE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
            ("TOPPADDING", (0, 0), (-1, -1), pad),
            ("BOTTOMPADDING", (0, 0), (-1, -1), pad + 1),
            *extra, *_column_runs(cells)]))
        table.spaceAfter = 6
        return table


def _column_runs(cells: list[tuple]) -> list[tuple]:
    """Cells' style commands (name, column, row, *args) as table commands, one for each run
    of rows in a column with the same command: a few hundred commands rather than thousands,
    which reportlab re-applies each time a long table splits across pages."""
    runs: dict[tuple, list[list[int]]] = {}
    for name, col, row, *args in cells:
        spans = runs.setdefault((name, col, *args), [])
        if spans and spans[-1][1] == row - 1:
            spans[-1][1] = row
        else:
            spans.append([row, row])
    return [(name, (col, first), (col, last), *args)
            for (name, col, *args), spans in runs.items() for first, last in spans]


def _cover(data: ReportData, st, chosen) -> list:
    d = data.details
    story = [Spacer(1, 30 * mm)]
    if d.marking:
        story.append(paragraph(d.marking, st["marking"]))
    rounds = [report_sections.round_title(h) for h in data.heatmaps]
    story += [
        paragraph(d.local_area, st["cover_area"]),
        paragraph(d.title, st["cover_title"]),
        Paragraph("Contextual Safeguarding: the current system, its RAG ratings and the plan",
                  st["body"]),
        Spacer(1, 12 * mm),
        paragraph("Review rounds covered: " + ("; ".join(rounds) if rounds
                                               else "none rated yet") + ".", st["body"]),
        paragraph("Sections: " + ", ".join(s.title for s in chosen) + ".", st["body"]),
        Spacer(1, 12 * mm),
        Paragraph(f"{long_date(data.exported_on)}. Exported from csdesk {__version__}.",
                  st["small"]),
        Paragraph(f"Project last changed {long_date(d.changed_at.astimezone().date())}.",
                  st["small"]),
        paragraph(f"Rated against: {d.framework_name} (version {d.framework_version}).",
                  st["small"]),
        Spacer(1, 6 * mm),
        Paragraph(NO_PERSONAL_DATA, st["small"]),
        PageBreak(),
    ]
    return story


def build_story(data: ReportData, doc: "ReportDoc", paper: str = "a4", keys=None) -> list:
    """The whole story: cover, contents, then each chosen section from a new page."""
    chosen = report_sections.chosen(keys)
    renderer = Renderer(A4[0] - 2 * MARGIN, paper, data.level_order)
    renderer.today = data.exported_on
    built = report_sections.build(data, keys)
    entries = [(f"section-{s.key}", next((b.text for b in s.blocks if isinstance(b, c.Heading)),
                                         s.title)) for s in built]
    story = _cover(data, renderer.st, chosen) + [
        Paragraph("Contents", renderer.st["h1"]), Contents(entries, doc.contents_slots)]
    for section in built:
        story.append(PageBreak())
        renderer.section = section.key
        for block in section.blocks:
            story += renderer.flowables(block)
    return story


@with_collector_paused
def render_pdf(data: ReportData, out: Path, paper: str = "a4", keys=None,
               password: str | None = None, fixed_date: date | None = None,
               progress=None) -> Path:
    """Write the report of `data` to `out` (".pdf" added if missing). keys: the sections
    (None: all). password: encrypt with AES-256. fixed_date: the date printed and stamped,
    with reportlab's invariant mode, so the same project gives the same bytes.
    progress(done, total) is called as pages are laid out (from the calling thread)."""
    if paper not in MAP_PAPERS:
        raise ReportError(f"Paper {paper!r} is not one csdesk prints maps on (A4 or A3).")
    if password is not None:
        check_password(password)
    try:
        report_sections.chosen(keys)
    except ValueError as exc:
        raise ReportError(str(exc)) from exc
    out = output_path(out, ".pdf")
    if fixed_date:
        data = _dated(data, fixed_date)
    d = data.details
    title = f"{d.local_area}: {d.title}"

    def build(tmp: Path) -> None:
        encrypt = None
        if password is not None:
            encrypt = Aes256(password)
        doc = ReportDoc(
            str(tmp), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
            topMargin=MARGIN, bottomMargin=MARGIN + 4 * mm,
            title=title, author=d.local_area,
            subject="Contextual Safeguarding system review and plan",
            creator=f"csdesk {__version__}", producer=f"csdesk {__version__} (ReportLab)",
            keywords="", lang="en-GB", encrypt=encrypt, invariant=1 if fixed_date else None,
        )
        doc.marking, doc.running_title = d.marking, title
        text = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="text")
        doc.addPageTemplates([
            PageTemplate("portrait", [text], pagesize=A4, onPage=doc.decorate),
            map_page_template("map", MAP_PAPERS[paper][0], on_page=doc.decorate)])
        if progress:
            _follow(doc, progress)
        doc.build(build_story(data, doc, paper, keys), canvasmaker=_canvas(doc, fixed_date))

    try:
        return write_file(out, build)
    except LayoutError as exc:
        raise ReportError("The report could not be laid out: a piece of text is too long to "
                          "fit on a page. Shorten it and export again.") from exc


def _follow(doc, progress) -> None:
    """reportlab counts the flowables it has laid out."""
    state = {"total": 1}

    def callback(kind, value):
        if kind == "SIZE_EST":
            state["total"] = max(1, value)
        elif kind == "PROGRESS":
            progress(min(value, state["total"]), state["total"])

    doc.setProgressCallBack(callback)


def _dated(data: ReportData, day: date) -> ReportData:
    return replace(data, exported_on=day)


def export_pdf(project: OpenProject, out: Path, paper: str = "a4", keys=None,
               password: str | None = None, fixed_date: date | None = None) -> Path:
    """Read the project and write its report (see render_pdf). Raises ReportError with a
    message for the user."""
    return render_pdf(gather(project, fixed_date), out, paper, keys, password, fixed_date)
