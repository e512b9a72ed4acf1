"""Find csdesk's data files (the default framework, the icons) however csdesk is run.

The files live in the repository's top-level resources/ folder and ship inside the package as
csdesk.resources (pyproject.toml maps one onto the other). So they are at:

    frozen by PyInstaller    sys._MEIPASS/csdesk/resources (where csdesk.spec puts them)
    installed                site-packages/csdesk/resources
    plain checkout, editable <repo>/resources, beside the csdesk/ folder

Named resource_path, not resources, because csdesk/resources.py would shadow the package."""

import importlib.util
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
# A file every resources folder has: a folder without it is not ours (site-packages can hold a
# stray top-level resources/ from another project).
_MARKER = Path("framework", "default-framework.json")


def _candidates():
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        yield Path(frozen) / "csdesk" / "resources"
    yield PACKAGE_DIR / "resources"
    yield PACKAGE_DIR.parent / "resources"
    # Last: whatever the import system maps csdesk.resources to (an editable install with a
    # custom layout). Not first, so the files always come with the code that is running.
    try:
        spec = importlib.util.find_spec("csdesk.resources")
    except ImportError:
        spec = None
    for location in (spec and spec.submodule_search_locations) or ():
        yield Path(location)


def resource_dir() -> Path:
    for folder in _candidates():
        if (folder / _MARKER).is_file():
            return folder
    raise FileNotFoundError(
        f"csdesk cannot find its resources folder (looked beside {PACKAGE_DIR}); "
        "reinstall csdesk or run it from a complete checkout."
    )


def resource(*parts: str) -> Path:
    """The path of a file under resources/, e.g. resource("icons", "csdesk.svg")."""
    return resource_dir().joinpath(*parts)
