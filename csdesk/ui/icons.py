"""csdesk's line icons (resources/icons/NAME.svg), drawn in the palette's text colour.

The SVGs draw with stroke="currentColor". Each QIcon made here renders its SVG afresh with
currentColor replaced by the application palette's text colour (its disabled text colour when
disabled), so the icons follow a light or dark system theme, and a theme change while csdesk
runs, with no event handling in the widgets.
Rendering at the requested size and screen scale keeps them sharp at 150 % and on a projector."""

from functools import cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QIconEngine, QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from ..resource_path import resource
from .sections import SECTIONS

# Menu actions (by objectName) that have an icon of the same name; each section's icon is named
# by its key, and its Go menu action is go_<key>.
ACTION_ICONS = ("new", "open", "export", "undo", "redo", "zoom_in", "zoom_out", "zoom_reset")
SECTION_ICONS = tuple(section.key for section in SECTIONS)
APP_ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)  # resources/icons/csdesk-N.png
_CLONES: list[QIconEngine] = []


@cache
def svg_text(name: str) -> str:
    return resource("icons", f"{name}.svg").read_text(encoding="utf-8")


def icon_colour(mode: QIcon.Mode, palette: QPalette | None = None) -> str:
    """The colour an icon is drawn in, as #rrggbb, for its mode under palette (the app's).

    A selected row keeps the text colour, not HighlightedText: the Windows styles draw their own
    pale selection and keep the row's text dark, whatever the palette's HighlightedText (white)
    says, and a white icon there would vanish. Dark on Fusion's blue selection still reads."""
    palette = palette or QGuiApplication.palette()
    group = (QPalette.ColorGroup.Disabled if mode == QIcon.Mode.Disabled
             else QPalette.ColorGroup.Active)
    return palette.color(group, QPalette.ColorRole.WindowText).name()


def tinted_renderer(name: str, colour: str) -> QSvgRenderer:
    return QSvgRenderer(QByteArray(svg_text(name).replace("currentColor", colour).encode()))


class TintedSvgEngine(QIconEngine):
    """Draws one of the SVGs in the current palette's colour, at any size and scale."""

    def __init__(self, name: str):
        super().__init__()
        self._name = name
        self._valid = tinted_renderer(name, "#000000").isValid()  # isNull() is asked often
        self._pixmaps: dict[tuple, QPixmap] = {}  # keyed by colour too: a new palette misses

    def paint(self, painter: QPainter, rect: QRect, mode, state) -> None:
        tinted_renderer(self._name, icon_colour(mode)).render(painter, QRectF(rect))

    def scaledPixmap(self, size: QSize, mode, state, scale: float) -> QPixmap:
        key = (size.width(), size.height(), scale, icon_colour(mode))
        if key not in self._pixmaps:
            side = round(min(size.width(), size.height()) * scale)
            image = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            tinted_renderer(self._name, key[3]).render(painter, QRectF(0, 0, side, side))
            painter.end()
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(scale)
            self._pixmaps[key] = pixmap
        return self._pixmaps[key]

    def pixmap(self, size: QSize, mode, state) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def actualSize(self, size: QSize, mode, state) -> QSize:
        side = min(size.width(), size.height())  # square icons
        return QSize(side, side)

    def isNull(self) -> bool:
        return not self._valid

    def clone(self) -> QIconEngine:
        # Qt clones when a copy of the icon is changed (addPixmap). PySide6 does not hand the
        # returned engine's ownership to C++, so Python would delete it under Qt's feet: keep it.
        engine = TintedSvgEngine(self._name)
        _CLONES.append(engine)
        return engine

    def key(self) -> str:
        return "csdesk-tinted-svg"

    def iconName(self) -> str:
        return self._name


def themed_icon(name: str) -> QIcon:
    """resources/icons/NAME.svg as an icon that follows the palette."""
    return QIcon(TintedSvgEngine(name))


def decorate_actions(actions) -> None:
    """Give the menu actions that have an icon their icon (menus show it beside the text)."""
    for action in actions:
        name = action.objectName()
        if name in ACTION_ICONS or name.removeprefix("go_") in SECTION_ICONS:
            action.setIcon(themed_icon(name.removeprefix("go_")))


def app_icon() -> QIcon:
    """csdesk's own icon for its windows (and the taskbar), from the PNGs made from
    csdesk.svg by installer/make_icons.py: full colour, sharp at each size."""
    icon = QIcon()
    for size in APP_ICON_SIZES:
        icon.addFile(str(resource("icons", f"csdesk-{size}.png")), QSize(size, size))
    return icon
