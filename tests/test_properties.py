"""Properties that must hold for any input, found by Hypothesis."""

import hashlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from csdesk.services.project import MARKINGS, OpenProject
from csdesk.store import ProjectFileError, inspect_file
from csdesk.store.sqlite_file import SQLITE_MAGIC

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
edits = st.lists(
    st.one_of(
        st.builds(lambda v: {"title": v}, text.filter(str.strip)),
        st.builds(lambda v: {"local_area": v}, text.filter(str.strip)),
        st.builds(lambda v: {"marking": v}, st.sampled_from(MARKINGS)),
        st.builds(lambda v: {"notes": v}, text),
    ),
    max_size=8,
)


@SETTINGS
@given(edits)
def test_undoing_every_edit_restores_the_project(new_file, changes):
    """Undo relies on each operation returning exactly what puts the project back."""
    project = OpenProject.open(new_file)
    try:
        original = project.details()
        undo = [project.update_details(**change) for change in changes]
        for before in reversed(undo):
            project.update_details(**before)
        after = project.details()
        assert (after.title, after.local_area, after.marking, after.notes) == (
            original.title, original.local_area, original.marking, original.notes)
    finally:
        project.close()


@SETTINGS
@given(st.binary(max_size=5000), st.booleans())
def test_any_bytes_are_refused_cleanly_and_never_changed(tmp_path, data, sqlite_header):
    path = tmp_path / "suspect.csdesk"
    data = (SQLITE_MAGIC + data) if sqlite_header else data
    path.write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    try:
        inspect_file(path, full_check=True)
    except ProjectFileError as exc:
        assert str(exc)  # a message for the user, not a crash
    else:
        raise AssertionError("random bytes were accepted as a project")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
