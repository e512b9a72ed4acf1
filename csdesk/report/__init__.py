"""Exports: the PDF report. No Qt."""

from .pdf import ReportError, export_pdf

__all__ = ["ReportError", "export_pdf"]
