"""Data shipped with csdesk: the default framework and icons (installed as csdesk.resources)."""
