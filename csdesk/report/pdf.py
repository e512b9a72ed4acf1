"""The PDF report that leaves the room: cover, then the overview of the project.

Used by both the Export dialog and `csdesk export`."""

from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas
from reportlab.platypus import (
    BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate, Paragraph, Spacer, Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError

from .. import __version__
from ..atomic import write_atomically
from ..models import RATED_COLOURS, Rag
from ..figures.journey_map import A3_LANDSCAPE, A4_LANDSCAPE, layout_journey
from ..services import mapping
from ..services.overview import Overview, long_date, overview
from ..services.project import OpenProject
from . import map_section
from .errors import ReportError
from .journey_map import map_flowables, map_page_template
from .styles import BOLD, FONT, HEADER_FILL, MUTED, RAG_FILL, RULE, styles

MARGIN = 20 * mm
# Paper for the journey maps (always landscape; the text pages stay A4 portrait).
MAP_PAPERS = {"a4": (landscape(A4), A4_LANDSCAPE), "a3": (landscape(A3), A3_LANDSCAPE)}
NO_PERSONAL_DATA = ("This report maps a safeguarding system, not cases. It holds no personal "
                    "data about children.")


def _numbered_canvas(marking: str, title: str):
    """A canvas that knows the page count, for 'Page 3 of 9', and puts the protective
    marking at the top and bottom of every page."""

    class NumberedCanvas(canvas.Canvas):
        def __init__(self, *args, **kwargs):
            kwargs["initialFontName"] = FONT  # else Helvetica, which is not embedded
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            for page in self._pages:
                self.__dict__.update(page)
                self._decorate(len(self._pages))
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            width, height = self._pagesize  # portrait text pages, landscape map pages
            if marking:
                self.setFont(BOLD, 10)
                self.drawCentredString(width / 2, height - 12 * mm, marking)
                self.drawCentredString(width / 2, 8 * mm, marking)
            self.setFont(FONT, 8)
            self.setFillColor(MUTED)
            self.drawString(MARGIN, 14 * mm, title[:90])
            self.drawRightString(width - MARGIN, 14 * mm, f"Page {self._pageNumber} of {total}")

    return NumberedCanvas


def _table(rows, col_widths, header=True, extra=()):
    table = Table(rows, colWidths=col_widths, repeatRows=1 if header else 0)
    style = [
        ("FONT", (0, 0), (-1, -1), FONT, 9),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        style += [("FONT", (0, 0), (-1, 0), BOLD, 9), ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL)]
    table.setStyle(TableStyle(style + list(extra)))
    return table


def _cover(ov: Overview, st) -> list:
    d = ov.details
    story = [Spacer(1, 40 * mm)]
    if d.marking:
        story.append(Paragraph(escape(d.marking), st["marking"]))
    story += [
        Paragraph(escape(d.local_area), st["cover_area"]),
        Paragraph(escape(d.title), st["cover_title"]),
        Paragraph("Contextual Safeguarding: the current system, its RAG ratings and the plan",
                  st["body"]),
        Spacer(1, 20 * mm),
        Paragraph(f"Exported {long_date(date.today())} from csdesk {__version__}.", st["small"]),
        Paragraph(f"Last changed {long_date(d.changed_at.astimezone().date())}.", st["small"]),
        Paragraph(escape(f"Rated against: {d.framework_name} (version {d.framework_version})."),
                  st["small"]),
        Spacer(1, 6 * mm),
        Paragraph(NO_PERSONAL_DATA, st["small"]),
        PageBreak(),
    ]
    return story


def _rag_header(rag: Rag, st) -> Paragraph:
    """A column heading that wraps, in the colour's own text colour."""
    _, text = RAG_FILL[rag]
    style = ParagraphStyle(f"head_{rag.name}", parent=st["cell"], fontName=BOLD,
                           textColor=text, alignment=TA_CENTER)
    return Paragraph(f"{rag.label} ({rag.letter})", style)


def _round_cell(r, st) -> Paragraph:
    text = escape(r.label)
    if r.held_on:
        text += f"<br/><font size=8>{escape(r.held_on)}</font>"
    return Paragraph(text, st["cell"])


def _overview(ov: Overview, st, width) -> list:
    story = [Paragraph("Overview", st["h1"])]
    story.append(Paragraph("The current system", st["h2"]))
    rows = [["Map", "Count"]]
    rows += [[Paragraph(escape(f"{j.title} ({j.kind.value} journey)"), st["cell"]),
              f"{j.stages} stages"] for j in ov.journeys]
    rows += [["Levels at which children are held", str(ov.levels)],
             ["Partner agencies", str(ov.agencies)],
             ["Governance group, champions and critical friends", str(ov.members)]]
    story.append(_table(rows, [width * 0.75, width * 0.25]))

    story.append(Paragraph("RAG ratings by review round", st["h2"]))
    if ov.rounds:
        cols = [*RATED_COLOURS, Rag.NOT_APPLICABLE, Rag.NOT_RATED]
        rows = [["Round", *[_rag_header(c, st) for c in cols]]]
        rows += [[_round_cell(r, st), *[str(r.by_rag[c]) for c in cols]] for r in ov.rounds]
        fills = []
        for i, colour in enumerate(RATED_COLOURS, start=1):
            fills.append(("BACKGROUND", (i, 0), (i, 0), RAG_FILL[colour][0]))
        first = width * 0.3
        story.append(_table(rows, [first] + [(width - first) / len(cols)] * len(cols),
                            extra=fills + [("ALIGN", (1, 1), (-1, -1), "CENTER")]))
    else:
        story.append(Paragraph("No review round has been rated yet.", st["body"]))

    story.append(Paragraph("Action plan by status", st["h2"]))
    rows = [["Status", "Actions"]] + [[s.value.capitalize(), str(n)]
                                      for s, n in ov.actions_by_status.items()]
    rows.append(["All actions", str(ov.actions)])
    story.append(_table(rows, [width * 0.75, width * 0.25],
                        extra=[("FONT", (0, -1), (-1, -1), BOLD, 9)]))

    story.append(Paragraph("Roadmap to system change", st["h2"]))
    rows = [["Steps", "Count"]] + [[s.value.capitalize(), str(n)]
                                   for s, n in ov.roadmap_by_status.items()]
    story.append(_table(rows, [width * 0.75, width * 0.25]))
    return story


def _current_system(project: OpenProject, st, width, paper: str) -> list:
    """The map of the current system: each journey's time through the system, its
    swimlane map on landscape pages, and its outline; then the levels."""
    journeys = map_section.journeys(project)
    story = [Paragraph("The current system", st["h1"])]
    if not journeys:
        return story + [Paragraph("No journeys have been mapped yet.", st["body"]),
                        *map_section.levels_table(project, _table, st, width)]
    agencies = map_section.agency_names(project)
    level_order = [lv.id for lv in mapping.levels(project)]
    for journey in journeys:
        story += [Paragraph(escape(map_section.journey_heading(journey)), st["h2"]),
                  *map_section.time_summary(journey, st)]
    for journey in journeys:
        if journey.stages:
            figure = layout_journey(journey, MAP_PAPERS[paper][1], level_order=level_order)
            story += [NextPageTemplate("map"), PageBreak(), *map_flowables(figure),
                      NextPageTemplate("portrait"), PageBreak()]
        else:
            story.append(PageBreak())
        story += [Paragraph(escape(map_section.journey_heading(journey)), st["h1"]),
                  *map_section.time_summary(journey, st),
                  *map_section.outline(journey, agencies, _table, st, width)]
    story += [PageBreak(), *map_section.levels_table(project, _table, st, width)]
    return story


def build_story(project: OpenProject, width: float, paper: str = "a4"
                ) -> tuple[list, Overview]:
    ov = overview(project)
    st = styles()
    story = _cover(ov, st) + _overview(ov, st, width)
    story += [PageBreak(), *_current_system(project, st, width, paper)]
    return story, ov


def export_pdf(project: OpenProject, out: Path, paper: str = "a4") -> Path:
    """Write the report to `out` (a temp file renamed into place, so a failed export never
    leaves half a PDF behind), its maps on `paper` ("a4" or "a3", landscape). Raises
    ReportError with a message for the user."""
    if paper not in MAP_PAPERS:
        raise ReportError(f"Paper {paper!r} is not one csdesk prints maps on (A4 or A3).")
    out = Path(out)
    if out.suffix.lower() != ".pdf":
        out = out.with_name(out.name + ".pdf")
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise ReportError(f"Cannot write {out}: the folder {folder} does not exist.")
    width = A4[0] - 2 * MARGIN
    story, ov = build_story(project, width, paper)
    d = ov.details

    def build(tmp: Path) -> None:
        doc = BaseDocTemplate(
            str(tmp), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
            topMargin=MARGIN, bottomMargin=MARGIN + 4 * mm,
            title=f"{d.local_area}: {d.title}", author=d.local_area,
            subject="Contextual Safeguarding system review and plan",
            creator=f"csdesk {__version__}", lang="en-GB",
        )
        text = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="text")
        doc.addPageTemplates([PageTemplate("portrait", [text], pagesize=A4),
                              map_page_template("map", MAP_PAPERS[paper][0])])
        doc.build(story, canvasmaker=_numbered_canvas(d.marking, f"{d.local_area}: {d.title}"))

    try:
        write_atomically(out, build)
    except OSError as exc:
        raise ReportError(f"Cannot write {out}: {exc.strerror or exc}.") from exc
    except LayoutError as exc:
        raise ReportError("The report could not be laid out: a piece of text is too long to "
                          "fit on a page. Shorten it and export again.") from exc
    return out
