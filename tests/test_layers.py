"""The layers hold: only csdesk/ui imports Qt, and the UI reaches data only through services."""

import ast
from pathlib import Path

from csdesk import models

PACKAGE = Path(__file__).parents[1] / "csdesk"


def imported_modules(path: Path) -> set[str]:
    """Absolute names of everything a module imports, relative imports resolved."""
    package = ["csdesk", *path.relative_to(PACKAGE).parent.parts]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def test_only_the_ui_imports_qt():
    offenders = [
        str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
        if "ui" not in p.relative_to(PACKAGE).parts
        and any(m.split(".")[0] in ("PySide6", "shiboken6") for m in imported_modules(p))
    ]
    assert offenders == []


def test_nothing_below_the_ui_imports_it():
    offenders = [
        str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
        if p.relative_to(PACKAGE).parts[0] not in ("ui", "cli.py", "__main__.py")
        and any(m.startswith("csdesk.ui") for m in imported_modules(p))
    ]
    assert offenders == []


# The ORM tables: views hold plain data, never live rows (enums are fine).
TABLES = {f"csdesk.models.{name}" for name in models.__all__
          if hasattr(getattr(models, name), "__table__")}


def test_the_ui_does_not_touch_the_database_directly():
    offenders = [
        str(p.relative_to(PACKAGE)) for p in (PACKAGE / "ui").rglob("*.py")
        if any(m.split(".")[0] in ("sqlmodel", "sqlite3", "sqlalchemy") or m in TABLES
               for m in imported_modules(p))
    ]
    assert offenders == []


def test_the_command_line_export_imports_no_qt(demo_file, tmp_path):
    """`csdesk export` loads only what the PDF needs: no Qt (a behaviour, not a timing)."""
    import subprocess
    import sys

    out = tmp_path / "report.pdf"
    code = ("import sys; from csdesk.cli import main; code = main(sys.argv[1:]); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('PySide6', 'shiboken6', 'csdesk') and (m.startswith('csdesk.ui') or "
            "not m.startswith('csdesk'))))")
    done = subprocess.run([sys.executable, "-c", code, "export", str(demo_file), "-o", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
    assert out.read_bytes().startswith(b"%PDF")
