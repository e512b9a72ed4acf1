"""Exports: the PDF report. No Qt.

reportlab is imported on the first export, not with this package: the window starts
without it (csdesk/ui/startup.py)."""

from pathlib import Path

from .errors import ReportError


def export_pdf(project, out: Path, paper: str = "a4") -> Path:
    """Write the PDF report; see pdf.export_pdf."""
    from .pdf import export_pdf as write

    return write(project, out, paper=paper)


__all__ = ["ReportError", "export_pdf"]
