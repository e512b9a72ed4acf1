"""The framework the project is rated against, seen and edited: its domains, values,
system-wide areas, evidence sources and colour meanings in a tree grouped by kind, beside a
form for the wording of the selected one, and a replacement framework file imported whole.

Each field saves one edit when the user leaves it (as in record_editor.py); the tree updates
in place from change notices, so the selection and a half-typed field survive other edits."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QScrollArea, QSplitter,
    QStackedWidget, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from ..services import framework_edit as fe
from ..services.project import OpenProject
from . import dialogs
from .record_editor import Field
from .signals import ProjectSignals
from .undo import EDIT_ERRORS, edit
from .widgets import READONLY_NOTE, NotesEdit, paragraph

DEFAULT_NOTE = "csdesk's default guidance, not official Contextual Safeguarding wording."
KEY = Qt.ItemDataRole.UserRole  # an item's (kind, id); a group's id is None
# kind -> the group's title in the tree
GROUPS = {"domain": "Domains", "value": "Values", "area": "System-wide areas",
          "source": "Evidence sources", "meaning": "Colour meanings"}
NOUNS = {"domain": "Domain", "value": "Value", "area": "System-wide area",
         "source": "Evidence source", "meaning": "Colour meaning"}
FIELDS = {
    "domain": (Field("short_name", "Short &name"), Field("question", "Test &question"),
               Field("meaning", "&Meaning", "notes"),
               Field("prompts", "Evidence &prompts (one a line)", "notes")),
    "value": (Field("name", "&Name"), Field("meaning", "&Meaning", "notes")),
    "area": (Field("name", "&Name"), Field("description", "&Description", "notes")),
    "source": (Field("name", "&Name"),),
    "meaning": (Field("label", "&Label"), Field("meaning", "&Meaning", "notes")),
}
UPDATE = {"domain": fe.update_domain, "value": fe.update_value, "area": fe.update_area,
          "source": lambda project, row_id, name: fe.rename_source(project, row_id, name),
          "meaning": fe.update_meaning}
HINTS = {
    "domain": "The four domains every stage and area is rated against. Their wording is "
              "shown beside each cell while rating.",
    "value": "The values checked once a round.",
    "area": "Parts of the system rated alongside the journey stages.",
    "source": "What a rating can rest on.",
    "meaning": "What Red, Amber and Green mean in this project.",
}


def _name(kind: str, row) -> str:
    if kind == "domain":
        return row.short_name
    if kind == "meaning":
        return f"{row.rag.label} ({row.rag.letter}): {row.label}"
    return row.name


def _uses(kind: str, row) -> str:
    return {"domain": lambda: fe.describe_uses(row.ratings, row.actions),
            "value": lambda: fe.describe_uses(checks=row.checks),
            "area": lambda: fe.describe_uses(row.ratings, row.actions),
            "source": lambda: fe.describe_uses(row.ratings),
            "meaning": lambda: ""}[kind]()


class FrameworkPanel(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._project: OpenProject | None = None
        self._signals: ProjectSignals | None = None
        self._rows: dict[tuple[str, int], object] = {}
        self._editable = True

        self.title = QLabel()
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.source = paragraph(DEFAULT_NOTE)
        self.source.setAccessibleName("Where this framework's wording comes from")
        self.readonly_note = paragraph(READONLY_NOTE)
        self.readonly_note.hide()

        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Framework parts")
        self.tree.setHeaderLabels(["Framework", "In use by"])
        self.tree.setColumnCount(2)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        # Whole names (they matter more than the counts); narrow, the tree scrolls sideways.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.groups: dict[str, QTreeWidgetItem] = {}
        for kind, title in GROUPS.items():
            group = QTreeWidgetItem([title])
            group.setData(0, KEY, (kind, None))
            self.tree.addTopLevelItem(group)
            group.setExpanded(True)
            self.groups[kind] = group
        self.tree.currentItemChanged.connect(lambda *_: self._show_current())
        delete = QAction(self.tree)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self._delete)
        self.tree.addAction(delete)

        # One form a kind; the group page says what the group is.
        self.stack = QStackedWidget()
        self.hint = paragraph("")
        self.stack.addWidget(self.hint)
        self.pages: dict[str, QWidget] = {}
        self.inputs: dict[str, dict[str, QWidget]] = {}
        for kind, fields in FIELDS.items():
            page = QWidget()
            form = QFormLayout(page)
            form.setContentsMargins(0, 0, 0, 0)
            self.inputs[kind] = {}
            for field in fields:
                widget = self._input(kind, field)
                widget.setAccessibleName(f"{NOUNS[kind]} {field.label.replace('&', '')}"
                                         .lower().capitalize())
                self.inputs[kind][field.key] = widget
                form.addRow(field.label, widget)
            self.pages[kind] = page
            self.stack.addWidget(page)
        self.uses = paragraph("")
        self.uses.setAccessibleName("How much uses it")

        self.add_area_button = self._button("Add system-wide &area", self._add_area)
        self.add_source_button = self._button("Add e&vidence source", self._add_source)
        self.delete_button = self._button("&Delete", self._delete)
        self.import_button = self._button("&Import framework file\u2026", self._import)

        form_side = QWidget()
        form_layout = QVBoxLayout(form_side)
        form_layout.addWidget(self.uses)
        form_layout.addWidget(self.stack)
        form_layout.addStretch()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from the tree to the form
        scroll.setWidget(form_side)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.tree)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        buttons = QHBoxLayout()
        for button in (self.add_area_button, self.add_source_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch()
        buttons.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.source)
        layout.addWidget(self.readonly_note)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self._show_current()

    # -- building --

    def _button(self, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", "").rstrip("\u2026"))
        button.clicked.connect(slot)
        return button

    def _input(self, kind: str, field: Field) -> QWidget:
        if field.kind == "notes":
            widget = NotesEdit()
            widget.editingFinished.connect(
                lambda: self._finished(kind, field.key, widget.toPlainText()))
        else:
            widget = QLineEdit()
            widget.editingFinished.connect(
                lambda: self._finished(kind, field.key, widget.text().strip()))
        return widget

    # -- the project --

    def attach(self, project: OpenProject) -> None:
        self.detach()
        self._project = project
        self._signals = ProjectSignals(project, self)
        self._signals.changed.connect(self.refresh)
        self._editable = not project.readonly
        self.readonly_note.setVisible(project.readonly)
        for widget in (w for fields in self.inputs.values() for w in fields.values()):
            widget.setReadOnly(project.readonly)
        self.refresh()
        current = self.current()
        if current is None or current[1] is None:
            self.tree.setCurrentItem(self.groups["domain"].child(0) or self.groups["domain"])

    def detach(self) -> None:
        focused = self.focusWidget()
        if focused is not None and hasattr(focused, "editingFinished"):
            focused.clearFocus()  # a half-typed field is saved first
        if self._signals is not None:
            self._signals.detach()
            self._signals.deleteLater()
        self._project = self._signals = None

    def refresh(self, changes=None) -> None:
        if self._project is None:
            return
        if changes is not None and not changes.tables & fe.FRAMEWORK_TABLES:
            return
        view = fe.framework_view(self._project)
        self.title.setText(f"{view.name}, version {view.version}")
        self.source.setText(view.source or DEFAULT_NOTE)
        for kind, rows in (("domain", view.domains), ("value", view.values),
                           ("area", view.areas), ("source", view.sources),
                           ("meaning", view.meanings)):
            self._fill(kind, rows)
        self._rows = {**{("domain", r.id): r for r in view.domains},
                      **{("value", r.id): r for r in view.values},
                      **{("area", r.id): r for r in view.areas},
                      **{("source", r.id): r for r in view.sources},
                      **{("meaning", r.id): r for r in view.meanings}}
        self._show_current()

    def _fill(self, kind: str, rows) -> None:
        """The group's items made to match `rows`, changing only what differs, so the current
        item (and the scroll position) stay put."""
        group = self.groups[kind]
        wanted = [row.id for row in rows]
        for i in reversed(range(group.childCount())):
            if group.child(i).data(0, KEY)[1] not in wanted:
                group.removeChild(group.child(i))
        items = {group.child(i).data(0, KEY)[1]: group.child(i)
                 for i in range(group.childCount())}
        current = self.current()
        for index, row in enumerate(rows):
            item = items.get(row.id)
            if item is None:
                item = QTreeWidgetItem()
                item.setData(0, KEY, (kind, row.id))
                group.insertChild(index, item)
            elif group.indexOfChild(item) != index:
                group.takeChild(group.indexOfChild(item))
                group.insertChild(index, item)
            name, uses = _name(kind, row), _uses(kind, row)
            if item.text(0) != name or item.text(1) != uses:
                item.setText(0, name)
                item.setText(1, uses)
                item.setToolTip(0, name)
                item.setData(0, Qt.ItemDataRole.AccessibleTextRole,
                             f"{name}, {uses or 'not used yet'}" if kind != "meaning" else name)
        if current is not None and current[0] == kind and self.current() != current:
            self.select(*current)

    # -- showing --

    def current(self) -> tuple[str, int | None] | None:
        item = self.tree.currentItem()
        return item.data(0, KEY) if item is not None else None

    def select(self, kind: str, row_id: int | None = None) -> None:
        group = self.groups[kind]
        for i in range(group.childCount()):
            if group.child(i).data(0, KEY)[1] == row_id:
                self.tree.setCurrentItem(group.child(i))
                return
        self.tree.setCurrentItem(group)

    def _show_current(self) -> None:
        kind, row_id = self.current() or ("domain", None)
        row = self._rows.get((kind, row_id))
        editable = self._editable and self._project is not None
        self.add_area_button.setEnabled(editable)
        self.add_source_button.setEnabled(editable)
        self.import_button.setEnabled(editable)
        self.delete_button.setEnabled(editable and row is not None
                                      and kind in ("area", "source"))
        if row is None:
            self.hint.setText(HINTS[kind] + " Choose one in the list to change its wording.")
            self.stack.setCurrentWidget(self.hint)
            self.uses.setText("")
            return
        self.stack.setCurrentWidget(self.pages[kind])
        for key, widget in self.inputs[kind].items():
            if widget.hasFocus():
                continue  # never overwrite what someone is typing
            value = getattr(row, key)
            if isinstance(widget, NotesEdit):
                if widget.toPlainText() != value:
                    widget.setPlainText(value)
            elif widget.text() != value:
                widget.setText(value)
        uses = _uses(kind, row)
        key = (f" Its key, \u201c{row.key}\u201d, stays: an imported framework file is "
               "matched to it by key." if kind == "domain" else "")
        self.uses.setText(
            f"The colour {row.rag.label} ({row.rag.letter}): what it is called and what it "
            "means in this project." if kind == "meaning" else
            (f"In use by {uses}: its wording can change; it cannot be removed while in use."
             if uses else "Not used yet.") + key)

    # -- edits --

    def _finished(self, kind: str, key: str, value: str) -> None:
        current = self.current()
        row = self._rows.get(current) if current else None
        if row is None or current[0] != kind or not self._editable:
            return
        if value != getattr(row, key):
            edit(self, UPDATE[kind], self._project, row.id, **{key: value})
        self._show_current()  # what is saved (a refused edit puts the old value back)

    def _add(self, kind: str, operation, base: str) -> None:
        if not self._editable or self._project is None:
            return
        taken = {_name(k, r).casefold() for (k, _), r in self._rows.items() if k == kind}
        name, n = base, 2
        while name.casefold() in taken:
            name, n = f"{base} {n}", n + 1
        made = []
        if edit(self, lambda: made.append(operation(self._project, name))):
            self.select(kind, made[0])
            field = self.inputs[kind]["name"]
            field.setFocus()
            field.selectAll()

    def _add_area(self) -> None:
        self._add("area", fe.add_area, "New system-wide area")

    def _add_source(self) -> None:
        self._add("source", fe.add_source, "New evidence source")

    def _delete(self) -> None:
        current = self.current()
        if not self._editable or current is None or current[1] is None:
            return
        operation = {"area": fe.delete_area, "source": fe.delete_source}.get(current[0])
        if operation is not None:
            edit(self, operation, self._project, current[1])

    def _import(self) -> None:
        if not self._editable or self._project is None:
            return
        path = dialogs.open_path(self, self._project.path.parent, "Import Framework File",
                                 dialogs.FRAMEWORK_FILTER)
        if path is None:
            return
        try:
            result = fe.import_framework(self._project, path)
        except EDIT_ERRORS as exc:
            dialogs.error(self, str(exc), "Framework not imported")
            return
        kept = (" Kept because they are in use: " + ", ".join(result.kept) + "."
                if result.kept else "")
        dialogs.info(self, f"Imported \u201c{result.name}\u201d, version {result.version}: "
                           f"{result.added} added, {result.removed} removed, the rest "
                           f"re-worded.{kept} Edit \u25b8 Undo takes the import back.",
                     "Framework imported")
