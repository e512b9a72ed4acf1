"""The report's one failure, importable without reportlab (the GUI names it at start)."""


class ReportError(Exception):
    """The report could not be written; the message says why, for the user."""
