"""Render csdesk's SVG icon into a Windows .ico (build time only; csdesk.spec calls it).

Uses only PySide6 (already a dependency) to draw the SVG, and writes an ICO whose
images are PNG-compressed, which every Windows since Vista reads. Run by hand with
    python installer/make_icon.py OUT.ico
"""

import struct
import sys
from pathlib import Path

SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)


def _png(renderer, size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError(f"could not encode the {size}px icon as PNG")
    buffer.close()
    return bytes(data)


def make_icon(svg: Path, out: Path) -> Path:
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise RuntimeError(f"{svg} is not an SVG that Qt can draw")
    images = [(size, _png(renderer, size)) for size in SIZES]
    header = struct.pack("<HHH", 0, 1, len(images))  # reserved, type 1 = icon, count
    offset = len(header) + 16 * len(images)
    directory, blobs = b"", b""
    for size, png in images:
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory entry
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(header + directory + blobs)
    return out


def packaged_svg() -> Path:
    """The icon the app itself shows, found the way the app finds it."""
    from csdesk.resource_path import resource

    return resource("icons", "csdesk.svg")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python installer/make_icon.py OUT.ico")
    print(make_icon(packaged_svg(), Path(sys.argv[1])))
