"""The picking list (A4) and packing slips (A6 or A5, one order per page) as PDF.

Drawn with Qt (``QPdfWriter`` + ``QPainter``): Qt finds a font for every character a
product or buyer name may hold (Indonesian, Chinese, emoji) among the system's fonts and
embeds what it used, where a pure-Python PDF library would need font files we ship. The
same drawing goes to a printer (``print_*``, the GUI's "Print…") or an image (tests).
Qt stays out of ``app/core`` (docs/ARCHITECTURE.md, layers): the GUI and the command
line both call this package; the data comes from ``app/core/services/picking.py``.

Texts are ``msg()`` templates: the command line prints English, the GUI passes its
``tr_message`` as ``translate`` so the pages come out in the interface language.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)

from app.core.services.picking import PackingSlip, PickingList
from app.core.text import msg
from app.printing import code128
from app.printing.layout import ANYWHERE, CENTER, RIGHT, Cell, Flow, Row, font

Translate = Callable[[str], str]
RESOLUTION = 300  # dots per inch of the PDF's coordinate grid (the output is vector)
SLIP_SIZES = {"a6": QPageSize.PageSizeId.A6, "a5": QPageSize.PageSizeId.A5}
_MODULE_MM = 0.33  # a Code 128 module: scanners on parcels want 0.25-0.5 mm
_BAR_HEIGHT_MM = 13.0
NO_MARGINS = QMarginsF(0, 0, 0, 0)  # the documents draw their own margins


def ensure_qt() -> None:
    """A QGuiApplication for drawing text, created when the command line has none (the
    offscreen platform when there is no display, e.g. a server or CI)."""
    if QCoreApplication.instance() is not None:
        return
    headless = sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )
    if headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    QGuiApplication(["storesync"])


def _mm(device, value: float) -> float:
    return value * device.logicalDpiX() / 25.4


def _local_time(dt) -> str:
    return f"{dt:%Y-%m-%d %H:%M} {dt.tzname() or ''}".strip()


# --------------------------------------------------------------------------- output


class PagedSink:
    """Pages on a paged device (a PDF writer or a printer)."""

    def __init__(self, device: QPagedPaintDevice) -> None:
        self.device = device

    def begin(self) -> QPainter:
        p = QPainter()
        if not p.begin(self.device):
            raise OSError(msg("cannot write the PDF file: check the folder exists and is writable"))
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # crisp bar edges
        return p

    def new_page(self, p: QPainter) -> QPainter:
        self.device.newPage()
        return p


class ImageSink:
    """Pages as white images of ``size`` (QPageSize id) at ``dpi`` (tests read them)."""

    def __init__(self, size: QPageSize.PageSizeId, dpi: int = 200) -> None:
        self.size = QPageSize(size).sizePixels(dpi)
        self.dpi = dpi
        self.images: list[QImage] = []
        self.device = self._image()

    def _image(self) -> QImage:
        img = QImage(self.size, QImage.Format.Format_RGB32)
        img.fill(QColor(255, 255, 255))
        dpm = round(self.dpi / 0.0254)
        img.setDotsPerMeterX(dpm)
        img.setDotsPerMeterY(dpm)
        return img

    def begin(self) -> QPainter:
        self.images = [self.device]
        return QPainter(self.device)

    def new_page(self, p: QPainter) -> QPainter:
        p.end()
        self.device = self._image()
        self.images.append(self.device)
        return QPainter(self.device)


Sink = PagedSink | ImageSink


def _writer(path: Path, size: QPageSize.PageSizeId, title: str) -> QPdfWriter:
    w = QPdfWriter(str(path))
    w.setResolution(RESOLUTION)
    w.setPageLayout(QPageLayout(QPageSize(size), QPageLayout.Orientation.Portrait, NO_MARGINS))
    w.setTitle(title)
    w.setCreator("StoreSync")
    return w


def _render(path: Path, size, title: str, draw: Callable[[PagedSink], int]) -> int:
    """Draw into a new PDF at ``path`` (written beside it, then moved into place, so a
    viewer never opens half a file); returns the page count."""
    ensure_qt()
    path = Path(path)
    part = path.with_name(path.name + ".part")
    try:  # Python says why (Qt would only warn that painting failed)
        part.open("wb").close()
    except OSError as exc:
        raise OSError(
            msg(
                "cannot write the PDF file {path}: {reason}",
                path=str(path),
                reason=exc.strerror or str(exc),
            )
        ) from exc
    writer = _writer(part, size, title)
    try:
        pages = draw(PagedSink(writer))
        del writer  # closes the file
        os.replace(part, path)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return pages


def write_picking_list(path: Path, plist: PickingList, translate: Translate = str) -> int:
    """The picking list as an A4 PDF; returns its page count."""
    title = translate(msg("Picking list"))
    return _render(
        path, QPageSize.PageSizeId.A4, title, lambda d: draw_picking_list(d, plist, translate)
    )


def write_packing_slips(
    path: Path, slips: Sequence[PackingSlip], translate: Translate = str, size: str = "a6"
) -> int:
    """One packing slip per order (more pages for a long order) as a PDF; page count."""
    title = translate(msg("Packing slips"))
    return _render(path, SLIP_SIZES[size], title, lambda d: draw_packing_slips(d, slips, translate))


# --------------------------------------------------------------------------- picking list


def draw_picking_list(sink: Sink, plist: PickingList, tr: Translate = str) -> int:
    """Draw the picking list (PDF writer, printer or images); returns the page count."""
    device = sink.device
    margin = _mm(device, 12)
    width, height = device.width(), device.height()
    header_h = _mm(device, 16)
    body = QRectF(margin, margin + header_h, width - 2 * margin, height - 2 * margin - header_h)
    flow = Flow(device, body, _mm(device, 1.2))
    cols = [body.width() * f for f in (0.045, 0.15, 0.12, 0.2, 0.385, 0.1)]
    small, normal, bold = font(8), font(9.5), font(9.5, True)
    if plist.skipped_cancelled:
        flow.add(
            Row(
                [
                    Cell(
                        tr(
                            msg(
                                "Left out, cancelled: {numbers}",
                                numbers=", ".join(plist.skipped_cancelled),
                            )
                        ),
                        body.width(),
                        small,
                    )
                ]
            )
        )
    head = Row(
        [
            Cell("", cols[0], bold),
            Cell(tr(msg("Location")), cols[1], bold),
            Cell(tr(msg("Shelf")), cols[2], bold),
            Cell(tr(msg("SKU")), cols[3], bold),
            Cell(tr(msg("Product")), cols[4], bold),
            Cell(tr(msg("Qty")), cols[5], bold, RIGHT),
        ],
        shade=True,
    )
    flow.add(head)
    for r in plist.rows:
        name = f"{r.product_name} — {r.variant_name}" if r.variant_name else r.product_name
        flow.add(
            Row(
                [
                    Cell("", cols[0], normal, box=True),
                    Cell(r.location_code, cols[1], normal),
                    Cell(r.shelf or "–", cols[2], normal),
                    Cell(r.sku, cols[3], bold, wrap=ANYWHERE),
                    Cell(name, cols[4], normal),
                    Cell(str(r.quantity), cols[5], bold, RIGHT),
                ],
                rule=True,
                head=head,
            )
        )
    if plist.unmapped:
        flow.add(Row([Cell("", body.width(), small)]))
        flow.add(
            Row(
                [
                    Cell(
                        tr(msg("Not mapped to a SKU: pick by the marketplace's SKU and name")),
                        body.width(),
                        bold,
                    )
                ],
                keep_with_next=True,
            )
        )
        uhead = Row(
            [
                Cell("", cols[0], bold),
                Cell(tr(msg("Store")), cols[1] + cols[2], bold),
                Cell(tr(msg("Marketplace SKU")), cols[3], bold),
                Cell(tr(msg("Item and orders")), cols[4], bold),
                Cell(tr(msg("Qty")), cols[5], bold, RIGHT),
            ],
            shade=True,
        )
        flow.add(uhead)
        for u in plist.unmapped:
            flow.add(
                Row(
                    [
                        Cell("", cols[0], normal, box=True),
                        Cell(u.store_name, cols[1] + cols[2], normal),
                        Cell(u.platform_sku or "–", cols[3], bold, wrap=ANYWHERE),
                        Cell(f"{u.name}\n{', '.join(u.order_numbers)}", cols[4], normal),
                        Cell(str(u.quantity), cols[5], bold, RIGHT),
                    ],
                    rule=True,
                    head=uhead,
                )
            )
    flow.add(Row([Cell("", body.width(), small)]))
    flow.add(
        Row(
            [
                Cell(
                    tr(
                        msg(
                            "Orders in this batch: {numbers}",
                            numbers=", ".join(plist.order_numbers),
                        )
                    ),
                    body.width(),
                    small,
                )
            ]
        )
    )
    pages = flow.paginate()
    subtitle = tr(
        msg(
            "{date} · {orders} orders · {units} units",
            date=_local_time(plist.created_at),
            orders=plist.order_count,
            units=plist.total_quantity,
        )
    )
    p = sink.begin()
    try:
        for n, page in enumerate(pages, start=1):
            if n > 1:
                p = sink.new_page(p)
            top = QRectF(margin, margin, width - 2 * margin, header_h)
            p.setPen(QColor(0, 0, 0))
            p.setFont(font(14, True))
            p.drawText(top, int(Qt.AlignmentFlag.AlignLeft), tr(msg("Picking list")))
            p.setFont(font(9))
            p.drawText(
                top,
                int(Qt.AlignmentFlag.AlignRight),
                tr(msg("Page {n} of {total}", n=n, total=len(pages))),
            )
            p.drawText(
                top, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom), subtitle
            )
            for y, row in page:
                flow.draw_row(p, y, row)
    finally:
        p.end()
    return len(pages)


# --------------------------------------------------------------------------- packing slips


def barcode_module_px(device, modules: int, width: float) -> int:
    """Whole device pixels per module (even bars on any raster), 0.33 mm when it fits."""
    want = max(1, round(_mm(device, _MODULE_MM)))
    fits = int(width // (modules + 2 * code128.QUIET_MODULES))
    return max(1, min(want, fits))


def draw_barcode(p: QPainter, device, rect: QRectF, text: str) -> bool:
    """Code 128 of ``text`` centred in ``rect``; False (nothing drawn) if it cannot be
    encoded (the number stays readable as text below it)."""
    try:
        pattern = code128.modules(text)
    except ValueError:
        return False
    module = barcode_module_px(device, len(pattern), rect.width())
    x0 = round(rect.left() + (rect.width() - module * len(pattern)) / 2)
    y0, h = round(rect.top()), round(rect.height())
    for start, run in code128.bars(text):
        p.fillRect(x0 + start * module, y0, run * module, h, QColor(0, 0, 0))
    return True


def _slip_rows(device, body: QRectF, slip: PackingSlip, tr: Translate, flow: Flow) -> None:
    small, normal, bold = font(7.5), font(8.5), font(8.5, True)
    w = body.width()
    flow.add(
        Row(
            [
                Cell(slip.store_name, w * 0.62, font(10, True)),
                Cell(tr(msg("Packing slip")), w * 0.38, small, RIGHT),
            ]
        )
    )
    flow.add(Row([Cell(slip.order_number, w, font(13, True), CENTER)]))
    bar_h = _mm(device, _BAR_HEIGHT_MM)
    flow.add(
        Row(
            height=bar_h + _mm(device, 2),
            draw=lambda p, r: draw_barcode(
                p,
                device,
                QRectF(r.left(), r.top() + _mm(device, 1), r.width(), bar_h),
                slip.order_number,
            ),
        )
    )
    details = [tr(msg("Ordered {date}", date=_local_time(slip.placed_at)))]
    if slip.tracking_number:
        details.append(tr(msg("Tracking {number}", number=slip.tracking_number)))
    if slip.status.value == "cancelled":
        details.append(tr(msg("CANCELLED")))
    flow.add(Row([Cell(" · ".join(details), w, small, CENTER)], rule=True))
    flow.add(Row([Cell(tr(msg("Ship to")), w, small)]))
    flow.add(Row([Cell(slip.buyer_name or "–", w, bold)]))
    if slip.shipping_address:
        flow.add(Row([Cell(slip.shipping_address, w, normal)], rule=True))
    cols = [w * 0.1, w * 0.4, w * 0.5]
    head = Row(
        [
            Cell(tr(msg("Qty")), cols[0], bold, RIGHT),
            Cell(tr(msg("SKU")), cols[1], bold),
            Cell(tr(msg("Item")), cols[2], bold),
        ],
        shade=True,
    )
    flow.add(head)
    for line in slip.lines:
        name = line.name
        if line.variant_name and line.variant_name.casefold() not in name.casefold():
            name = f"{name} ({line.variant_name})"  # the listing's title may lack it
        flow.add(
            Row(
                [
                    Cell(str(line.quantity), cols[0], bold, RIGHT),
                    Cell(line.sku or "–", cols[1], small, wrap=ANYWHERE),
                    Cell(name, cols[2], normal),
                ],
                rule=True,
                head=head,
            )
        )
    flow.add(Row([Cell(tr(msg("Items: {n}", n=slip.item_count)), w, small, RIGHT)]))


def draw_packing_slips(sink: Sink, slips: Sequence[PackingSlip], tr: Translate = str) -> int:
    """One slip per order, a long order continuing on the next page (its order number
    repeated there); returns the page count."""
    device = sink.device
    margin = _mm(device, 5)
    width, height = device.width(), device.height()
    foot_h = _mm(device, 5)
    body = QRectF(margin, margin, width - 2 * margin, height - 2 * margin - foot_h)
    p = sink.begin()
    total = 0
    try:
        for slip in slips:
            flow = Flow(device, body, _mm(device, 0.8))
            _slip_rows(device, body, slip, tr, flow)
            pages = flow.paginate()
            for n, page in enumerate(pages, start=1):
                if total:
                    p = sink.new_page(p)
                total += 1
                for y, row in page:
                    flow.draw_row(p, y, row)
                if len(pages) > 1:
                    p.setFont(font(7))
                    p.setPen(QColor(0, 0, 0))
                    p.drawText(
                        QRectF(margin, height - margin - foot_h, body.width(), foot_h),
                        int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
                        tr(
                            msg(
                                "{number} · page {n} of {total}",
                                number=slip.order_number,
                                n=n,
                                total=len(pages),
                            )
                        ),
                    )
    finally:
        p.end()
    return total


def slip_page_size(size: str) -> QSizeF:
    """The page size of a slip format in millimetres (for the print dialog)."""
    return QPageSize(SLIP_SIZES[size]).size(QPageSize.Unit.Millimeter)
