"""Search as you type on a big catalog with its search index filled: each query runs off
the GUI thread, a newer keystroke cancels the older query, and only the last result lands.

The event loop's longest pause while typing is measured with a 5 ms timer and printed
(``-s`` shows it); the test asserts only what a user would see and that superseded
queries were stopped, never a timing.
"""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest

from app.core.services import catalog
from app.gui.catalog.page import CatalogPage
from app.gui.formatting import format_count
from app.gui.i18n import tr
from app.gui.widgets.paged_model import PAGE_SIZE
from tests.gui.conftest import wait_loaded

N = 200_000  # big enough that a one-letter search runs for a while


@pytest.fixture(scope="module")
def indexed_workspace(tmp_path_factory):
    """A workspace with 200,000 variants and the search index filled as the app fills it."""
    from app.core.paths import resolve_paths
    from app.core.workspace import open_workspace
    from tests.perf.catalogdata import build_search_catalog

    ws = open_workspace(resolve_paths(tmp_path_factory.mktemp("indexed")))
    build_search_catalog(ws.paths.database, ws.ctx.workspace_id, N)
    yield ws
    ws.close()


class _LoopWatch:
    """The longest gap between two ticks of a 5 ms timer: how long the GUI thread was busy."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()


def test_typing_cancels_older_queries_and_shows_only_the_last(qtbot, indexed_workspace, make_gui):
    gui = make_gui(indexed_workspace)
    page = CatalogPage(gui)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitExposed(page)
    page.ensure_loaded()
    wait_loaded(qtbot, page.model, N - N // 50)  # every 50th product is archived

    calls: list[dict] = []  # one per query: its text, thread and how it ended
    orig = page.model._ids_fn

    def spy(flt, key, desc, **kw):
        call = {"text": flt.search, "thread": threading.current_thread().name}
        call["started"] = threading.Event()
        calls.append(call)
        call["started"].set()
        try:
            ids = orig(flt, key, desc, **kw)
        except BaseException as exc:
            call["outcome"] = type(exc).__name__
            raise
        call["outcome"] = f"{len(ids)} ids"
        return ids

    page.model._ids_fn = spy
    landed: list[int] = []
    page.model.snapshot_loaded.connect(landed.append)
    watch = _LoopWatch()
    watch.start()
    t0 = time.perf_counter()
    for i, ch in enumerate("madu"):
        QTest.keyClick(page.search, ch)
        page._debounce.flush()  # the user paused long enough for a query to start
        if i < 3:  # the next key comes while this query runs
            qtbot.waitUntil(lambda n=i: len(calls) > n and calls[n]["started"].is_set())
    wait_loaded(qtbot, page.model)
    shown = time.perf_counter() - t0
    qtbot.waitUntil(lambda: gui.runner.pending == 0, timeout=60_000)
    watch.stop()

    want = catalog.variant_ids(gui.ctx, "madu")
    assert len(want) == N // 25  # every 25th product is a Madu, four variants each
    assert page.model.ids().tolist() == want.tolist()
    # the last query's result is what shows; an older one lands only if it finished before
    # the next key arrived (on a loaded machine "mad" may), never after a newer one
    assert landed[-1] == len(want)
    assert len(landed) <= sum(1 for c in calls if c.get("outcome", "").endswith(" ids"))
    assert page.count_label.text() == tr("{n} variants").format(n=format_count(len(want)))
    assert [c["text"] for c in calls] == ["m", "ma", "mad", "madu"]
    assert all(c["thread"] != threading.main_thread().name for c in calls)
    assert calls[-1]["outcome"] == f"{len(want)} ids"
    # the one-letter query (every brand starts with M) was stopped, not run to the end
    assert calls[0]["outcome"] == "Cancelled"
    assert page.model.queries_cancelled == sum(c["outcome"] == "Cancelled" for c in calls)
    print(
        f"\n{N:,} variants: typed 'madu', queries {[c['outcome'] for c in calls]}; "
        f"rows shown {shown * 1000:.0f} ms after the first key; longest event-loop gap "
        f"{watch.longest * 1000:.0f} ms"
    )


def test_clearing_the_search_shows_the_first_page_before_the_whole_list(
    qtbot, indexed_workspace, make_gui
):
    gui = make_gui(indexed_workspace)
    page = CatalogPage(gui)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitExposed(page)
    page.search.setText("madu")
    page._debounce.flush()
    page.ensure_loaded()
    wait_loaded(qtbot, page.model, N // 25)

    resets: list[tuple[int, bool, bool]] = []
    page.model.modelReset.connect(
        lambda: resets.append((page.model.rowCount(), page.model.is_partial, page.model.is_loading))
    )
    page.search.clear()
    page._debounce.flush()
    wait_loaded(qtbot, page.model, N - N // 50)
    # first one page from the SKU index, still loading; then the whole list
    assert resets == [(PAGE_SIZE, True, True), (N - N // 50, False, True)]
    assert page.model.row_at(0).sku == "SKU-0000001"
    assert page.count_label.text() == tr("{n} variants").format(n=format_count(N - N // 50))
