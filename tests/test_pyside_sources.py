"""PySide6 asks of every module imported after it whether it uses PySide6; csdesk answers
from the file's bytes, so the module's source is not kept in memory (ui/pyside_sources.py)."""

import linecache
import sys

from PySide6 import QtCore  # noqa: F401  loads PySide's import hook

from csdesk.ui import pyside_sources


def test_modules_imported_after_pyside_are_judged_without_keeping_their_source(tmp_path,
                                                                                 monkeypatch):
    assert pyside_sources.install()
    feature = sys.modules["shibokensupport.feature"]
    (tmp_path / "csdesk_probe_qt.py").write_text("from PySide6 import QtCore\nX = 1\n")
    (tmp_path / "csdesk_probe_plain.py").write_text("import json\nY = 2\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("csdesk_probe_qt", "csdesk_probe_plain"):
        __import__(name)  # as an import statement does: through PySide's hook
        monkeypatch.delitem(sys.modules, name)
    # As PySide's own test says: 0 for a module that uses PySide6, -1 ("ignore") otherwise.
    assert feature.pyside_feature_dict["csdesk_probe_qt"] == 0
    assert feature.pyside_feature_dict["csdesk_probe_plain"] == -1
    kept = set(linecache.cache)
    assert str(tmp_path / "csdesk_probe_qt.py") not in kept
    assert str(tmp_path / "csdesk_probe_plain.py") not in kept


def test_a_module_without_source_does_not_use_pyside():
    assert not pyside_sources.uses_pyside(sys)  # built in: no file
    assert pyside_sources.uses_pyside(sys.modules["csdesk.ui.pyside_sources"])
