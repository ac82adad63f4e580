"""The Analytics page computes off the GUI thread (issue 14 item 6): opening or refreshing
it shows "Computing…" while the window keeps processing events, then the right figures;
a newer request supersedes an older one. Real widgets offscreen, a real SQLite file."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from PySide6.QtCore import QTimer

from app.core.services.analytics.calendar import Period, zone
from app.core.services.analytics.dashboard import dashboard
from app.gui.analytics import AnalyticsPage
from app.gui.analytics import page as page_module
from app.gui.formatting import format_rupiah
from tests.unit.analytics.seed import seed


@pytest.fixture
def data(ctx, workspace):
    """The seeded analytics dataset (1–3 November 2026)."""
    return seed(ctx, workspace)


def _page(qtbot, workspace, make_gui) -> AnalyticsPage:
    page = AnalyticsPage(make_gui(workspace))
    qtbot.addWidget(page)
    page.show()
    return page


def test_the_page_stays_responsive_while_the_figures_are_computed(
    qtbot, workspace, data, make_gui, monkeypatch
):
    release, threads = threading.Event(), []
    real = page_module.dashboard

    def slow_dashboard(*args, **kwargs):  # a big workspace: held until the test looked
        threads.append(threading.current_thread())
        assert release.wait(60)
        return real(*args, **kwargs)

    monkeypatch.setattr(page_module, "dashboard", slow_dashboard)
    page = _page(qtbot, workspace, make_gui)
    page.set_range(date(2026, 11, 1), date(2026, 11, 3))  # returns at once
    assert page.is_computing
    assert page.computing_label.isVisible() and page.computing_label.text() == "Computing…"
    qtbot.waitUntil(lambda: bool(threads), timeout=60_000)
    assert threads[0] is not threading.main_thread()
    # the GUI thread goes on processing events (timers, input) while the read runs
    ticks: list[int] = []
    timer = QTimer(page)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    qtbot.waitUntil(lambda: len(ticks) >= 10, timeout=60_000)
    assert page.is_computing and page.kpis["Revenue"].text() == "–"
    assert page.range_combo.isEnabled()  # the seller may pick another range meanwhile
    timer.stop()

    with qtbot.waitSignal(page.refreshed, timeout=60_000):
        release.set()
    kpi = {name: label.text() for name, label in page.kpis.items()}
    assert kpi["Revenue"] == "Rp 305.000" and kpi["Orders"] == "3"
    assert not page.is_computing and not page.computing_label.isVisible()
    assert not page.error_label.isVisible()


def test_a_newer_request_supersedes_an_older_one(
    qtbot, ctx, workspace, data, make_gui, monkeypatch
):
    release, calls = threading.Event(), []
    real = page_module.dashboard

    def first_held(c, period, **kwargs):
        calls.append(kwargs["cancel"])
        if len(calls) == 1:  # the first request is still running when the second comes
            assert release.wait(60)
        return real(c, period, **kwargs)

    monkeypatch.setattr(page_module, "dashboard", first_held)
    page = _page(qtbot, workspace, make_gui)
    shown: list = []
    page.refreshed.connect(shown.append)
    page.set_range(date(2026, 11, 1), date(2026, 11, 3))
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=60_000)
    with qtbot.waitSignal(page.refreshed, timeout=60_000):
        page.set_range(date(2026, 11, 2), date(2026, 11, 2))
    assert calls[0].cancelled  # the older read was told to stop
    release.set()  # it stops (Cancelled) or ends; either way its figures are not shown
    qtbot.waitUntil(lambda: page.gui.runner.pending == 0, timeout=60_000)

    tz = zone(ctx)
    one_day = dashboard(ctx, Period.of_days(date(2026, 11, 2), date(2026, 11, 2), tz)).totals
    three = dashboard(ctx, Period.of_days(date(2026, 11, 1), date(2026, 11, 3), tz)).totals
    assert one_day.revenue != three.revenue  # else the test could not tell them apart
    assert [d.first_day for d in shown] == [date(2026, 11, 2)]
    assert page.kpis["Revenue"].text() == format_rupiah(one_day.revenue)
    assert not page.is_computing and not page.computing_label.isVisible()


def test_a_reversed_range_cancels_the_running_computation(
    qtbot, workspace, data, make_gui, monkeypatch
):
    release, calls = threading.Event(), []
    real = page_module.dashboard

    def held(c, period, **kwargs):
        calls.append(kwargs["cancel"])
        assert release.wait(60)
        return real(c, period, **kwargs)

    monkeypatch.setattr(page_module, "dashboard", held)
    page = _page(qtbot, workspace, make_gui)
    page.set_range(date(2026, 11, 1), date(2026, 11, 3))
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=60_000)
    page.set_range(date(2026, 11, 3), date(2026, 11, 1))
    assert "ends before it starts" in page.error_label.text()
    assert calls[0].cancelled and not page.computing_label.isVisible()
    release.set()
    qtbot.waitUntil(lambda: page.gui.runner.pending == 0, timeout=60_000)
    assert page.dashboard is None and page.kpis["Revenue"].text() == "–"
