"""Stop PySide6 keeping the source of every module imported after it in memory.

After PySide6 is loaded, each module imported is looked at once (PYSIDE-2029), to know
whether it uses PySide6: PySide reads its whole source with inspect.getsource, which keeps
every line in linecache for the life of the process. For csdesk's start (SQLAlchemy,
pydantic, the models: about 380 modules) that is 10 MB of text, 25 MB of memory and 60 ms.
Here the same question is answered from the file's bytes, which are then let go. The answer
is the same: PySide's own test is whether the text "PySide6" is in the source.

install() once, right after importing PySide6 and before the heavy imports (ui/startup.py)."""

import sys


def uses_pyside(module) -> bool:
    """Whether the module's source mentions PySide6 (False for a module without a .py file,
    as PySide's own test says for one without source)."""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False
    try:
        with open(path, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return False


def install() -> bool:
    """Replace PySide's test with uses_pyside; False if this PySide has no such test."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = uses_pyside
    return True
