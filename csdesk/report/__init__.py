"""Exports: the PDF report and its accessible HTML twin. No Qt.

reportlab is imported on the first export, not with this package: the window starts
without it (csdesk/ui/startup.py). So only ReportError is imported here; the rest comes
from its module when first asked for (`from csdesk.report import write_report` works)."""

from importlib import import_module

from .errors import ReportError

_WHERE = {"ReportData": ".data", "gather": ".data", "is_html": ".export",
          "write_report": ".export", "write_html": ".html_page",
          "check_password": ".encryption", "export_pdf": ".pdf", "render_pdf": ".pdf"}

__all__ = ["ReportError", *_WHERE]


def __getattr__(name: str):
    if name in _WHERE:
        return getattr(import_module(_WHERE[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
