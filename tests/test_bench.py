"""The benchmark's generator builds a sound project through the operations (bench/run.py
--dry: a tiny project; the benchmark itself is run by hand, see README "Performance")."""

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).parents[1] / "bench" / "run.py"


def test_the_benchmark_generator_builds_a_sound_project(tmp_path):
    done = subprocess.run([sys.executable, str(BENCH), "--dry"], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert "sound (integrity, links and schema checked)" in done.stdout
    # 2 journeys of 4 stages, 7 areas; 1 round: (8 stages + 7 areas) x 4 domains, 2 sources
    # each; 5 actions with a note each
    assert ("2 journey, 8 stage, 7 system_area, 60 rating, 120 rating_evidence, 5 action, "
            "5 progress_note") in done.stdout
