"""Exports: the PDF report and its accessible HTML twin. No Qt."""

from .data import ReportData, gather
from .export import is_html, write_report
from .html_page import write_html
from .output import ReportError
from .encryption import check_password
from .pdf import export_pdf, render_pdf

__all__ = ["ReportData", "ReportError", "check_password", "export_pdf", "gather",
           "is_html", "render_pdf", "write_html", "write_report"]
