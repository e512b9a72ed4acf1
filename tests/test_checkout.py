"""csdesk finds its resources however it is run: from a plain checkout (not installed),
installed in site-packages, or frozen by PyInstaller."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from csdesk import resource_path

REPO = Path(__file__).resolve().parents[1]
FRAMEWORK = Path("framework", "default-framework.json")

PROBE = """
import importlib.util, json, csdesk
from csdesk.resource_path import resource
path = resource("framework", "default-framework.json")
print(json.dumps({"csdesk": csdesk.__file__, "path": str(path), "exists": path.is_file(),
                  "mapped": importlib.util.find_spec("csdesk.resources") is not None}))
"""


def probe(code_root: Path, cwd: Path) -> dict:
    """Run PROBE in a Python that sees csdesk only through PYTHONPATH=code_root: -S leaves out
    site-packages, so neither an installed csdesk nor an editable install's mapping can help."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONPATH"] = str(code_root)
    result = subprocess.run([sys.executable, "-S", "-c", PROBE], capture_output=True, text=True,
                            cwd=cwd, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_plain_checkout_finds_the_repositorys_resources(tmp_path):
    found = probe(REPO, cwd=tmp_path)
    assert Path(found["csdesk"]).resolve().parent == REPO / "csdesk"
    assert not found["mapped"]  # the case pyproject's package-dir mapping does not cover
    assert Path(found["path"]).resolve() == REPO / "resources" / FRAMEWORK
    assert found["exists"]


def test_an_installed_csdesk_uses_the_resources_inside_the_package(tmp_path):
    site = tmp_path / "site-packages"
    shutil.copytree(REPO / "csdesk", site / "csdesk",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "resources", site / "csdesk" / "resources")
    found = probe(site, cwd=tmp_path)
    assert Path(found["path"]) == site / "csdesk" / "resources" / FRAMEWORK
    assert found["exists"]


def test_a_frozen_csdesk_uses_the_folder_csdesk_spec_fills(tmp_path, monkeypatch):
    # csdesk.spec collects csdesk.resources to csdesk/resources under PyInstaller's _MEIPASS.
    shutil.copytree(REPO / "resources", tmp_path / "csdesk" / "resources")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    icon = resource_path.resource("icons", "csdesk.svg")
    assert icon == tmp_path / "csdesk" / "resources" / "icons" / "csdesk.svg"
