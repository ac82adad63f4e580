"""The catalog at 1,000,000 variants: the snapshot is built off the GUI thread, and
scrolling to the end loads only the pages shown (a performance guard, not a timing)."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt

from app.gui.catalog.page import CatalogPage
from app.gui.widgets.paged_model import MAX_PAGES, PAGE_SIZE
from tests.gui.bigdb import N_VARIANTS
from tests.gui.conftest import wait_loaded


def test_scroll_to_the_end_loads_only_visible_pages(qtbot, big_workspace, make_gui):
    gui = make_gui(big_workspace)
    page = CatalogPage(gui)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    threads: list[str] = []
    orig = page.model._ids_fn
    page.model._ids_fn = lambda *a, **kw: (
        threads.append(threading.current_thread().name),
        orig(*a, **kw),
    )[1]
    page.show()
    qtbot.waitExposed(page)
    page.ensure_loaded()
    assert page.model.is_loading  # the GUI thread did not wait for the snapshot
    wait_loaded(qtbot, page.model, N_VARIANTS)
    assert threads and threads[0] != threading.main_thread().name
    qtbot.wait(50)
    first = page.model.pages_loaded
    assert 1 <= first <= 2  # the first screen
    page.view.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.pages_loaded > first)
    qtbot.wait(50)
    assert page.model.pages_loaded <= first + 2  # only the last screen's page(s)
    last = page.model.index(N_VARIANTS - 1, 0)
    assert page.model.data(last) == f"SKU-{N_VARIANTS:07d}"
    # a jump through the middle keeps the LRU bounded
    for row in range(0, N_VARIANTS, N_VARIANTS // 55):
        page.model.row_at(row)
    assert page.model.cached_pages <= MAX_PAGES
    assert PAGE_SIZE == 200


def test_sort_by_price_descending_in_sql(qtbot, big_workspace, make_gui):
    gui = make_gui(big_workspace)
    page = CatalogPage(gui)
    qtbot.addWidget(page)
    page.ensure_loaded()
    wait_loaded(qtbot, page.model, N_VARIANTS)
    page.view.sortByColumn(5, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: page.model.sort_state == ("price", True))
    wait_loaded(qtbot, page.model, N_VARIANTS)
    top = [page.model.row_at(i).price for i in range(5)]
    assert top == sorted(top, reverse=True)
    assert page.model.pages_loaded <= 3


def test_main_window_opens_with_a_million_variants(qtbot, big_workspace, make_gui):
    """The window is usable before any 1M-row query finishes (it never waits on one)."""
    import time

    from app.gui.main_window import MainWindow

    gui = make_gui(big_workspace)
    t0 = time.perf_counter()
    w = MainWindow(gui)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    opened = time.perf_counter() - t0
    print(f"main window with {N_VARIANTS} variants shown in {opened:.2f} s")
    w.show_page("catalog")
    wait_loaded(qtbot, w.pages["catalog"].model, N_VARIANTS)
    qtbot.waitUntil(lambda: gui.runner.pending == 0, timeout=60_000)
    w.close()
