"""The journey map on screen (csdesk/ui/map_view.py): it paints the layout's geometry where the
layout put it, in the layout's font widths; it is driven by mouse and keyboard and says what is
selected; it exports PNG and SVG pages that read back."""

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPalette, QWheelEvent
from PySide6.QtWidgets import QApplication

from csdesk import fonts
from csdesk.figures.journey_map import A4_LANDSCAPE, layout_journey
from csdesk.models import JourneyKind, LinkKind
from csdesk.report.journey_map import LABEL_FILL
from csdesk.services import mapping
from csdesk.services.journey_view import JourneyView, Lane, LinkView, StageView, journey_list
from csdesk.services.journey_view import journey_view as read_journey
from csdesk.services.project import OpenProject
from csdesk.ui.map_view import (
    PAPER_MARGIN, SCREEN_PAGE, MapView, export_png, export_svg, layout_for_screen, page_rect,
    qcolor, render_page, run_width, scroll_area,
)

from .a11y import problems

POLICE, CSC, EARLY_HELP = 1, 2, 3
WHITE = QColor(Qt.GlobalColor.white).rgb()


def small_journey() -> JourneyView:
    """Referral (police) -> screening (social care) -> a fork: assessment (social care) or
    early help (early help), sharing a column -> review (social care)."""
    def stage(i, name, lead, level=""):
        return StageView(id=100 + i, position=i, name=name, lead_agency_id=lead,
                         level_id=i if level else None, level_name=level, days=i + 1)

    stages = (stage(0, "Referral", POLICE), stage(1, "Screening", CSC, "Child in Need"),
              stage(2, "Assessment", CSC, "Child in Need"),
              stage(3, "Early help offer", EARLY_HELP, "Early Help"),
              stage(4, "Review", CSC, "Child Protection"))
    pairs = ((0, 1, LinkKind.NEXT), (1, 2, LinkKind.BRANCH), (1, 3, LinkKind.BRANCH),
             (2, 4, LinkKind.NEXT), (3, 4, LinkKind.NEXT))
    links = tuple(LinkView(id=n + 1, from_stage_id=100 + a, to_stage_id=100 + b, kind=k)
                  for n, (a, b, k) in enumerate(pairs))
    return JourneyView(id=1, kind=JourneyKind.CHILD, title="A small journey", stages=stages,
                       links=links, lanes=(Lane(POLICE, "Police"),
                                           Lane(CSC, "Children's social care"),
                                           Lane(EARLY_HELP, "Early help")))


@pytest.fixture(autouse=True)
def _app(qapp):
    """Fonts and painting need a QApplication, also in tests that show no widget."""
    return qapp


@pytest.fixture
def demo_child(demo_file):
    project = OpenProject.open(demo_file, readonly=True)
    try:
        child = next(j for j in journey_list(project) if j.kind == JourneyKind.CHILD)
        view = read_journey(project, child.id)
        order = [level.id for level in mapping.levels(project)]
    finally:
        project.close()
    assert len(view.stages) >= 5
    return view, order


@pytest.fixture
def small_view(qtbot):
    view = MapView()
    view.set_journey(small_journey())
    qtbot.addWidget(view)
    view.resize(view.sizeHint())
    with qtbot.waitExposed(view):
        view.show()
    return view


# --- painting --------------------------------------------------------------------------------

def test_qt_draws_the_layouts_text_at_the_layouts_widths(demo_child):
    view, order = demo_child
    page = layout_for_screen(view, order).pages[0]
    runs = [r for box in page.boxes for r in box.lines] + list(page.key) + [page.title] + \
        [r for lane in page.lanes for r in lane.label] + [r for s in page.stubs for r in s.lines]
    assert {r.font for r in runs} == {fonts.FONT, fonts.BOLD, fonts.ITALIC}
    for run in runs:
        assert run_width(run) == pytest.approx(run.width, abs=0.02), run.text


def pixel_at(image: QImage, paper, scale: float, x: float, y: float) -> int:
    """The pixel of a rendered page (render_page) at a point of the page."""
    return image.pixel(round((x - paper.x()) * scale), round((y - paper.y()) * scale))


