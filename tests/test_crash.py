"""A csdesk killed mid-work loses nothing it had acknowledged, and its file stays sound."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

from csdesk.services.project import OpenProject
from csdesk.store import inspect_file

EDITOR = """
import sys
from csdesk.services.project import OpenProject
project = OpenProject.open(sys.argv[1])
n = 0
while True:
    n += 1
    project.update_details(notes=f"edit {n}")
    print(n, flush=True)  # acknowledged: the edit has been committed
"""


def test_sigkill_loses_no_acknowledged_edit(new_file):
    proc = subprocess.Popen([sys.executable, "-c", EDITOR, str(new_file)],
                            stdout=subprocess.PIPE, text=True)
    acknowledged = 0
    deadline = time.monotonic() + 60
    while acknowledged < 25 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        acknowledged = int(line)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert acknowledged >= 25, "the editor did not get going"

    # Opening for editing is what recovers a change cut off mid-way (SQLite's hot journal).
    OpenProject.open(new_file).close()
    info = inspect_file(new_file, full_check=True)  # integrity and foreign keys
    conn = sqlite3.connect(new_file)
    notes = conn.execute("SELECT notes FROM project").fetchone()[0]
    conn.close()
    saved = int(notes.split()[1])
    assert saved >= acknowledged  # it may have committed one more before dying
    assert info.schema_version >= 1
