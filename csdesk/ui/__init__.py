"""The Qt GUI. Everything that imports Qt lives here; it changes data only through
csdesk.services operations, wrapped in undo commands."""