def test_a_painted_page_has_ink_in_every_box_and_white_paper_round_the_map(demo_child):
    view, order = demo_child
    for figure in (layout_for_screen(view, order), layout_journey(view, A4_LANDSCAPE, order)):
        for page in figure.pages:
            scale = 2.0
            image = render_page(page, scale)
            paper = page_rect(page)
            assert (image.width(), image.height()) == (round(paper.width() * scale),
                                                        round(paper.height() * scale))
            for box in page.boxes:
                inside = [pixel_at(image, paper, scale, box.x + box.band_width + 2 + i * 0.5,
                                   box.y + j * 0.5)
                          for i in range(int((box.w - box.band_width - 4) * 2))
                          for j in range(2, int(box.h * 2) - 2)]
                dark = [p for p in inside if QColor(p).lightness() < 128]
                assert len(dark) > 20, box.stage_id  # the name, level and time in ink
                if box.level_index is not None:  # the level band is tinted, not white
                    assert pixel_at(image, paper, scale, box.x + box.band_width / 2,
                                    box.y + box.h / 2) != WHITE
            # the margins round the map (and its title) are white paper
            margin = int(PAPER_MARGIN * scale) - 2
            strips = [image.copy(0, 0, image.width(), margin),
                      image.copy(0, image.height() - margin, image.width(), margin),
                      image.copy(0, 0, margin, image.height()),
                      image.copy(image.width() - margin, 0, margin, image.height())]
            for strip in strips:
                colours = {strip.pixel(x, y) for x in range(strip.width())
                           for y in range(0, strip.height(), 3)}
                assert colours == {WHITE}


def test_the_selected_stage_is_marked_by_shape_in_the_highlight_colour():
    page = layout_for_screen(small_journey()).pages[0]
    box = page.box(102)
    plain, marked = render_page(page, 4.0), render_page(page, 4.0, selected=102)
    paper = page_rect(page)

    def at(image, x, y):
        return QColor(pixel_at(image, paper, 4.0, x, y))

    ring = (box.x + box.w / 2, box.y - 2.1)  # just outside the top edge
    assert at(plain, *ring).rgb() != at(marked, *ring).rgb()
    assert at(marked, *ring).blue() > at(marked, *ring).red() + 60  # the default highlight
    border = (box.x + box.w / 2, box.y + 0.4)  # just inside: the border is heavier
    assert at(marked, *border).lightness() < 60 < at(plain, *border).lightness()
    other = page.box(104)  # nothing else changes
    centre = (other.x + other.w / 2, other.y - 2.1)
    assert at(plain, *centre).rgb() == at(marked, *centre).rgb()


def test_the_page_stays_paper_white_in_a_dark_palette(qtbot):
    view = MapView()
    view.set_journey(small_journey())
    dark = QPalette(QColor("#202020"))
    view.setPalette(dark)
    qtbot.addWidget(view)
    view.resize(view.sizeHint())
    image = view.grab().toImage()
    assert QColor(image.pixel(2, 2)).lightness() < 60  # the desk round the page
    s = view.pixels_per_point()
    paper = page_rect(view.figure.pages[0])
    inside = QPoint(round((10 + 3) * s), round((10 + 3) * s))  # SCENE_MARGIN + a little
    assert image.pixel(inside) == WHITE
    assert paper.width() > 0


# --- the widget ------------------------------------------------------------------------------

def test_it_says_what_it_is(small_view, qtbot):
    assert small_view.accessibleName() == "Journey map"
    assert "Arrow keys" in small_view.accessibleDescription()
    assert small_view.focusPolicy() == Qt.FocusPolicy.StrongFocus
    view = MapView()
    view.set_journey(small_journey())
    area = scroll_area(view)
    qtbot.addWidget(area)
    with qtbot.waitExposed(area):
        area.show()
    assert problems(area) == []


def test_arrow_keys_follow_columns_and_lanes_and_enter_opens(small_view, qtbot):
    selected, activated = [], []
    small_view.stage_selected.connect(selected.append)
    small_view.stage_activated.connect(activated.append)
    small_view.clearFocus()
    assert small_view.selected_stage() is None
    small_view.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: small_view.selected_stage() == 100)  # the first stage on arrival
    steps = [(Qt.Key.Key_Right, 101), (Qt.Key.Key_Right, 102), (Qt.Key.Key_Down, 103),
             (Qt.Key.Key_Down, 103), (Qt.Key.Key_Right, 104), (Qt.Key.Key_Right, 104),
             (Qt.Key.Key_Left, 102), (Qt.Key.Key_Up, 100), (Qt.Key.Key_End, 104),
             (Qt.Key.Key_Home, 100), (Qt.Key.Key_Right, 101)]
    for key, expected in steps:
        qtbot.keyClick(small_view, key)
        assert small_view.selected_stage() == expected, key
    assert selected == [100, 101, 102, 103, 104, 102, 100, 104, 100, 101]  # only changes
    qtbot.keyClick(small_view, Qt.Key.Key_Down)
    assert small_view.selected_stage() == 103
    assert small_view.accessibleDescription() == \
        "Selected: Early help offer, Early help, Early Help"
    with qtbot.waitSignal(small_view.stage_activated) as blocker:
        qtbot.keyClick(small_view, Qt.Key.Key_Return)
    assert blocker.args == [103] and activated == [103]
    qtbot.keyClick(small_view, Qt.Key.Key_Up)
    assert small_view.accessibleDescription() == \
        "Selected: Assessment, Children's social care, Child in Need"
    qtbot.keyClick(small_view, Qt.Key.Key_Up)
    assert small_view.accessibleDescription() == "Selected: Referral, Police, level not set"


