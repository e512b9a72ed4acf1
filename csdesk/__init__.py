"""csdesk: map, RAG rate and plan a local area's move to Contextual Safeguarding."""

__version__ = "0.1.0"
APP_NAME = "csdesk"
