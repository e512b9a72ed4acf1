"""The "Develop a plan" wizard: from the Red and Amber cells of the latest round that no
action addresses, draft actions (one a gap, or one a group of gaps), let the user edit,
accept or skip each, and add the accepted ones to the plan as one edit (one Undo).

Keyboard only: Space ticks gaps in the tree, Alt+A accepts a draft, Alt+S skips it, and
each moves on to the next draft; Alt+N / Enter go on, Finish adds the accepted drafts."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QHBoxLayout, QLineEdit, QListWidget, QPushButton,
    QRadioButton, QTreeWidgetItem, QVBoxLayout, QWizard, QWizardPage,
)

from ..models import Priority
from ..services import mapping, plan_view
from ..services.plan_drafts import Draft, accept_drafts, draft_actions
from ..services.plan_view import GapGroup
from ..services.project import OpenProject
from .plan_widgets import DATE_HINT, TickTree, date_text, parse_date, with_message
from .undo import edit
from .widgets import NotesEdit, paragraph

TO_DECIDE, ACCEPTED, SKIPPED = "to decide", "accepted", "skipped"


class GapsPage(QWizardPage):
    """Which gaps to plan for, and one draft a gap or a group."""

    def __init__(self, groups: list[GapGroup]):
        super().__init__()
        self.setTitle("Gaps with no action yet")
        self.groups = groups
        layout = QVBoxLayout(self)
        total = sum(len(g.gaps) for g in groups)
        layout.addWidget(paragraph(
            f"{total} Red and Amber cells of the latest review round have no action yet, "
            "grouped by domain and journey. Untick any you do not want to plan for now "
            "(Space ticks and unticks)." if total else
            "Every Red and Amber cell of the latest review round already has an action (or "
            "no round has been rated yet). There is nothing to draft."))
        self.tree = TickTree()
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Gaps with no action, by domain and journey")
        for group in groups:
            top = QTreeWidgetItem([f"{group.title} ({len(group.gaps)})"])
            top.setFlags(top.flags() | Qt.ItemFlag.ItemIsUserCheckable
                         | Qt.ItemFlag.ItemIsAutoTristate)
            self.tree.addTopLevelItem(top)
            for gap in group.gaps:
                item = QTreeWidgetItem([f"{gap.label}: {gap.rating_words}"])
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(0, Qt.CheckState.Checked)
                top.addChild(item)
            top.setExpanded(True)
        layout.addWidget(self.tree, 1)
        self.per_gap = QRadioButton("One draft action for &each gap")
        self.per_group = QRadioButton("One draft action for each &group of gaps "
                                      "(a domain in one journey)")
        self.per_gap.setChecked(True)
        layout.addWidget(self.per_gap)
        layout.addWidget(self.per_group)
        if self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))

    def chosen(self) -> list[GapGroup]:
        out = []
        for i, group in enumerate(self.groups):
            top = self.tree.topLevelItem(i)
            gaps = tuple(g for j, g in enumerate(group.gaps)
                         if top.child(j).checkState(0) == Qt.CheckState.Checked)
            if gaps:
                out.append(GapGroup(group.domain, group.journey, gaps))
        return out

    def isComplete(self) -> bool:
        return bool(self.groups)


class DraftsPage(QWizardPage):
    """Each draft in turn: edit it, accept it or skip it."""

    def __init__(self, project: OpenProject):
        super().__init__()
        self._project = project
        self.setTitle("Draft actions")
        self.drafts: list[Draft] = []
        self.decisions: list[str] = []
        layout = QVBoxLayout(self)
        layout.addWidget(paragraph(
            "Edit each draft, then accept it (Alt+A) or skip it (Alt+S); either moves on to "
            "the next. Nothing is added to the plan until you press Finish, and then all the "
            "accepted drafts are one step Edit > Undo can take back."))
        self.list = QListWidget()
        self.list.setAccessibleName("Draft actions")
        self.list.currentRowChanged.connect(self._show)
        layout.addWidget(self.list, 1)
        form = QFormLayout()
        self.title = QLineEdit()
        self.lead = QComboBox()
        self.owner = QLineEdit()
        self.due = QLineEdit()
        self.due.setToolTip(DATE_HINT)
        self.due.setPlaceholderText("none")
        self.priority = QComboBox()
        for p in Priority:
            self.priority.addItem(p.value.capitalize(), p)
        self.description = NotesEdit()
        self.gaps = QListWidget()
        self.gaps.setWordWrap(True)
        self.gaps.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.gaps.setMaximumHeight(self.gaps.fontMetrics().lineSpacing() * 7)  # the list grows
        due_row, self.due_message = with_message(self.due)
        for label, widget, row in (
                ("&Title", self.title, self.title), ("&Lead agency", self.lead, self.lead),
                ("O&wner (a role)", self.owner, self.owner), ("D&ue date", self.due, due_row),
                ("Pr&iority", self.priority, self.priority),
                ("Descri&ption", self.description, self.description),
                ("Gaps", self.gaps, self.gaps)):
            widget.setAccessibleName(label.replace("&", ""))
            form.addRow(label, row)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.accept_button = QPushButton("&Accept draft")
        self.accept_button.clicked.connect(lambda: self._decide(ACCEPTED))
        self.skip_button = QPushButton("&Skip draft")
        self.skip_button.clicked.connect(lambda: self._decide(SKIPPED))
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.skip_button)
        buttons.addStretch()
        layout.addLayout(buttons)
        self.title.editingFinished.connect(lambda: self._keep(title=self.title.text().strip()
                                                              or self._current().title))
        self.owner.editingFinished.connect(lambda: self._keep(owner_role=self.owner.text()))
        self.lead.activated.connect(lambda _: self._keep(lead_agency_id=self.lead.currentData()))
        self.priority.activated.connect(lambda _: self._keep(priority=self.priority.currentData()))
        self.description.editingFinished.connect(
            lambda: self._keep(description=self.description.toPlainText()))
        self.due.editingFinished.connect(self._keep_due)
        self._agencies = [(None, "No lead agency")] + [(a.id, a.name)
                                                       for a in mapping.agencies(project)]
        for agency_id, name in self._agencies:
            self.lead.addItem(name, agency_id)

    def set_drafts(self, drafts: list[Draft]) -> None:
        self.drafts = list(drafts)
        self.decisions = [TO_DECIDE] * len(drafts)
        self.list.clear()
        for i in range(len(drafts)):
            self.list.addItem("")
            self._label(i)
        if drafts:
            self.list.setCurrentRow(0)
        self.completeChanged.emit()

    def _label(self, i: int) -> None:
        self.list.item(i).setText(f"{i + 1}. {self.drafts[i].title} [{self.decisions[i]}]")

    def _current(self) -> Draft:
        return self.drafts[self.list.currentRow()]

    def _show(self, row: int) -> None:
        if not (0 <= row < len(self.drafts)):
            return
        d = self.drafts[row]
        self.title.setText(d.title)
        self.lead.setCurrentIndex(max(0, self.lead.findData(d.lead_agency_id)))
        self.owner.setText(d.owner_role)
        self.due.setText(date_text(d.due_on))
        self.due_message.say("")
        self.priority.setCurrentIndex(self.priority.findData(d.priority))
        self.description.setPlainText(d.description)
        self.gaps.clear()
        self.gaps.addItems([g.words for g in d.gaps])

    def _keep(self, **changes) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.drafts):
            self.drafts[row] = self.drafts[row].edited(**changes)
            self._label(row)

    def _keep_due(self) -> bool:
        try:
            due = parse_date(self.due.text(), "The due date")
        except ValueError as exc:
            self.due_message.say(str(exc))
            return False
        self.due_message.say("")
        self._keep(due_on=due)
        return True

    def _decide(self, decision: str) -> None:
        row = self.list.currentRow()
        if not (0 <= row < len(self.drafts)):
            return
        # What is being typed counts: take every field as it stands.
        if not self._keep_due():
            self.due.setFocus()
            return
        self._keep(title=self.title.text().strip() or self.drafts[row].title,
                   owner_role=self.owner.text(), description=self.description.toPlainText())
        self.decisions[row] = decision
        self._label(row)
        undecided = [i for i in range(len(self.drafts)) if self.decisions[i] == TO_DECIDE]
        later = [i for i in undecided if i > row] or undecided
        if later:
            self.list.setCurrentRow(later[0])
            self.title.setFocus()
            self.title.selectAll()
        self.completeChanged.emit()

    def accepted_drafts(self) -> list[Draft]:
        return [d for d, decision in zip(self.drafts, self.decisions) if decision == ACCEPTED]


class PlanWizard(QWizard):
    """Open it with .open() (window-modal, not blocking)."""

    def __init__(self, project: OpenProject, parent=None):
        super().__init__(parent)
        self._project = project
        self.setWindowTitle("Develop a plan")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.gaps_page = GapsPage(plan_view.gaps_without_action(project))
        self.drafts_page = DraftsPage(project)
        self.addPage(self.gaps_page)
        self.addPage(self.drafts_page)
        self.added: list[int] = []  # the new actions' ids, once finished
        em, line = self.fontMetrics().horizontalAdvance("M"), self.fontMetrics().lineSpacing()
        room = parent.window().size() if parent is not None else None
        width, height = em * 80, line * 48
        if room is not None and room.width() > em * 40:  # fit inside the main window
            width, height = min(width, room.width() * 9 // 10), min(height,
                                                                    room.height() * 9 // 10)
        self.resize(width, height)

    def initializePage(self, page_id: int) -> None:
        if self.page(page_id) is self.drafts_page:
            self.drafts_page.set_drafts(draft_actions(
                self._project, self.gaps_page.chosen(), self.gaps_page.per_group.isChecked()))
        super().initializePage(page_id)

    def accept(self) -> None:
        drafts = self.drafts_page.accepted_drafts()
        if drafts and not edit(self, lambda: self.added.extend(
                accept_drafts(self._project, drafts))):
            return  # the message said why; the drafts are still here to put right
        super().accept()
