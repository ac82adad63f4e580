"""Orders page → Picking list / Packing slips: a PDF in the exports folder, opened with the
system viewer (recorded here), or sent to a printer (a PDF printer here)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QToolButton

from tests.gui.test_orders import open_orders


def texts(path: Path) -> list[str]:
    return [
        " ".join(unicodedata.normalize("NFKC", p.extract_text()).split())
        for p in PdfReader(path).pages
    ]


def opened_urls(monkeypatch) -> list:
    urls: list = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url) or True)
    return urls


def test_picking_list_and_slips_open_as_pdfs(qtbot, gui, seeded, monkeypatch):
    urls = opened_urls(monkeypatch)
    page = open_orders(qtbot, gui)
    buttons = {b.text(): b for b in page.findChildren(QToolButton)}
    assert not buttons["Picking list"].isEnabled()  # nothing selected yet
    page.view.selectAll()
    assert buttons["Picking list"].isEnabled() and buttons["Packing slips"].isEnabled()
    shown = [r.platform_order_id for r in page.selected_orders()]

    messages: list[str] = []
    page.status_message.connect(messages.append)
    qtbot.mouseClick(buttons["Picking list"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(urls) == 1, timeout=60_000)
    pdf = Path(urls[0].toLocalFile())
    assert pdf.parent == gui.paths.exports_dir and pdf.name.startswith("picking-list-")
    (text,) = texts(pdf)
    # every mapped line of the four orders not cancelled, and the unmapped one apart
    rows = text.split("Not mapped")[0].split("MAIN – ")[1:]  # one per row, walk order
    assert [(r.split()[0], r.split()[-1]) for r in rows] == [
        ("HJB-VOAL-MOCCA", "3"),
        ("JEANS-30", "1"),
        ("KAOS-HTM-M", "2"),
        ("TOPI-NVY", "1"),
    ]
    assert "MYSTERY-01" in text and "Left out, cancelled: 577001122335" in text
    assert "4 orders · 8 units" in text
    assert any("Picking list of 4 orders: 1 pages" in m for m in messages)

    page.printing.slips_action.trigger()
    qtbot.waitUntil(lambda: len(urls) == 2, timeout=60_000)
    slips = texts(Path(urls[1].toLocalFile()))
    assert len(slips) == len(shown) == 5
    assert [next(n for n in shown if n in t) for t in slips] == shown  # the list's order


def test_print_sends_the_pages_to_the_chosen_printer(qtbot, gui, seeded, monkeypatch, tmp_path):
    urls = opened_urls(monkeypatch)
    page = open_orders(qtbot, gui)
    page.view.selectRow(page.model.row_of(seeded.order_ids["240101ABCD03"]))
    out = tmp_path / "printed.pdf"
    asked = []

    def pdf_printer(size):
        asked.append(size)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setPageSize(size)
        return printer

    monkeypatch.setattr(page.printing, "ask_printer", pdf_printer)
    assert page.printing.print_slips_action in page.view.actions()  # in the context menu
    page.printing.print_slips_action.trigger()
    qtbot.waitUntil(lambda: out.exists() and out.stat().st_size > 0, timeout=60_000)
    qtbot.waitUntil(lambda: gui.runner.pending == 0, timeout=60_000)
    (text,) = texts(out)
    assert "240101ABCD03" in text and "Dewi Lestari" in text and "3 HJB-VOAL-MOCCA" in text
    assert urls == []  # printing opens no viewer

    monkeypatch.setattr(page.printing, "ask_printer", lambda size: None)  # cancelled
    page.printing.print_picklist_action.trigger()
    qtbot.waitUntil(lambda: gui.runner.pending == 0, timeout=60_000)
    assert urls == []


def test_the_seller_sets_a_shelf_and_the_picking_list_walks_by_it(qtbot, gui, seeded, monkeypatch):
    from app.core.services import picking
    from app.gui.inventory import shelf
    from tests.gui.test_inventory import open_inventory, select_sku

    page = open_inventory(qtbot, gui)
    select_sku(qtbot, page, "TOPI-NVY")
    assert page.buttons["shelf"].isEnabled()
    dlg = shelf.open_shelf_dialog(page)
    dlg.shelf.setText("X" * 41)
    dlg.save()  # too long: said at the field, nothing stored
    assert dlg.isVisible() and "at most 40" in dlg.error.text()
    main = seeded.location_ids[0]
    assert picking.shelf_of(gui.ctx, seeded.variant_ids["TOPI-NVY"], main) == ""
    dlg.shelf.setText("  A-01 ")
    with qtbot.waitSignal(dlg.accepted):
        dlg.save()
    qtbot.waitUntil(lambda: page.selected() is not None and page.selected().shelf == "A-01")
    col = next(i for i in range(page.model.columnCount()) if page.model.column(i).title == "Shelf")
    row = page.model.row_of(page.selected().item_id)
    assert page.model.index(row, col).data() == "A-01"
    plist = picking.picking_list(gui.ctx, list(seeded.order_ids.values()))
    assert plist.rows[0].sku == "TOPI-NVY"  # the only row with a shelf first