def test_a_click_selects_a_box_and_a_double_click_opens_it(small_view, qtbot):
    rect = small_view.stage_rect(103)
    with qtbot.waitSignal(small_view.stage_selected) as blocker:
        qtbot.mouseClick(small_view, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert blocker.args == [103] and small_view.selected_stage() == 103
    assert small_view.hasFocus()
    # a click on no box keeps the selection
    qtbot.mouseClick(small_view, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
    assert small_view.selected_stage() == 103
    rect = small_view.stage_rect(104)
    with qtbot.waitSignal(small_view.stage_activated) as blocker:
        qtbot.mouseDClick(small_view, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert blocker.args == [104] and small_view.selected_stage() == 104


def test_a_new_layout_keeps_the_selection_while_the_stage_is_there(small_view):
    small_view.select_stage(102)
    journey = small_journey()
    small_view.set_journey(journey)
    assert small_view.selected_stage() == 102
    fewer = JourneyView(id=1, kind=journey.kind, title=journey.title,
                        stages=journey.stages[:2], lanes=journey.lanes)
    small_view.set_journey(fewer)
    assert small_view.selected_stage() is None
    assert not small_view.select_stage(102)
    empty = JourneyView(id=1, kind=journey.kind, title="Nothing yet", lanes=journey.lanes)
    small_view.set_journey(empty)
    assert small_view.stage_ids() == [] and not small_view.sizeHint().isEmpty()
    small_view.setFocus(Qt.FocusReason.TabFocusReason)
    small_view.grab()
    assert small_view.selected_stage() is None
    small_view.set_figure(None)
    assert small_view.stage_ids() == [] and small_view.sizeHint().isEmpty()


def test_view_zoom_on_the_application_font_scales_the_map_too(small_view, qapp):
    key = "csdesk_base_point_size"
    had, font = qapp.property(key), qapp.font()
    if had is None:
        qapp.setProperty(key, font.pointSizeF())
    base_size = float(qapp.property(key))
    try:
        base = qapp.font()
        base.setPointSizeF(base_size)
        qapp.setFont(base)
        before = small_view.sizeHint()
        bigger = qapp.font()
        bigger.setPointSizeF(base_size * 1.5)
        qapp.setFont(bigger)  # what View > Zoom does
        QApplication.processEvents()
        assert small_view.pixels_per_point() == pytest.approx(
            1.5 * small_view.logicalDpiY() / 72)
        assert small_view.sizeHint().width() == pytest.approx(before.width() * 1.5, abs=1)
        assert small_view.zoom() == 1  # the map's own zoom is separate
    finally:
        qapp.setFont(font)
        if had is None:
            qapp.setProperty(key, None)


def test_zoom_scales_the_size_hint_and_plus_minus_keys_zoom(small_view, qtbot):
    base = small_view.sizeHint()
    small_view.zoom_in()
    zoom = small_view.zoom()
    assert zoom > 1
    hint = small_view.sizeHint()
    assert hint.width() == pytest.approx(base.width() * zoom, abs=1)
    assert hint.height() == pytest.approx(base.height() * zoom, abs=1)
    small_view.reset_zoom()
    assert small_view.sizeHint() == base
    small_view.setFocus()
    qtbot.keyClick(small_view, Qt.Key.Key_Minus)
    assert small_view.zoom() < 1
    qtbot.keyClick(small_view, Qt.Key.Key_Plus)
    qtbot.keyClick(small_view, Qt.Key.Key_Plus)
    assert small_view.zoom() > 1
    qtbot.keyClick(small_view, Qt.Key.Key_0)
    assert small_view.zoom() == 1
    # Ctrl+= and Ctrl+- are View > Zoom's: the map leaves them alone
    qtbot.keyClick(small_view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert small_view.zoom() == 1
    for _ in range(40):
        small_view.zoom_out()
    assert small_view.zoom() > 0 and not small_view.sizeHint().isEmpty()


def test_ctrl_wheel_zooms_a_plain_wheel_scrolls(qtbot):
    view = MapView()
    view.set_journey(small_journey())
    area = scroll_area(view)
    qtbot.addWidget(area)
    area.resize(300, 200)
    with qtbot.waitExposed(area):
        area.show()

    def wheel(modifiers) -> bool:
        event = QWheelEvent(QPointF(50, 50), QPointF(area.mapToGlobal(QPoint(50, 50))),
                            QPoint(0, 0), QPoint(0, -120), Qt.MouseButton.NoButton,
                            modifiers, Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(view, event)
        return event.isAccepted()

    # a plain wheel is left to the scroll area (Qt passes an ignored wheel event up)
    assert not wheel(Qt.KeyboardModifier.NoModifier)
    assert view.zoom() == 1
    assert wheel(Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() < 1
    assert view.size().width() >= view.sizeHint().width()


def test_moving_the_selection_scrolls_it_into_view(qtbot, demo_child):
    journey, order = demo_child
    view = MapView()
    view.set_journey(journey, order)
    area = scroll_area(view)
    qtbot.addWidget(area)
    area.resize(400, 300)
    with qtbot.waitExposed(area):
        area.show()
    view.setFocus(Qt.FocusReason.TabFocusReason)
    for _ in range(len(journey.stages)):
        qtbot.keyClick(view, Qt.Key.Key_Right)
    rect = view.stage_rect(view.selected_stage())
    shown = area.viewport().rect().translated(area.horizontalScrollBar().value(),
                                              area.verticalScrollBar().value())
    assert shown.intersects(rect.toRect())
    assert area.horizontalScrollBar().value() > 0


def test_lane_names_stay_in_view_when_the_map_scrolls_right(qtbot, demo_child):
    journey, order = demo_child
    view = MapView()
    view.set_journey(journey, order)
    area = scroll_area(view)
    qtbot.addWidget(area)
    area.resize(500, 400)
    with qtbot.waitExposed(area):
        area.show()
    page = view.figure.pages[0]
    lane = page.lanes[0]
    s = view.pixels_per_point()

    def left_column_colour() -> QColor:
        image = view.grab().toImage()
        x = area.horizontalScrollBar().value() + 3
        y = round((10 + 12 + 22 + lane.y + lane.height - 3) * s)  # margins, title room
        return QColor(image.pixel(x, y))

    label_fill = qcolor(LABEL_FILL)
    assert left_column_colour() != label_fill  # the desk and paper margin at the left
    area.horizontalScrollBar().setValue(area.horizontalScrollBar().maximum() // 2)
    QApplication.processEvents()
    assert left_column_colour() == label_fill
    # a click there is on the lane names, not on a box hidden under them
    x = area.horizontalScrollBar().value() + 3
    assert all(view.stage_at(QPointF(x, y)) is None for y in range(0, view.height(), 5))


# --- export ----------------------------------------------------------------------------------

def svg_texts(path) -> list[str]:
    ns = "{http://www.w3.org/2000/svg}"
    return [el.text or "" for el in ET.parse(path).getroot().iter(f"{ns}text")]


def test_svg_export_keeps_every_stage_name_as_text(demo_child, tmp_path):
    view, order = demo_child
    (path,) = export_svg(layout_for_screen(view, order), tmp_path / "map.svg")
    assert path == tmp_path / "map.svg"
    words = " ".join(svg_texts(path))
    for stage in view.stages:
        assert stage.name in words
    assert view.title in words
    root = ET.parse(path).getroot()
    assert root.get("viewBox").split()[2:] == [str(int(page_rect(
        layout_for_screen(view, order).pages[0]).width())), root.get("viewBox").split()[3]]
    # on paper: one SVG a page, every stage on one of them
    paths = export_svg(layout_journey(view, A4_LANDSCAPE, order), tmp_path / "a4.svg")
    assert len(paths) > 1 and [p.name for p in paths][:2] == ["a4-1.svg", "a4-2.svg"]
    words = " ".join(" ".join(svg_texts(p)) for p in paths)
    assert all(stage.name in words for stage in view.stages)
    assert not list(tmp_path.glob("*.part"))


def test_png_export_writes_pages_of_the_expected_size(demo_child, tmp_path):
    view, order = demo_child
    figure = layout_for_screen(view, order)
    assert len(figure.pages) == 1 and figure.spec == SCREEN_PAGE
    for scale in (1.0, 2.0):
        (path,) = export_png(figure, tmp_path / f"map{scale}.png", scale)
        image = QImage(str(path))
        assert not image.isNull()
        paper = page_rect(figure.pages[0])
        assert (image.width(), image.height()) == (round(paper.width() * scale),
                                                    round(paper.height() * scale))
        assert image.dotsPerMeterX() == round(scale * 72 / 0.0254)
    a4 = layout_journey(view, A4_LANDSCAPE, order)
    paths = export_png(a4, tmp_path / "a4.png", 1.5)
    assert [p.name for p in paths] == [f"a4-{n}.png" for n in range(1, len(a4.pages) + 1)]
    for page, path in zip(a4.pages, paths, strict=True):
        image = QImage(str(path))
        assert image.width() == round(page_rect(page).width() * 1.5)
    assert not list(tmp_path.glob("*.part"))
    with pytest.raises(ValueError):
        export_png(figure, tmp_path / "bad.png", 0)


# --- Arabic ------------------------------------------------------------------------------------

ARABIC_NAME = "الإحالة والتقييم الأولي للطفل"  # referral and first assessment of the child
ARABIC_CONTEXT = "مخاوف بشأن الحديقة"  # concerns about the park


def arabic_journey() -> JourneyView:
    stages = (StageView(id=1, position=0, name=ARABIC_NAME, lead_agency_id=POLICE,
                        level_id=1, level_name="حماية الطفل", days=3),)
    trigger = LinkView(id=1, from_stage_id=1, to_stage_id=99, kind=LinkKind.TRIGGERS_CONTEXT,
                       other_journey_id=2, other_journey_title="رحلة الحديقة",
                       other_stage_name=ARABIC_CONTEXT)
    return JourneyView(id=1, kind=JourneyKind.CHILD, title="رحلة الطفل", stages=stages,
                       links=(trigger,), lanes=(Lane(POLICE, "الشرطة"),))


def test_an_arabic_stage_name_is_joined_right_to_left_and_stays_in_its_box(tmp_path):
    from PySide6.QtGui import QFontMetricsF, QRawFont, QTextLayout

    from csdesk.ui.map_view import TEXT_SCALE, qt_font

    figure = layout_for_screen(arabic_journey())
    page = figure.pages[0]
    (box,) = page.boxes
    name = [r for r in box.lines if r.font == fonts.BOLD]
    assert " ".join(r.text for r in name) == ARABIC_NAME  # words whole, in reading order
    for run in box.lines:
        assert box.x <= run.x and run.x + run.width <= box.x + box.w
        # Qt joins the letters (other glyphs than the letters' own) and sets them right to
        # left, and the joined line is no wider than the room the layout measured for it
        font = qt_font(run.font, run.size)
        assert QFontMetricsF(font).horizontalAdvance(run.text) / TEXT_SCALE <= run.width + 0.02
        letters = [c for c in run.text if "\u0600" <= c <= "\u06ff"]
        if not letters:
            continue
        layout = QTextLayout(run.text, font)
        layout.beginLayout()
        layout.createLine()
        layout.endLayout()
        arabic = [g for g in layout.glyphRuns() if g.isRightToLeft()]
        assert arabic, run.text
        shaped = sorted(i for g in arabic for i in g.glyphIndexes())
        assert 0 not in shaped  # no empty boxes
        assert shaped != sorted(QRawFont.fromFont(font).glyphIndexesForString("".join(letters)))
    # the stub naming the Arabic context stage: the oblique face has no Arabic, so upright
    (stub,) = page.stubs
    assert ARABIC_CONTEXT in " ".join(r.text for r in stub.lines)
    assert {r.font for r in stub.lines} == {fonts.FONT}

    (png,) = export_png(figure, tmp_path / "arabic.png", 2.0)
    image, paper = QImage(str(png)), page_rect(page)
    assert not image.isNull()
    # level with the box, every bit of ink right of the lane labels is inside the box
    ink_x = [x / 2 + paper.x() for y in range(int((box.y - paper.y()) * 2) + 2,
                                                int((box.bottom - paper.y()) * 2) - 2)
             for x in range(int((page.label_width + 1 - paper.x()) * 2), image.width())
             if QColor(image.pixel(x, y)).lightness() < 100]
    assert ink_x and box.x - 1 <= min(ink_x) and max(ink_x) <= box.right + 1

    (svg,) = export_svg(figure, tmp_path / "arabic.svg")
    words = " ".join(svg_texts(svg))
    assert all(r.text in words for r in name) and ARABIC_CONTEXT in words
