"""The Dashboard's revenue chart is built when its figures arrive, with pyqtgraph loaded by
the reading worker: the window shows without it (issue 14 item 6, tests/perf/
bench_imports.py), and the seller still sees the chart of the last 14 days."""

from __future__ import annotations


def test_the_revenue_chart_appears_with_its_figures(qtbot, window, gui):
    page = window.pages["dashboard"]
    qtbot.waitUntil(lambda: page.chart is not None, timeout=60_000)
    assert page.chart.isVisible()
    assert page.chart.accessibleName() == "Revenue of the last 14 days per store"
    assert page.chart.series()  # the seeded stores' lines
    window.show_page("analytics")
    qtbot.waitUntil(lambda: gui.runner.pending == 0, timeout=60_000)
    assert window.pages["analytics"].revenue_chart.isVisible()
