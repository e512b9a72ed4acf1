"""The Map tab of a journey: the swimlane map on screen (the same layout as the PDF), tied
to the stage editor, with zoom and export to PNG or SVG (A4 or A3 landscape pages)."""

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..figures.journey_map import A3_LANDSCAPE, A4_LANDSCAPE
from ..services.journey_view import JourneyView
from . import dialogs
from .map_view import MapView, export_png, export_svg, layout_for_paper, scroll_area
from .widgets import paragraph

PAPERS = {"A4 landscape": A4_LANDSCAPE, "A3 landscape": A3_LANDSCAPE}
FORMATS = {"png": ("PNG pictures (*.png)", export_png), "svg": ("SVG drawings (*.svg)",
                                                                   export_svg)}


class MapTab(QWidget):
    def __init__(self, editor, level_order: Callable[[], Sequence[int]],
                 folder: Callable[[], Path], parent=None):
        super().__init__(parent)
        self._editor = editor
        self._level_order = level_order
        self._folder = folder  # where exports are suggested: beside the project
        self._journey: JourneyView | None = None
        self._stale = False  # the journey changed while the map was out of sight
        self.view = MapView()
        bar = QHBoxLayout()
        for text, slot, name in (("Zoom &in", self.view.zoom_in, "Zoom the map in"),
                                 ("Zoom &out", self.view.zoom_out, "Zoom the map out"),
                                 ("&Actual size", self.view.reset_zoom, "Map at actual size")):
            button = QPushButton(text)
            button.setAccessibleName(name)
            button.clicked.connect(lambda _=False, slot=slot: slot())
            bar.addWidget(button)
        bar.addStretch()
        export_bar = QHBoxLayout()  # a row of its own: the screen stays narrow enough at 150 %
        paper_label = QLabel("&Paper")
        self.paper = QComboBox()
        self.paper.addItems(list(PAPERS))
        self.paper.setAccessibleName("Paper size for exported pages")
        paper_label.setBuddy(self.paper)
        export_bar.addWidget(paper_label)
        export_bar.addWidget(self.paper)
        self.png_button = QPushButton("Export P&NG…")
        self.png_button.clicked.connect(lambda: self.export("png"))
        self.svg_button = QPushButton("Export S&VG…")
        self.svg_button.clicked.connect(lambda: self.export("svg"))
        export_bar.addWidget(self.png_button)
        export_bar.addWidget(self.svg_button)
        export_bar.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(export_bar)
        layout.addWidget(paragraph("Arrow keys move between stages; Enter opens the selected "
                                   "stage in the editor. The Outline tab has the same journey "
                                   "in words."))
        layout.addWidget(scroll_area(self.view), 1)

        editor.view_changed.connect(self.show_journey)
        editor.stage_selected.connect(
            lambda stage_id: self.view.select_stage(stage_id, notify=False))
        self.view.stage_activated.connect(self._open_stage)

    def show_journey(self, journey: JourneyView | None) -> None:
        """Lays the map out now if it is in sight, else when it comes into sight: laying
        out a long journey takes a while, and opening a project should not wait for it."""
        self._journey = journey
        has = journey is not None and bool(journey.stages)
        for button in (self.png_button, self.svg_button):
            button.setEnabled(has)
        self._stale = journey is not None
        if self.isVisible():
            self._lay_out()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._lay_out()

    def _lay_out(self) -> None:
        if self._stale:
            self._stale = False
            self.view.set_journey(self._journey, self._level_order())
            self.view.select_stage(self._editor.current_stage_id(), notify=False)

    def _open_stage(self, stage_id: int) -> None:
        self._editor.select_stage(stage_id)
        self._editor.tabs.setCurrentIndex(0)

    def export(self, kind: str) -> list[Path]:
        """Write the map as PNG or SVG pages of the chosen paper size; one file per page."""
        if self._journey is None or not self._journey.stages:
            return []
        file_filter, write = FORMATS[kind]
        name = re.sub(r'[\\/:*?"<>|]+', "-", self._journey.title).strip(" .-") or "map"
        suggested = self._folder() / f"{name}.{kind}"
        dest = dialogs.save_path(self, f"Export the map as {kind.upper()}", suggested,
                                 file_filter)
        if not dest:
            return []
        figure = layout_for_paper(self._journey, self._level_order(),
                                  PAPERS[self.paper.currentText()])
        try:
            written = write(figure, dest)
        except OSError as exc:
            dialogs.error(self, f"Could not write {dest.name}: {exc.strerror or exc}.",
                          "Cannot export the map")
            return []
        dialogs.info(self, f"Wrote {len(written)} page(s): " +
                     ", ".join(p.name for p in written), "Map exported")
        return written
