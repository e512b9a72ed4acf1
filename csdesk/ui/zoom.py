"""View > Zoom: scales the whole interface's font, for projectors and the back of a room."""

from PySide6.QtWidgets import QApplication

from ..settings import Settings
from .widgets import refit_headings

STEPS = (0.8, 0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0, 2.5)


class Zoom:
    def __init__(self, settings: Settings):
        self.settings = settings
        app = QApplication.instance()
        if app.property("csdesk_base_point_size") is None:  # the size before any zoom
            app.setProperty("csdesk_base_point_size", app.font().pointSizeF())
        self.base = float(app.property("csdesk_base_point_size"))
        saved = settings.get("zoom", 1.0)
        self.factor = saved if saved in STEPS else 1.0
        self._apply()

    def step(self, direction: int) -> None:
        i = STEPS.index(self.factor) + direction
        self.factor = STEPS[max(0, min(len(STEPS) - 1, i))]
        self._apply()

    def reset(self) -> None:
        self.factor = 1.0
        self._apply()

    def _apply(self) -> None:
        app = QApplication.instance()
        font = app.font()
        font.setPointSizeF(self.base * self.factor)
        app.setFont(font)
        refit_headings()
        self.settings.set("zoom", self.factor)
