"""Accessibility checks any screen, dialog or wizard can be run through.

    unnamed_controls(root) -> list[str]   controls a screen reader reaches with no name
    stray_mnemonics(root)  -> list[str]   labels that show a literal "&Save as"

Each returns one readable line per problem (class, objectName, where it sits), so a failing
test says what to fix. Both look only at what is visible now: show the screen first.

"Named" means what Qt's accessibility reports, which is what the AT-SPI bridge hands to Orca
(compare ../shared/tools/a11ytree): QAccessible's Name of the widget. That already counts a
button's or check box's own text, a QLabel buddy (QFormLayout.addRow("Label", field) makes
one) and, as Qt's last resort, the title of a QGroupBox the widget sits directly in. The one
exception is a combo box, whose Name on Linux is its current value (see _labelled).

The controls checked are those in the accessibility tree (what a screen reader walks) plus any
other that Tab can reach, less Qt's own inner parts; see controls().
"""

import re

from PySide6.QtGui import QAccessible, Qt  # QtGui's Qt also has mightBeRichText
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QDial, QFormLayout,
    QGroupBox, QKeySequenceEdit, QLabel, QLineEdit, QPlainTextEdit, QSlider, QTabBar, QTextEdit,
    QWidget,
)

# Widgets a person operates. (QDateEdit, QSpinBox ... are QAbstractSpinBox; QTreeView,
# QListWidget ... are QAbstractItemView; QToolButton, QCheckBox ... are QAbstractButton.)
# Scroll bars are left out on purpose: they belong to the view they scroll.
INTERACTIVE = (
    QAbstractButton, QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox,
    QAbstractItemView, QSlider, QDial, QTabBar, QKeySequenceEdit,
)

NAME = QAccessible.Text.Name


def accessible_name(widget: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(widget)
    return (iface.text(NAME) or "").strip() if iface is not None else ""


def _labelled(widget: QWidget) -> bool:
    """A combo box's Name is its current value on Linux (Qt reports its label through a
    'labelled by' relation instead), so a value alone does not make it named: it needs an
    accessible name of its own or a QLabel buddy."""
    if widget.accessibleName().strip():
        return True
    iface = QAccessible.queryAccessibleInterface(widget)
    return any(isinstance(other.object(), QLabel) and other.text(NAME).strip()
               for other, _ in iface.relations(QAccessible.RelationFlag.Label))


def is_named(widget: QWidget) -> bool:
    if isinstance(widget, QComboBox):
        return _labelled(widget)
    return bool(accessible_name(widget))


def reachable(root: QWidget) -> list[QWidget]:
    """The widgets in root's accessibility tree, i.e. what a screen reader can walk to.
    Qt's own inner parts (a spin box's line edit, a table's headers and corner button) are
    not in it: they are read through their owner. An editable combo box's line edit is."""
    found: list[QWidget] = []

    def walk(iface) -> None:
        obj = iface.object()
        if not isinstance(obj, QWidget):
            return
        found.append(obj)
        if isinstance(obj, QAbstractItemView):
            return  # its children are rows and cells, not widgets
        for i in range(iface.childCount()):
            child = iface.child(i)
            if child is not None:
                walk(child)

    top = QAccessible.queryAccessibleInterface(root)
    if top is not None:
        walk(top)
    return found


def _short(widget: QWidget) -> str:
    """Class, objectName and whatever words identify it."""
    text = f"{type(widget).__name__}"
    if widget.objectName():
        text += f" #{widget.objectName()}"
    if isinstance(widget, QComboBox) and not widget.accessibleName():
        return text + f" showing {widget.currentText()[:50]!r}"  # its Name on Linux
    words = widget.accessibleName() or accessible_name(widget)
    if not words and isinstance(widget, QGroupBox):
        words = widget.title()
    if words:
        text += f" {words[:50]!r}"
    return text


def _form_label(widget: QWidget) -> str:
    """The text of the form row label next to widget (or next to the field it is part of)."""
    w = widget
    while w is not None:
        parent = w.parentWidget()
        layout = parent.layout() if parent is not None else None
        if isinstance(layout, QFormLayout):
            label = layout.labelForField(w)
            if isinstance(label, QLabel) and label.text():
                return label.text()
        w = parent
    return ""


def describe(widget: QWidget) -> str:
    """e.g. "QLineEdit (no objectName) in QComboBox 'Protective marking' < QGroupBox
    'Project' < OverviewScreen #screen_overview; form label 'Protective &marking'"."""
    line = _short(widget)
    if not widget.objectName():
        line += " (no objectName)"
    chain, parent = [], widget.parentWidget()
    while parent is not None and len(chain) < 6:
        # Qt's anonymous plumbing (scroll area viewports, plain containers) says nothing.
        if type(parent) is not QWidget or parent.objectName() not in ("", "qt_scrollarea_viewport"):
            chain.append(_short(parent))
        if parent.objectName().startswith("screen_") or parent.isWindow():
            break
        parent = parent.parentWidget()
    if chain:
        line += " in " + " < ".join(chain)
    label = _form_label(widget)
    if label:
        line += f"; form label {label!r}"
    return line


def controls(root: QWidget) -> list[QWidget]:
    """The visible controls under root (root included) a person can reach: those in the
    accessibility tree, and any other a Tab can land on (say a combo box put in a table
    cell), leaving out Qt's own inner parts, whose object names start with "qt_"."""
    in_tree = set(reachable(root))
    tab = Qt.FocusPolicy.TabFocus.value
    return [w for w in [root, *root.findChildren(QWidget)]
            if isinstance(w, INTERACTIVE) and w.isVisible()
            and (w in in_tree or (w.focusPolicy().value & tab
                                  and not w.objectName().startswith("qt_")))]


def unnamed_controls(root: QWidget) -> list[str]:
    """Every visible control under root (root included) that a screen reader reaches but
    cannot name."""
    return [describe(w) for w in controls(root) if not is_named(w)]


# "&" then a mnemonic character, not "&&" (a literal ampersand). All-capital abbreviations
# such as "A&E" or "R&D" are words, not mnemonics.
_MNEMONIC = re.compile(r"&[^\s&]")
_ABBREVIATION = re.compile(r"\b[A-Z]&[A-Z]\b")
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def _is_rich(label: QLabel) -> bool:
    fmt = label.textFormat()
    return fmt == Qt.TextFormat.RichText or (
        fmt == Qt.TextFormat.AutoText and Qt.mightBeRichText(label.text()))


def stray_mnemonics(root: QWidget) -> list[str]:
    """Visible labels that show a literal '&': a mnemonic written for a buddy the label does
    not have (QFormLayout.addRow("&Save as", a_layout) gives the label no buddy)."""
    found = []
    for label in [root, *root.findChildren(QWidget)]:
        if not isinstance(label, QLabel) or not label.isVisible() or label.buddy() is not None:
            continue
        text = label.text()
        if _is_rich(label):
            text = _ENTITY.sub("", text)  # &amp; &nbsp; ... are how rich text writes them
        text = _ABBREVIATION.sub("", text.replace("&&", ""))
        if _MNEMONIC.search(text):
            found.append(f"{describe(label)}: shows {label.text()!r} with no buddy")
    return found


def problems(root: QWidget) -> list[str]:
    return ([f"unnamed control: {p}" for p in unnamed_controls(root)]
            + [f"stray mnemonic: {p}" for p in stray_mnemonics(root)])
