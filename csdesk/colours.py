"""The RAG colours, shared by the screens and the report. Each text colour has at least
4.5:1 contrast on its fill, and a colour always travels with its word or letter."""

from .models import Rag

# rating -> (fill, text), as hex
RAG_HEX = {
    Rag.RED: ("#b3261e", "#ffffff"),
    Rag.AMBER: ("#f2b233", "#1a1a1a"),
    Rag.GREEN: ("#1e6e35", "#ffffff"),
    Rag.NOT_APPLICABLE: ("#dddddd", "#1a1a1a"),
    Rag.NOT_RATED: ("#ffffff", "#1a1a1a"),
}
