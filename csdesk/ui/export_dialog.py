"""The Export dialog: the same choices as `csdesk export` (format, paper, sections, AES-256
encryption), an outline of what the report will hold, and the export itself in a worker
thread so the window never freezes.

The project is read here, in the GUI thread (an SQLite connection belongs to one thread), as
plain data (report.gather); the worker only lays out and writes (report.write_report, the
function the command line calls too)."""

from pathlib import Path

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
    QLineEdit, QProgressBar, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
)

from ..report import ReportData, ReportError, check_password, gather, write_report
from ..report.content import Heading
from ..report.sections import SECTIONS, build
from ..services.project import OpenProject
from ..settings import Settings
from . import dialogs

FORMATS = {"PDF document (for boards and partners)": ".pdf",
           "Web page (HTML: accessible, for screen readers and intranets)": ".html"}
PAPERS = {"A4": "a4", "A3 (fewer map pages)": "a3"}
FOLDER_KEY = "export_folder"


class ExportWorker(QThread):
    """Lays out and writes the report from plain data, off the GUI thread."""

    progressed = Signal(int, int)
    written = Signal(str)
    failed = Signal(str)

    def __init__(self, data: ReportData, out: Path, options: dict, parent=None):
        super().__init__(parent)
        self.data, self.out, self.options = data, out, options

    def run(self) -> None:
        try:
            path = write_report(self.data, self.out, progress=self.progressed.emit,
                                **self.options)
        except ReportError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # never a silent end: say what went wrong
            self.failed.emit(f"The report could not be written: {exc}")
        else:
            self.written.emit(str(path))


