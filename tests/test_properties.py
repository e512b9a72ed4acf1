"""Properties that must hold for any input, found by Hypothesis."""

import hashlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from csdesk.store import ProjectFileError, inspect_file
from csdesk.store.sqlite_file import SQLITE_MAGIC

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


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
