"""The icons: one for every section and menu action, valid SVG, drawn in the palette's text
colour (so a dark theme gets light icons), and the app icon files made from csdesk.svg."""

import importlib.util
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QAbstractButton

from csdesk.resource_path import resource
from csdesk.ui.app import make_app
from csdesk.ui.icons import (
    ACTION_ICONS, APP_ICON_SIZES, SECTION_ICONS, app_icon, svg_text, themed_icon,
)
from csdesk.ui.sections import SECTIONS
from csdesk.ui.sidebar import Sidebar

REPO = Path(__file__).resolve().parents[1]
LINE_ICONS = SECTION_ICONS + ACTION_ICONS


@pytest.fixture
def palette():
    """Lets a test set the application palette; puts the old one back after it."""
    make_app()
    old = QPalette(QGuiApplication.palette())
    yield
    QGuiApplication.setPalette(old)


def opaque_colours(icon: QIcon, mode=QIcon.Mode.Normal, size=32) -> set[str]:
    image = icon.pixmap(QSize(size, size), mode).toImage()
    return {image.pixelColor(x, y).name() for x in range(image.width())
            for y in range(image.height()) if image.pixelColor(x, y).alpha() == 255}


def set_text_colours(text: str, highlighted: str, window: str) -> None:
    palette = QPalette(QGuiApplication.palette())
    palette.setColor(QPalette.ColorRole.WindowText, QColor(text))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor(highlighted))
    palette.setColor(QPalette.ColorRole.Window, QColor(window))
    palette.setColor(QPalette.ColorRole.Base, QColor(window))
    QGuiApplication.setPalette(palette)


@pytest.mark.parametrize("name", LINE_ICONS)
def test_every_line_icon_is_a_valid_svg_in_the_text_colour(qapp, name):
    text = svg_text(name)
    assert QSvgRenderer(resource("icons", f"{name}.svg").as_posix()).isValid()
    assert 'viewBox="0 0 24 24"' in text and "<title>" in text
    assert "currentColor" in text and "#" not in text  # no fixed colour: it follows the theme
    icon = themed_icon(name)
    assert not icon.isNull()
    assert not icon.pixmap(16).isNull()
    sharp = icon.pixmap(QSize(16, 16), 1.5)  # at 150 % scaling: drawn at 24 px, not blown up
    assert (sharp.width(), sharp.devicePixelRatio()) == (24, 1.5)
    assert len(opaque_colours(icon)) == 1  # drawn in one colour, with solid pixels at 32 px


def test_every_section_has_its_icon_in_the_sidebar(qtbot):
    make_app()
    sidebar = Sidebar()
    qtbot.addWidget(sidebar)
    assert set(SECTION_ICONS) == {section.key for section in SECTIONS}
    for section in SECTIONS:
        item = sidebar._items[section.key]
        assert item.text(0) == section.title  # the icon is never the only label
        assert not item.icon(0).isNull()
        assert item.icon(0).name() == section.key


def test_the_sidebar_icons_grow_with_the_text(qtbot):
    make_app()
    sidebar = Sidebar()
    qtbot.addWidget(sidebar)
    small = sidebar.iconSize().height()
    font = sidebar.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    sidebar.setFont(font)
    assert sidebar.iconSize().height() >= 1.8 * small
    assert sidebar.iconSize().height() == sidebar.fontMetrics().height()


def test_a_dark_palette_redraws_the_icons_light(palette):
    icon = themed_icon("values")
    set_text_colours(text="#101010", highlighted="#fefefe", window="#f0f0f0")
    light = icon.pixmap(32).toImage()
    assert opaque_colours(icon) == {"#101010"}
    set_text_colours(text="#e6e6e6", highlighted="#000000", window="#202020")
    assert icon.pixmap(32).toImage() != light  # the same QIcon, drawn anew
    assert opaque_colours(icon) == {"#e6e6e6"}
    assert opaque_colours(icon, QIcon.Mode.Selected) == {"#e6e6e6"}  # see icon_colour


def test_a_palette_change_repaints_the_sidebar_with_light_icons(qtbot, palette):
    set_text_colours(text="#101010", highlighted="#ffffff", window="#f0f0f0")
    sidebar = Sidebar()
    qtbot.addWidget(sidebar)
    sidebar.resize(300, 400)
    sidebar.show()
    qtbot.waitExposed(sidebar)
    rect = sidebar.visualItemRect(sidebar._items["values"])
    rect.setWidth(rect.height())  # the icon's end of the row (the item is not selected)

    def pixels(dark: bool) -> int:
        image = sidebar.viewport().grab(rect).toImage()
        return sum((image.pixelColor(x, y).lightness() < 60) == dark
                   for x in range(image.width()) for y in range(image.height()))

    # Dark strokes on a light ground, then, with no call to the sidebar, light on dark.
    assert 10 < pixels(dark=True) < pixels(dark=False)
    set_text_colours(text="#f0f0f0", highlighted="#000000", window="#202020")
    qtbot.waitUntil(lambda: 10 < pixels(dark=False) < pixels(dark=True))


def test_menu_actions_have_their_icons(window):
    by_name = {action.objectName(): action for action in window.actions()}
    for name in ACTION_ICONS:
        assert not by_name[name].icon().isNull(), name
        assert by_name[name].text()  # menus show the words beside the icon
    for section in SECTIONS:
        assert by_name[f"go_{section.key}"].icon().name() == section.key


def test_icon_only_buttons_have_accessible_names(window, demo_file):
    assert window.open_path(demo_file)
    for section in SECTIONS:
        window.show_section(section.key)
        for button in window.findChildren(QAbstractButton):
            if button.objectName().startswith("qt_"):  # Qt's own, e.g. the menu bar's »
                continue
            if not button.icon().isNull() and not button.text().strip():
                assert button.accessibleName(), button


def test_the_window_icon_is_the_app_icon(qapp):
    icon = app_icon()
    assert not icon.isNull()
    assert {s.width() for s in icon.availableSizes()} == set(APP_ICON_SIZES)


def _make_icons():
    path = REPO / "installer" / "make_icons.py"
    spec = importlib.util.spec_from_file_location("csdesk_make_icons", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_app_icon_files_are_made_from_csdesk_svg(qapp):
    make_icons = _make_icons()
    assert set(APP_ICON_SIZES) == set(make_icons.PNG_SIZES)
    assert min(APP_ICON_SIZES) == 16 and max(APP_ICON_SIZES) == 512
    for size in APP_ICON_SIZES:
        with Image.open(resource("icons", f"csdesk-{size}.png")) as png:
            assert png.size == (size, size)
    # The committed PNGs are the current SVG's: run installer/make_icons.py after editing it.
    drawn = make_icons.render(make_icons.SOURCE, 64)
    with Image.open(resource("icons", "csdesk-64.png")) as png:
        committed = png.convert("RGBA")
    worst = max(abs(committed.getpixel((x, y))[c] - drawn.pixelColor(x, y).getRgb()[c])
                for x in range(64) for y in range(64) for c in range(4))
    assert worst <= 8
    with Image.open(resource("icons", "csdesk.ico")) as ico:
        assert ico.format == "ICO"
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    with Image.open(resource("icons", "csdesk.icns")) as icns:
        assert icns.format == "ICNS"
        assert {(128, 128, 1), (256, 256, 1), (512, 512, 1), (512, 512, 2)} <= set(
            icns.info["sizes"])
