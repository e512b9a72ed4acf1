"""The layers hold: only csdesk/ui imports Qt, and the UI reaches data only through services."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).parents[1] / "csdesk"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_only_the_ui_imports_qt():
    offenders = [
        str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
        if "ui" not in p.relative_to(PACKAGE).parts
        and any(m.split(".")[0] in ("PySide6", "shiboken6") for m in imported_modules(p))
    ]
    assert offenders == []


def test_the_ui_does_not_touch_the_database_directly():
    offenders = [
        str(p.relative_to(PACKAGE)) for p in (PACKAGE / "ui").rglob("*.py")
        if any(m.split(".")[0] in ("sqlmodel", "sqlite3") or
               (m.startswith("sqlalchemy") and m != "sqlalchemy.exc")
               for m in imported_modules(p))
    ]
    assert offenders == []
