"""The report as one accessible HTML page: the same sections and content blocks as the PDF,
for screen-reader users and intranets (UK public-sector accessibility rules prefer HTML).

Semantic headings, tables with header cells and scopes, text in place of the drawings (the
maps' outline follows them; the heatmap is a table), the marking at the top and the bottom.
Self-contained: one file, its style inline, no scripts, nothing fetched from anywhere."""

from html import escape
from pathlib import Path

from .. import __version__
from ..colours import RAG_HEX
from ..services.overview import long_date
from . import content as c
from . import sections as report_sections
from .data import ReportData
from .output import ReportError, output_path, write_file

STYLE = """
body{font-family:"DejaVu Sans",Verdana,Arial,sans-serif;line-height:1.5;max-width:60em;
margin:0 auto;padding:1em;color:#1a1a1a;background:#fff}
.marking{font-weight:bold;text-align:center;letter-spacing:.05em}
table{border-collapse:collapse;margin:.5em 0 1.2em;width:100%}
th,td{border:1px solid #b0b0b0;padding:.3em .5em;text-align:left;vertical-align:top}
thead th{background:#e8e8ee}
th[scope=rowgroup]{background:#dddddd}
td.rag{text-align:center;font-weight:bold}
.small{font-size:.9em;color:#555}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
caption{text-align:left;font-weight:bold;padding:.3em 0}
section{border-top:1px solid #b0b0b0;margin-top:2em}
""" + "".join(f"td.rag-{rag.name.lower()}{{background:{fill};color:{ink}}}\n"
              for rag, (fill, ink) in RAG_HEX.items())


def _text(value: str) -> str:
    return escape(value).replace("\n", "<br>")


class Page:
    def __init__(self):
        self.out: list[str] = []

    def block(self, block, anchor: str) -> None:
        w = self.out.append
        if isinstance(block, c.Heading):
            level = min(block.level + 1, 6)  # h1 is the report's title
            ident = f' id="{anchor}"' if block.level == 1 else ""
            w(f"<h{level}{ident} dir=\"auto\">{_text(block.text)}</h{level}>")
        elif isinstance(block, c.Para):
            cls = ' class="small"' if block.style == "small" else ""
            tag = "em" if block.style == "note" else None
            inner = f"<{tag}>{_text(block.text)}</{tag}>" if tag else _text(block.text)
            w(f'<p dir="auto"{cls}>{inner}</p>')
        elif isinstance(block, c.Bullets):
            w("<ul>" + "".join(f'<li dir="auto">{_text(i)}</li>' for i in block.items) + "</ul>")
        elif isinstance(block, c.Table):
            self.table(block)
        elif isinstance(block, c.Figure):
            w(f'<p dir="auto"><strong>Figure:</strong> {_text(block.alt)}</p>')
        # a PageBreak means nothing on a web page

    def table(self, t: c.Table) -> None:
        w = self.out.append
        w("<table>")
        if t.caption:
            w(f"<caption>{_text(t.caption)}</caption>")
        if t.head:
            w("<thead><tr>" + "".join(f'<th scope="col" dir="auto">{_text(h)}</th>' for h in t.head)
              + "</tr></thead>")
        w("<tbody>")
        for row in t.rows:
            if isinstance(row, c.GroupRow):
                w(f'</tbody><tbody><tr><th scope="rowgroup" colspan="{len(t.widths)}">'
                  f"{_text(row.text)}</th></tr>")
                continue
            cells = []
            for i, value in enumerate(row):
                if isinstance(value, c.RagText):
                    said = "" if value.rag.label in value.text else \
                        f'<span class="sr"> ({escape(value.rag.label)})</span>'
                    cells.append(f'<td class="rag rag-{value.rag.name.lower()}">'
                                 f"{_text(value.text)}{said}</td>")
                elif i == 0 and t.row_heads:
                    cells.append(f'<th scope="row" dir="auto">{_text(value)}</th>')
                else:
                    cells.append(f'<td dir="auto">{_text(value)}</td>')
            bold = ' style="font-weight:bold"' if t.total_row and row is t.rows[-1] else ""
            w(f"<tr{bold}>" + "".join(cells) + "</tr>")
        w("</tbody></table>")


def html_text(data: ReportData, keys=None) -> str:
    d = data.details
    title = f"{d.local_area}: {d.title}"
    built = report_sections.build(data, keys)
    page = Page()
    w = page.out.append
    marking = f'<p class="marking">{_text(d.marking)}</p>' if d.marking else ""
    w(f'<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
      f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
      f"<title>{_text(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
      f"<header>{marking}</header>\n<main>")
    rounds = [report_sections.round_title(h) for h in data.heatmaps]
    w(f'<h1 dir="auto">{_text(title)}</h1>')
    w("<p>Contextual Safeguarding: the current system, its RAG ratings and the plan.</p>")
    w(f'<p dir="auto">Review rounds covered: '
      f"{_text('; '.join(rounds) if rounds else 'none rated yet')}.</p>")
    w(f'<p class="small">{long_date(data.exported_on)}. Exported from csdesk {__version__}. '
      f"Rated against: {_text(d.framework_name)} (version {_text(d.framework_version)}).</p>")
    w('<p class="small">This report maps a safeguarding system, not cases. It holds no '
      "personal data about children.</p>")
    w('<nav aria-labelledby="contents"><h2 id="contents">Contents</h2><ol>'
      + "".join(f'<li><a href="#{s.key}">{_text(_first_heading(s))}</a></li>' for s in built)
      + "</ol></nav>")
    for section in built:
        w(f'<section aria-labelledby="{section.key}">')
        for block in section.blocks:
            page.block(block, section.key)
        w("</section>")
    w(f"</main>\n<footer>{marking}</footer>\n</body>\n</html>\n")
    return "\n".join(page.out)


def _first_heading(section: c.SectionContent) -> str:
    return next((b.text for b in section.blocks if isinstance(b, c.Heading)), section.title)


def write_html(data: ReportData, out: Path, keys=None) -> Path:
    """Write the HTML report (a temp file renamed into place). ReportError on failure."""
    try:
        text = html_text(data, keys)
    except ValueError as exc:
        raise ReportError(str(exc)) from exc
    out = output_path(out, ".html")
    return write_file(out, lambda tmp: tmp.write_text(text, encoding="utf-8"))
