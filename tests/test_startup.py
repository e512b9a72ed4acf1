"""Paint first, then load: the window's first frame comes before SQLModel, SQLAlchemy and
reportlab are imported, and the project is open once they are (csdesk/ui/startup.py)."""

import os
import subprocess
import sys

# Runs csdesk as the console script does, noting at each milestone of csdesk.ui.startup
# which heavy libraries are loaded and what the window shows.
PROBE = """
import gc
import sys
import csdesk.ui.startup as startup

HEAVY = {"sqlmodel", "sqlalchemy", "reportlab"}
def observe(milestone, window):
    loaded = sorted(HEAVY & {m.split(".")[0] for m in sys.modules})
    print(milestone, loaded, window.windowTitle(), sep="|", flush=True)
    print("collector", milestone, gc.isenabled(), gc.get_freeze_count() > 0, sep="|")
    if milestone == "ready":
        print("project", window.project.path.name, window.current_section(), sep="|")
        screens = sorted(m for m in sys.modules if m.startswith("csdesk.ui.")
                         and m.endswith(("_screen", "_editor", "_dialog", "_tab")))
        print("screens", screens, sep="|")
        tables = sorted(m for m in sys.modules if m.startswith("csdesk.models.")
                        and m not in ("csdesk.models.enums", "csdesk.models.types"))
        print("tables", tables, sep="|")
        window.close()
startup.observer = observe
from csdesk.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_the_window_is_painted_before_the_heavy_imports(demo_file, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CSDESK_USER_DIR=str(tmp_path / "u"))
    done = subprocess.run([sys.executable, "-c", PROBE, str(demo_file)], env=env,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    lines = [line.split("|") for line in done.stdout.splitlines()
             if "|" in line and not line.startswith("collector")]
    assert lines[0] == ["painted", "[]", f"{demo_file.name} – csdesk"]
    assert lines[1][0] == "ready" and "sqlmodel" in lines[1][1]
    assert "Harrowmere" in lines[1][2]  # the real title: the project is open
    assert lines[2] == ["project", demo_file.name, "overview"]


def test_the_cycle_collector_is_off_while_loading_and_skips_what_was_loaded(demo_file, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CSDESK_USER_DIR=str(tmp_path / "u"))
    done = subprocess.run([sys.executable, "-c", PROBE, str(demo_file)], env=env,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    collector = [line.split("|")[1:] for line in done.stdout.splitlines()
                 if line.startswith("collector")]
    assert collector == [["painted", "False", "False"], ["ready", "True", "True"]]


def test_ready_needs_only_the_overview(demo_file, tmp_path):
    """Until the Overview is filled in, no other screen is built nor its module imported,
    nothing of the PDF (reportlab), and no table model (the Overview reads plain SQL): each
    comes on its first use (test_gui)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CSDESK_USER_DIR=str(tmp_path / "u"))
    done = subprocess.run([sys.executable, "-c", PROBE, str(demo_file)], env=env,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    lines = {line.split("|")[0]: line.split("|")[1:] for line in done.stdout.splitlines()}
    assert "reportlab" not in lines["ready"][0]
    assert lines["screens"] == ["[]"]
    assert lines["tables"] == ["[]"]
