"""Make the application icon files from resources/icons/csdesk.svg, the one source.

    python installer/make_icons.py

Writes, into resources/icons/ (all committed, so a build needs no extra step):
    csdesk-16.png ... csdesk-512.png   the window icon (csdesk/ui/icons.py) and Linux desktops
    csdesk.ico                         Windows: the executables, the installer, .csdesk files
    csdesk.icns                        macOS: the .app
Qt (PySide6, already a dependency) draws the SVG at every size, so each size is drawn sharp, not
scaled down from a big picture; Pillow (already installed with reportlab) writes the .ico and
.icns containers. Run it again after changing csdesk.svg; tests/test_icons.py checks the PNGs
still match the SVG."""

import io
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SOURCE = ICONS / "csdesk.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)  # what Windows asks for at 100-250 % scaling
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)  # 1024 is the 512 @2x Retina image


def render(svg: Path, size: int):
    """The SVG drawn on a transparent size x size QImage."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise RuntimeError(f"{svg} is not an SVG that Qt can draw")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def png_bytes(image) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("could not encode the icon as PNG")
    buffer.close()
    return bytes(data)


def make_icons(svg: Path = SOURCE, out: Path = ICONS) -> list[Path]:
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(["make_icons"])  # noqa: F841
    pictures = {size: Image.open(io.BytesIO(png_bytes(render(svg, size)))).convert("RGBA")
                for size in sorted(set(PNG_SIZES + ICO_SIZES + ICNS_SIZES))}
    written = []
    for size in PNG_SIZES:
        path = out / f"csdesk-{size}.png"
        pictures[size].save(path, optimize=True)
        written.append(path)
    biggest = pictures[max(ICO_SIZES)]
    biggest.save(out / "csdesk.ico", sizes=[(s, s) for s in ICO_SIZES],
                 append_images=[pictures[s] for s in ICO_SIZES])
    biggest = pictures[max(ICNS_SIZES)]
    biggest.save(out / "csdesk.icns", append_images=[pictures[s] for s in ICNS_SIZES])
    written += [out / "csdesk.ico", out / "csdesk.icns"]
    return written


if __name__ == "__main__":
    if len(sys.argv) != 1:
        sys.exit(__doc__)
    for path in make_icons():
        print(path)
