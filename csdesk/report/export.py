"""The one report function the Export dialog and `csdesk export` both call: the format
follows the output's name (.html: the accessible HTML page; anything else: the PDF)."""

from datetime import date
from pathlib import Path

from .data import ReportData
from .output import ReportError


def is_html(out: Path) -> bool:
    return Path(out).suffix.lower() in (".html", ".htm")


def write_report(data: ReportData, out: Path, *, paper: str = "a4", keys=None,
                 password: str | None = None, fixed_date: date | None = None,
                 progress=None) -> Path:
    """Write the report of `data` to `out`; returns the path written. ReportError says why
    not, and leaves nothing at `out`."""
    if is_html(out):
        if password is not None:
            raise ReportError("An HTML page cannot be encrypted: export a PDF to encrypt it.")
        from .html_page import write_html  # each format imports only its own code

        return write_html(data, out, keys)
    from .pdf import render_pdf  # reportlab: not needed for the HTML page

    return render_pdf(data, out, paper, keys, password, fixed_date, progress)
