"""The packaged program: what installer/csdesk.spec bundles, found the way csdesk finds it, and
(marked build: minutes, needs `.[build]`, run with -m build) a real PyInstaller build whose
frozen executables write the demo and export its PDF with no Python beside them."""

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from csdesk import __version__, resource_path
from csdesk.fonts import FILES as FONT_FILES
from csdesk.ui.icons import APP_ICON_SIZES, SECTION_ICONS

REPO = Path(__file__).resolve().parents[1]
SPEC = REPO / "installer" / "csdesk.spec"


def _load_build():
    spec = importlib.util.spec_from_file_location("csdesk_build", REPO / "installer" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = _load_build()

# Every file csdesk reads at run time, by the names its code asks for.
NEEDED = (
    ["framework/default-framework.json", "demo/harrowmere.json", "icons/csdesk.svg",
     "fonts/LICENSE.txt", "icons/csdesk.ico", "icons/csdesk.icns"]
    + [f"fonts/{name}" for name in FONT_FILES.values()]
    + [f"icons/{key}.svg" for key in SECTION_ICONS]
    + [f"icons/csdesk-{size}.png" for size in APP_ICON_SIZES]
)


def test_the_bundle_carries_every_resource_csdesk_reads():
    bundled = set(build.resource_files(REPO))
    assert set(NEEDED) <= bundled
    assert not any(name.endswith((".py", ".pyc")) for name in bundled)


def test_resource_path_finds_every_resource_from_source():
    for name in NEEDED:
        found = resource_path.resource(*name.split("/"))
        assert found == REPO / "resources" / name
        assert found.is_file()


def test_resource_path_finds_every_resource_in_the_frozen_layout(tmp_path, monkeypatch):
    # Lay the files out as csdesk.spec's datas do under PyInstaller's _MEIPASS.
    meipass = tmp_path / "_internal"
    for name in build.resource_files(REPO):
        target = meipass / "csdesk" / "resources" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REPO / "resources" / name, target)
    monkeypatch.setattr(sys, "_MEIPASS", str(meipass), raising=False)
    assert resource_path.resource_dir() == meipass / "csdesk" / "resources"
    for name in NEEDED:
        found = resource_path.resource(*name.split("/"))
        assert found == meipass / "csdesk" / "resources" / name
        assert found.read_bytes() == (REPO / "resources" / name).read_bytes()


def test_the_spec_leaves_out_no_qt_module_csdesk_imports():
    imported = set()
    for source in (REPO / "csdesk").rglob("*.py"):
        imported |= set(re.findall(r"PySide6\.(Qt\w+)", source.read_text(encoding="utf-8")))
    assert {"QtCore", "QtGui", "QtWidgets", "QtSvg"} <= imported
    spec = SPEC.read_text(encoding="utf-8")
    unused = re.search(r"_unused_qt = \((.*?)\)\.split\(\)", spec, re.S).group(1)
    excluded = set(re.findall(r"Qt\w+", unused))
    assert {"QtWebEngineCore", "Qt3DCore", "QtMultimedia", "QtQml", "QtQuick"} <= excluded
    assert not imported & excluded
    assert "upx=True" not in spec


def test_pyinstaller_is_a_pinned_build_extra():
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'build = \[\s*"pyinstaller[>=<]', pyproject)
    lock = (REPO / "requirements.lock").read_text(encoding="utf-8")
    assert re.search(r"^pyinstaller==\d", lock, re.M)
    assert re.search(r"^pyinstaller-hooks-contrib==\d", lock, re.M)


def _frozen_env(tmp_path: Path) -> dict:
    """A bare environment: no venv, no PYTHONPATH, no Python on PATH, a display-less Qt."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("PYTHON", "VIRTUAL_ENV", "CONDA"))}
    env.update(PATH="/usr/bin:/bin" if os.name != "nt" else os.environ.get("SystemRoot", ""),
               CSDESK_USER_DIR=str(tmp_path / "user"), QT_QPA_PLATFORM="offscreen")
    return env


def _run(command, env, cwd):
    done = subprocess.run([str(c) for c in command], env=env, cwd=cwd, capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, f"{command}: {done.stdout}{done.stderr}"
    assert "Traceback" not in done.stderr
    return done


@pytest.mark.slow
@pytest.mark.build
def test_the_frozen_program_writes_the_demo_and_exports_its_pdf(tmp_path):
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.fail('PyInstaller is not installed: pip install -c requirements.lock -e ".[build]"')
    done = subprocess.run(
        [sys.executable, str(REPO / "installer" / "build.py"),
         "--dist", str(tmp_path / "dist"), "--work", str(tmp_path / "work")],
        capture_output=True, text=True, timeout=1800, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    # Every module of csdesk is in the bundle, those it imports by name on first use too.
    toc = (tmp_path / "work" / "csdesk" / "PYZ-00.toc").read_text(encoding="utf-8")
    bundled = set(re.findall(r"'(csdesk(?:\.\w+)*)'", toc))
    ours = {".".join(p.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")
            for p in (REPO / "csdesk").rglob("*.py")}
    assert ours - bundled == set()
    folder = tmp_path / "dist" / "csdesk"
    suffix = ".exe" if os.name == "nt" else ""
    exe, cli = folder / f"csdesk{suffix}", folder / f"csdesk-cli{suffix}"
    # Run from a folder far from the checkout, so nothing can come from the source tree.
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = _frozen_env(tmp_path)

    # On Windows only the console executable can print; elsewhere both can.
    for program in (cli,) if os.name == "nt" else (exe, cli):
        assert _run([program, "--version"], env, work).stdout.strip() == f"csdesk {__version__}"
    _run([cli, "demo", "demo.csdesk"], env, work)
    assert (work / "demo.csdesk").stat().st_size > 10_000
    _run([cli, "export", "demo.csdesk", "-o", "demo.pdf"], env, work)

    reader = PdfReader(work / "demo.pdf")
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) >= 10
    assert "Harrowmere" in text
    assert "Child journey" in text
    assert f"from csdesk {__version__}" in text
    fonts = {str(page["/Resources"]["/Font"][name].get_object()["/BaseFont"])
             for page in reader.pages for name in page["/Resources"]["/Font"]}
    assert any("DejaVu" in font for font in fonts), fonts


def test_the_windows_installer_is_per_user_and_leaves_projects_alone():
    iss = (REPO / "installer" / "windows" / "csdesk.iss").read_text(encoding="utf-8")
    assert re.search(r"^PrivilegesRequired=lowest$", iss, re.M)
    assert "PrivilegesRequiredOverridesAllowed" not in iss  # never offers an admin install
    assert re.search(r"^DefaultDirName=\{localappdata\}\\Programs\\", iss, re.M)
    assert re.search(r'^Name: "\{userprograms\}\\', iss, re.M)  # the user's own Start menu
    registry = [line for line in iss.splitlines() if line.startswith("Root:")]
    per_user = r'Root: HKCU; Subkey: "Software\Classes'
    assert registry and all(line.startswith(per_user) for line in registry)
    assert any(r'"Software\Classes\.csdesk"' in line for line in registry)
    assert "HKLM" not in iss and "{commonpf}" not in iss and "{commonprograms}" not in iss
    # What uninstall deletes beyond its own files: only inside the program folder.
    deleted = re.findall(r'^Type: \w+; Name: "([^"]+)"', iss, re.M)
    assert deleted and all(name.startswith("{app}") for name in deleted)
