"""The csdesk command line, run as a user runs it: in a subprocess, with no display."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

import csdesk as csdesk_package
from csdesk import __version__
from csdesk.store import SCHEMA_VERSION

from .conftest import digest

# The folder holding the csdesk these tests import: the subprocess runs that same code, even
# when csdesk is not installed and the subprocess starts in another folder.
CODE_ROOT = str(Path(csdesk_package.__file__).resolve().parents[1])


def csdesk(*args, cwd=None):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)  # headless commands must not need Qt at all
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (CODE_ROOT, env.get("PYTHONPATH"))))
    return subprocess.run([sys.executable, "-m", "csdesk", *map(str, args)], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=120)


def assert_refused(result, *words):
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0]


def test_version():
    result = csdesk("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"csdesk {__version__}"


def test_demo_then_export_then_check(tmp_path):
    demo = tmp_path / "x.csdesk"
    result = csdesk("demo", demo)
    assert result.returncode == 0, result.stderr
    result = csdesk("export", demo, "-o", tmp_path / "x.pdf")
    assert result.returncode == 0, result.stderr
    text = "\n".join(page.extract_text() for page in PdfReader(tmp_path / "x.pdf").pages)
    assert "Harrowmere" in text and "OFFICIAL" in text
    result = csdesk("check", demo)
    assert result.returncode == 0
    assert f"format {SCHEMA_VERSION}" in result.stdout and "sound" in result.stdout


def test_demo_refuses_to_overwrite(new_file):
    before = digest(new_file)
    assert_refused(csdesk("demo", new_file), "already exists")
    assert digest(new_file) == before


def make_bad_inputs(tmp_path, new_file):
    empty = tmp_path / "empty.csdesk"
    empty.write_bytes(b"")
    text = tmp_path / "text.csdesk"
    text.write_text("This is a text file.\n")
    truncated = tmp_path / "truncated.csdesk"
    truncated.write_bytes(new_file.read_bytes()[:6000])
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    newer = tmp_path / "newer.csdesk"
    newer.write_bytes(new_file.read_bytes())
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.execute("UPDATE meta SET value = '3.0.0' WHERE key = 'written_by'")
    conn.commit()
    conn.close()
    return {
        "missing": (tmp_path / "missing.csdesk", "no file"),
        "empty": (empty, "empty"),
        "text": (text, "not a csdesk project"),
        "truncated": (truncated, "cut short"),
        "other": (other, "another program"),
        "newer": (newer, "csdesk 3.0.0"),
    }


@pytest.mark.parametrize("case", ["missing", "empty", "text", "truncated", "other", "newer"])
def test_bad_input_is_refused_in_one_sentence_and_left_alone(tmp_path, new_file, case):
    path, words = make_bad_inputs(tmp_path, new_file)[case]
    before = digest(path) if path.exists() else None
    assert_refused(csdesk("export", path, "-o", tmp_path / "out.pdf"), words)
    assert not (tmp_path / "out.pdf").exists()
    if case != "newer":  # check reports a sound newer file as sound, with its version
        assert_refused(csdesk("check", path), words)
    assert (digest(path) if path.exists() else None) == before


def test_check_of_a_newer_file_names_its_format(tmp_path, new_file):
    path, _ = make_bad_inputs(tmp_path, new_file)["newer"]
    result = csdesk("check", path)
    assert result.returncode == 0 and f"format {SCHEMA_VERSION + 1}" in result.stdout


def test_check_fails_on_a_damaged_file(tmp_path, new_file):
    damaged = tmp_path / "damaged.csdesk"
    data = bytearray(new_file.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page * 3: page * 3 + 200] = b"\xff" * 200  # scribble over a table's page
    damaged.write_bytes(bytes(data))
    result = csdesk("check", damaged)
    assert result.returncode != 0 and "Traceback" not in result.stderr


def test_unwritable_output_path(tmp_path, new_file):
    assert_refused(csdesk("export", new_file, "-o", tmp_path / "no" / "such" / "dir" / "x.pdf"),
                   "does not exist")
    assert_refused(csdesk("export", new_file, "-o", tmp_path), "is a folder")
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x")
    assert_refused(csdesk("export", new_file, "-o", a_file / "x.pdf"), "does not exist")


def test_usage_errors_exit_2():
    result = csdesk("export")
    assert result.returncode == 2 and "Traceback" not in result.stderr
