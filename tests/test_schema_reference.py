"""The pinned schema reference (csdesk/store/schema_reference.py) must be exactly what the
models make of a new file: opening a project checks files against it.

When the models change on purpose (with a migration and a new SCHEMA_VERSION), write it again:
    python tests/test_schema_reference.py"""

import pprint
import sqlite3
from pathlib import Path

from csdesk.store import verify
from csdesk.store.schema import describe
from csdesk.store.schema_reference import REFERENCE
from csdesk.store.sqlite_file import SCHEMA_VERSION

FILE = Path(verify.__file__).with_name("schema_reference.py")


def test_the_pinned_reference_is_what_the_models_make():
    assert REFERENCE == verify.build_reference(), (
        "The models and csdesk/store/schema_reference.py differ: if the models changed on "
        "purpose, run `python tests/test_schema_reference.py`.")


def test_a_new_project_matches_the_pinned_reference(tmp_path):
    from csdesk.services.project import new_project

    path = new_project(tmp_path / "new.csdesk", "Title", "Area")
    conn = sqlite3.connect(path)
    try:
        assert verify.differences(describe(conn), REFERENCE) == []
        conn.execute("DROP INDEX " + next(
            name for name, in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")))
        assert verify.differences(describe(conn), REFERENCE)  # a lost index is noticed
    finally:
        conn.close()


if __name__ == "__main__":
    FILE.write_text(
        f'"""The schema of a new file of format {SCHEMA_VERSION}, as schema.describe() reads '
        'it: written by\ntests/test_schema_reference.py from the models, never by hand."""'
        f"\n\nREFERENCE = {pprint.pformat(verify.build_reference(), width=100)}\n",
        encoding="utf-8")
    print(f"Wrote {FILE}")
