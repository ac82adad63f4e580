"""Sync activity shows each store's current order-polling interval and API calls/min."""

from __future__ import annotations

from app.core.sync.events import PollingChanged
from tests.gui.test_activity_settings import open_activity


def test_each_store_shows_its_polling_interval_and_calls(qtbot, gui, seeded):
    page = open_activity(qtbot, gui)
    assert not page.polling.isVisible()  # no decision yet
    a, b = seeded.store_ids[:2]
    gui.engine.emit_from_thread(
        [
            PollingChanged(a, 60.0, "quiet", 3),
            PollingChanged(b, 60.0, "quiet", 2),
            PollingChanged(a, 12.0, "orders", 34),  # the latest decision wins
        ]
    )
    qtbot.waitUntil(lambda: "12 s" in page.polling.text())
    lines = page.polling.text().splitlines()
    assert lines[0] == "Toko Shopee Bandung: orders every 12 s · 34 calls/min (orders flowing)"
    assert lines[1].endswith("orders every 60 s · 2 calls/min (quiet)")
    assert page.polling.isVisible()