class ExportDialog(QDialog):
    exported = Signal(Path)

    def __init__(self, project: OpenProject, settings: Settings, parent=None):
        super().__init__(parent)
        self.project = project
        self.settings = settings
        self.worker: ExportWorker | None = None
        self.data = gather(project)  # for the outline; read again when exporting
        self.setWindowTitle("Export the Report")
        layout = QVBoxLayout(self)

        form = QFormLayout()
        self.format = self._combo(FORMATS, "Format")
        form.addRow(self._label("&Format", self.format), self.format)
        self.paper = self._combo(PAPERS, "Paper for the maps")
        form.addRow(self._label("&Paper for the maps", self.paper), self.paper)
        path_row = QHBoxLayout()
        self.path = QLineEdit(str(self._suggested(".pdf")))
        self.path.setAccessibleName("File to write")
        choose = QPushButton("C&hoose…")
        choose.setAccessibleName("Choose the file to write")
        choose.clicked.connect(self.choose_path)
        path_row.addWidget(self.path, 1)
        path_row.addWidget(choose)
        form.addRow(self._label("&Save as", self.path), path_row)
        layout.addLayout(form)

        middle = QHBoxLayout()
        box = QGroupBox("Sections (the cover and contents are always there)")
        box_layout = QVBoxLayout(box)
        self.checks: dict[str, QCheckBox] = {}
        for section in SECTIONS:
            check = QCheckBox(section.title)
            check.setChecked(True)
            check.setToolTip(section.holds)
            check.setAccessibleName(f"Include {section.title}")
            check.setAccessibleDescription(section.holds)
            check.toggled.connect(self.refresh_preview)
            box_layout.addWidget(check)
            self.checks[section.key] = check
        box_layout.addStretch()
        middle.addWidget(box)
        preview_box = QGroupBox("What the report will hold (its bookmarks)")
        preview_layout = QVBoxLayout(preview_box)
        self.preview = QTreeWidget()
        self.preview.setHeaderHidden(True)
        self.preview.setAccessibleName("What the report will hold")
        preview_layout.addWidget(self.preview)
        middle.addWidget(preview_box, 1)
        layout.addLayout(middle, 1)

        self.encrypt = QCheckBox("&Encrypt the PDF with a password (AES-256)")
        self.encrypt.setAccessibleName("Encrypt the PDF with a password")
        self.password = self._password_field("Password")
        self.again = self._password_field("The same password again")
        secret = QFormLayout()
        secret.addRow(self._label("Pass&word", self.password), self.password)
        secret.addRow(self._label("Password a&gain", self.again), self.again)
        layout.addWidget(self.encrypt)
        layout.addLayout(secret)
        self.encrypt.toggled.connect(self._update_state)
        self.format.currentIndexChanged.connect(self._format_changed)

        self.progress = QProgressBar()
        self.progress.setAccessibleName("Export progress")
        self.progress.setVisible(False)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton("E&xport",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.refresh_preview()
        self._update_state()
        em = self.fontMetrics().horizontalAdvance("M")
        self.resize(em * 56, em * 40)

    # ----- building -----

    def _combo(self, choices: dict, name: str) -> QComboBox:
        combo = QComboBox()
        combo.addItems(list(choices))
        combo.setAccessibleName(name)
        return combo

    def _label(self, text: str, buddy) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _password_field(self, name: str) -> QLineEdit:
        field = QLineEdit()
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setAccessibleName(name)
        return field

    # ----- state -----

    def suffix(self) -> str:
        return FORMATS[self.format.currentText()]

    def keys(self) -> list[str]:
        return [key for key, check in self.checks.items() if check.isChecked()]

    def _suggested(self, suffix: str) -> Path:
        folder = Path(self.settings.get(FOLDER_KEY) or self.project.path.parent)
        if not folder.is_dir():
            folder = self.project.path.parent
        return folder / (self.project.path.stem + suffix)

    def _format_changed(self) -> None:
        current = Path(self.path.text().strip() or self._suggested(self.suffix()))
        self.path.setText(str(current.with_suffix(self.suffix())))
        self._update_state()

    def _update_state(self) -> None:
        pdf = self.suffix() == ".pdf"
        self.paper.setEnabled(pdf)
        self.encrypt.setEnabled(pdf)
        if not pdf:
            self.encrypt.setChecked(False)
        for field in (self.password, self.again):
            field.setEnabled(pdf and self.encrypt.isChecked())
        busy = self.worker is not None
        self.export_button.setEnabled(not busy and bool(self.keys()))

    def refresh_preview(self) -> None:
        """The outline the PDF's bookmarks will have: each chosen section and its parts."""
        self.preview.clear()
        keys = self.keys()
        if keys:
            for section in build(self.data, keys):
                headings = [b for b in section.blocks if isinstance(b, Heading)]
                top = QTreeWidgetItem([headings[0].text if headings else section.title])
                for h in headings[1:]:
                    if h.level == 2:
                        top.addChild(QTreeWidgetItem([h.text]))
                self.preview.addTopLevelItem(top)
        self._update_state()

    def choose_path(self) -> None:
        suffix = self.suffix()
        dest = dialogs.save_path(self, "Export the Report", Path(self.path.text().strip()
                                                                  or self._suggested(suffix)),
                                 dialogs.PDF_FILTER if suffix == ".pdf" else
                                 dialogs.HTML_FILTER)
        if dest:
            self.path.setText(str(dest))

    # ----- exporting -----

    def _destination(self) -> Path | None:
        text = self.path.text().strip()
        if not text:
            self.message.setText("Give the file to write.")
            return None
        out = Path(text).expanduser()
        if out.suffix.lower() != self.suffix():
            out = out.with_name(out.name + self.suffix())
        return out

    def _password(self) -> str | None:
        if not self.encrypt.isChecked():
            return None
        first = self.password.text()
        try:
            check_password(first)
        except ReportError as exc:
            self.message.setText(str(exc))
            self.password.setFocus()
            return ""
        if self.again.text() != first:
            self.message.setText("The two passwords differ: type the same one twice.")
            self.again.setFocus()
            return ""
        return first

    def start(self) -> None:
        """Check the choices, ask before replacing a file, then write in the worker."""
        if self.worker is not None:
            return
        out = self._destination()
        password = self._password()
        if out is None or password == "":
            return
        if out.exists() and not dialogs.confirm(
                self, f"{out.name} already exists in {out.parent}. Replace it?",
                "Replace the file?", "&Replace"):
            return
        options = {"keys": self.keys(), "password": password}
        if self.suffix() == ".pdf":
            options["paper"] = PAPERS[self.paper.currentText()]
        self.message.setText("Writing the report…")
        self.progress.setRange(0, 0)  # busy until the layout says how far it has got
        self.progress.setVisible(True)
        self.worker = ExportWorker(gather(self.project), out, options, self)
        self.worker.progressed.connect(self._progressed)
        self.worker.written.connect(self._written)
        self.worker.failed.connect(self._failed)
        self.worker.finished.connect(self._worker_ended)
        self._update_state()
        self.worker.start()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _written(self, path: str) -> None:
        written = Path(path)
        self.settings.set(FOLDER_KEY, str(written.parent))
        self.message.setText(f"Wrote {written}")
        self.exported.emit(written)
        self.accept()

    def _failed(self, message: str) -> None:
        self.progress.setVisible(False)
        self.message.setText(message)
        dialogs.error(self, message, "Cannot export")

    def _worker_ended(self) -> None:
        self.worker = None
        self._update_state()

    def reject(self) -> None:
        if self.worker is not None:  # a half-written export is never left: let it finish
            self.message.setText("Finishing the export first…")
            return
        super().reject()

    def closeEvent(self, event) -> None:
        if self.worker is not None:
            event.ignore()
            return
        super().closeEvent(event)
