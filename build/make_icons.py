"""Draw the StoreSync icon with Qt (offscreen) and write it for every platform.

    uv run python build/make_icons.py          # -> resources/icons/storesync.{png,ico,icns}

The drawing below is the source: a teal rounded square, a white box (the one stock
count) inside a ring of two arrows (kept in sync). The PNG is 1024 px; the Windows
``.ico`` and macOS ``.icns`` hold PNG-compressed sizes from 16 to 1024 px, written here
with a few lines of ``struct`` so no imaging library is needed. ``installer.spec`` picks
the one for the OS it builds on.
"""

from __future__ import annotations

import math
import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
)

OUT = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZE = 1024
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# OSType -> pixel size (PNG payloads; the @2x types share sizes with the plain ones)
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"ic11", 32),
    (b"icp6", 64),
    (b"ic12", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic13", 256),
    (b"ic09", 512),
    (b"ic14", 512),
    (b"ic10", 1024),
)


def _arrow_head(p: QPainter, tip: QPointF, angle: float, size: float) -> None:
    """A filled triangle pointing along ``angle`` (radians) with its tip at ``tip``."""
    back = QPointF(tip.x() - size * math.cos(angle), tip.y() - size * math.sin(angle))
    side = QPointF(-math.sin(angle) * size * 0.75, math.cos(angle) * size * 0.75)
    path = QPainterPath(tip)
    path.lineTo(back + side)
    path.lineTo(back - side)
    path.closeSubpath()
    p.fillPath(path, QColor("white"))


def draw(size: int = SIZE) -> QImage:
    """The icon at ``size`` pixels, transparent outside the rounded square."""
    img = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(Qt.GlobalColor.transparent)
    s = size / 1024
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    # background: macOS-style margin so the square sits like the system's icons
    grad = QLinearGradient(0, 100 * s, 0, 924 * s)
    grad.setColorAt(0, QColor("#14B8A6"))
    grad.setColorAt(1, QColor("#0F766E"))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(grad))
    p.drawRoundedRect(QRectF(100 * s, 100 * s, 824 * s, 824 * s), 185 * s, 185 * s)
    # the ring of two arrows
    pen = QPen(QColor("white"), 58 * s, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    c, r = 512 * s, 290 * s
    ring = QRectF(c - r, c - r, 2 * r, 2 * r)
    for start in (20, 200):  # Qt angles: degrees counter-clockwise from 3 o'clock
        p.drawArc(ring, start * 16, 140 * 16)
        end = math.radians(start + 140)
        tip = QPointF(c + r * math.cos(end), c - r * math.sin(end))
        # travelling counter-clockwise on screen: the tangent points along -sin, -cos
        _arrow_head(
            p,
            QPointF(tip.x() - 70 * s * math.sin(end), tip.y() - 70 * s * math.cos(end)),
            math.atan2(-math.cos(end), -math.sin(end)),
            120 * s,
        )
    # the box: a parcel with a lid line and tape
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("white"))
    box = QRectF(c - 150 * s, c - 120 * s, 300 * s, 250 * s)
    p.drawRoundedRect(box, 26 * s, 26 * s)
    p.setBrush(QColor("#0F766E"))
    p.drawRect(QRectF(box.left(), box.top() + 70 * s, box.width(), 22 * s))
    p.drawRect(QRectF(c - 20 * s, box.top(), 40 * s, 92 * s))
    p.end()
    return img


def png_bytes(img: QImage) -> bytes:
    """``img`` encoded as PNG."""
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    if not img.save(buf, "PNG"):
        raise RuntimeError("Qt could not encode a PNG")
    buf.close()
    return bytes(data.data())


def scaled(img: QImage, size: int) -> QImage:
    """A smooth downscale (drawn again instead below 64 px would be sharper; not needed)."""
    return img.scaled(
        size,
        size,
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )


def ico(images: dict[int, bytes]) -> bytes:
    """A Windows icon: ICONDIR, one ICONDIRENTRY per size, PNG payloads (Vista and later)."""
    sizes = sorted(images)
    head = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(head) + 16 * len(sizes)
    entries, payload = b"", b""
    for n in sizes:
        data = images[n]
        dim = 0 if n >= 256 else n  # 0 means 256
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
        payload += data
    return head + entries + payload


def icns(images: dict[int, bytes]) -> bytes:
    """A macOS icon family: 'icns', total length, then (OSType, length, PNG) entries."""
    body = b"".join(
        ostype + struct.pack(">I", 8 + len(images[n])) + images[n] for ostype, n in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    """Write the PNG source and the two icon files."""
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    big = draw(SIZE)
    pngs = {n: png_bytes(big if n == SIZE else scaled(big, n)) for n in {SIZE, 512, 256}}
    for n in set(ICO_SIZES) | {n for _, n in ICNS_TYPES}:
        pngs.setdefault(n, png_bytes(scaled(big, n)))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "storesync.png").write_bytes(pngs[SIZE])
    (OUT / "storesync.ico").write_bytes(ico({n: pngs[n] for n in ICO_SIZES}))
    (OUT / "storesync.icns").write_bytes(icns(pngs))
    for name in ("storesync.png", "storesync.ico", "storesync.icns"):
        print(f"{OUT / name} ({(OUT / name).stat().st_size:,} bytes)")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
