"""The Orders page's "Picking list" and "Packing slips" actions, and printing them.

The selected orders' data is read off the GUI thread (``app/core/services/picking.py``),
then drawn by ``app/printing`` (Qt, on this thread: painting text needs the GUI thread's
fonts) into a PDF in the exports folder, which opens in the system's PDF viewer. "Print
picking list…" / "Print packing slips…" (context menu) draw the same pages straight onto
a printer chosen in the system's print dialog. No network: nothing here waits on the
engine. docs/ARCHITECTURE.md, "Fulfilment".
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence, QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog

from app.core.services import picking
from app.gui.i18n import tr, tr_message
from app.gui.widgets.helpers import show_error
from app.printing import documents

if TYPE_CHECKING:
    from app.gui.orders.page import OrdersPage

log = logging.getLogger(__name__)


def install(page: OrdersPage) -> OrderPrinting:
    """Add the printing actions to the Orders page."""
    return OrderPrinting(page)


class OrderPrinting:
    """The four actions and what they do; kept on the page as ``page.printing``."""

    def __init__(self, page: OrdersPage) -> None:
        self.page = page
        self.last_pdf: Path | None = None
        page.printing = self  # type: ignore[attr-defined]
        self.picklist_action = self._action(
            tr("Picking list"),
            tr("A picking list of the selected orders (PDF): SKUs, shelves, quantities"),
            "Ctrl+Alt+P",
            lambda: self.make("picklist"),
        )
        self.slips_action = self._action(
            tr("Packing slips"),
            tr("One packing slip per selected order (PDF) with its order number's barcode"),
            "Ctrl+Alt+K",
            lambda: self.make("slips"),
        )
        self.print_picklist_action = self._action(
            tr("Print picking list…"), tr("Print the picking list"), None,
            lambda: self.make("picklist", to_printer=True),
        )  # fmt: skip
        self.print_slips_action = self._action(
            tr("Print packing slips…"), tr("Print the packing slips"), None,
            lambda: self.make("slips", to_printer=True),
        )  # fmt: skip
        page.add_order_action(self.picklist_action)
        page.add_order_action(self.slips_action)
        page.add_order_action(self.print_picklist_action, button=False)
        page.add_order_action(self.print_slips_action, button=False)

    def _action(self, text: str, tip: str, keys: str | None, slot: Callable) -> QAction:
        a = QAction(text, self.page)
        a.setToolTip(tip)
        if keys:
            a.setShortcut(QKeySequence(keys))
        a.triggered.connect(slot)
        return a

    # ------------------------------------------------------------------ work
    def make(self, kind: str, to_printer: bool = False) -> None:
        """Read the selected orders' data in the background, then draw it."""
        ids = [r.id for r in self.page.selected_orders()]
        if not ids:
            return
        ctx = self.page.gui.ctx
        read = (
            (lambda: picking.picking_list(ctx, ids))
            if kind == "picklist"
            else (lambda: picking.packing_slips(ctx, ids))
        )
        self.page.gui.runner.run(
            read,
            lambda data: self._draw(kind, data, to_printer),
            lambda exc: show_error(self.page, self._title(kind), exc),
            owner=self.page,
        )

    def _title(self, kind: str) -> str:
        return tr("Picking list") if kind == "picklist" else tr("Packing slips")

    def _draw(self, kind: str, data, to_printer: bool) -> None:
        if kind == "picklist" and not data.order_count:
            show_error(self.page, self._title(kind), tr("Every selected order is cancelled."))
            return
        try:
            if to_printer:
                self._print(kind, data)
            else:
                self._pdf(kind, data)
        except OSError as exc:
            show_error(self.page, self._title(kind), exc)

    def _pdf(self, kind: str, data) -> None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        name = "picking-list" if kind == "picklist" else "packing-slips"
        path = exports_dir(self.page) / f"{name}-{stamp}.pdf"
        if kind == "picklist":
            pages = documents.write_picking_list(path, data, tr_message)
            text = tr("Picking list of {n} orders: {pages} pages").format(
                n=data.order_count, pages=pages
            )
        else:
            pages = documents.write_packing_slips(path, data, tr_message)
            text = tr("{n} packing slips: {pages} pages").format(n=len(data), pages=pages)
        self.last_pdf = path
        log.info("wrote %s (%d pages)", path, pages)
        self.page.status_message.emit(f"{text} — {path}")
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            show_error(
                self.page,
                self._title(kind),
                tr("No PDF viewer opened the file. It is saved at {path}").format(path=path),
            )

    def _print(self, kind: str, data) -> None:
        size = QPageSize.PageSizeId.A4 if kind == "picklist" else documents.SLIP_SIZES["a6"]
        printer = self.ask_printer(QPageSize(size))
        if printer is None:
            return
        sink = documents.PagedSink(printer)
        if kind == "picklist":
            pages = documents.draw_picking_list(sink, data, tr_message)
        else:
            pages = documents.draw_packing_slips(sink, data, tr_message)
        self.page.status_message.emit(tr("Sent {pages} pages to the printer").format(pages=pages))

    def ask_printer(self, size: QPageSize) -> QPrinter | None:
        """The system print dialog; None when cancelled (tests replace this method)."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(
            QPageLayout(size, QPageLayout.Orientation.Portrait, documents.NO_MARGINS)
        )
        dialog = QPrintDialog(printer, self.page)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return printer


def exports_dir(page: OrdersPage) -> Path:
    """Where the PDFs go: the installation's exports folder, else the temp folder."""
    paths = page.gui.paths
    folder = paths.exports_dir if paths is not None else Path(tempfile.gettempdir())
    folder.mkdir(parents=True, exist_ok=True)
    return folder
