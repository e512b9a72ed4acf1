"""New project: a short wizard. Area, title, marking, where to save, and a plain word on
personal data."""

import re
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWizard, QWizardPage,
)

from ..services.project import MARKINGS
from . import dialogs
from .widgets import paragraph

NO_PERSONAL_DATA = (
    "A csdesk project maps your safeguarding system, not cases. It holds no personal data "
    "about children: never type a child's name, date of birth, address or case number. Roles "
    "and agencies are enough; professionals' names are optional."
)
MARKING_HELP = (
    "The marking is printed at the top and bottom of every page of the PDF report. Choose the "
    "one your organisation uses for this kind of document, or none."
)


def suggested_name(area: str, title: str) -> str:
    text = f"{area} - {title}".strip(" -") or "New project"
    return re.sub(r'[\\/:*?"<>|]+', "-", text) + ".csdesk"


class DetailsPage(QWizardPage):
    def __init__(self, folder: Path):
        super().__init__()
        self.setTitle("New project")
        self.setSubTitle("Which local area is changing its system, and what is this project?")
        form = QFormLayout(self)
        self.area = QLineEdit()
        self.area.setPlaceholderText("e.g. Harrowmere")
        self.title = QLineEdit("Contextual Safeguarding system review")
        self.marking = QComboBox()
        self.marking.addItems([m or "None" for m in MARKINGS])
        self.location = QLineEdit()
        browse = QPushButton("&Browse…")
        browse.setAccessibleName("Choose where to save the project")
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.location, 1)
        where.addWidget(browse)
        for label, widget in (("Local &area", self.area), ("Project &title", self.title),
                              ("Protective &marking", self.marking)):
            widget.setAccessibleName(label.replace("&", ""))
            form.addRow(label, widget)
        form.addRow("", paragraph(MARKING_HELP))
        self.location.setAccessibleName("Save the project as")
        # The field is a layout (location + Browse), so addRow("&Save as", ...) would give
        # the label no buddy: it would show a literal "&" and Alt+S would do nothing.
        save_as = QLabel("&Save as")
        save_as.setBuddy(self.location)
        form.addRow(save_as, where)
        form.addRow("", paragraph(NO_PERSONAL_DATA))
        for field in (self.area, self.title, self.location):
            field.textChanged.connect(self.completeChanged)
        self._folder = folder
        self._auto_location = True
        self.location.textEdited.connect(lambda _: setattr(self, "_auto_location", False))
        self.area.textChanged.connect(self._suggest)
        self.title.textChanged.connect(self._suggest)
        self._suggest()

    def isComplete(self) -> bool:
        # Not QWizard's mandatory fields: those count a field's starting text as empty.
        return all(f.text().strip() for f in (self.area, self.title, self.location))

    def _suggest(self) -> None:
        if self._auto_location:
            self.location.setText(str(self._folder / suggested_name(
                self.area.text().strip(), self.title.text().strip())))

    def _browse(self) -> None:
        path = dialogs.save_path(self, "Save New Project As", Path(self.location.text()),
                                 dialogs.PROJECT_FILTER)
        if path:
            self._auto_location = False
            self.location.setText(str(path))

    def marking_value(self) -> str:
        return MARKINGS[self.marking.currentIndex()]


class NewProjectWizard(QWizard):
    def __init__(self, folder: Path, parent=None):
        super().__init__(parent)
        self.setWindowTitle("New Project")
        self.page_details = DetailsPage(folder)
        self.addPage(self.page_details)
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Create Project")

    def answers(self) -> tuple[str, str, str, Path]:
        page = self.page_details
        return (page.area.text().strip(), page.title.text().strip(), page.marking_value(),
                Path(page.location.text().strip()).expanduser())
