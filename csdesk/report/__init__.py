"""Exports: the PDF report and its accessible HTML twin. No Qt."""

from .pdf import ReportError, check_password, export_pdf, render_pdf

__all__ = ["ReportError", "check_password", "export_pdf", "render_pdf"]
