"""The low-stock alert reaches the seller (issue 15 item 6): a tray notification (the
status bar where there is no tray) once per crossing, and an entry on the Home page."""

from __future__ import annotations

from app.core.services import inventory, locations
from app.gui.low_stock import connect_low_stock
from tests.helpers.factories import product


def test_crossing_notifies_once_and_shows_on_home(qtbot, window, workspace, gui):
    ctx = gui.ctx
    disconnect = connect_low_stock(workspace.low_stock, gui.bridge.post_event)
    shown: list[tuple[str, str]] = []
    window.tray.notified.connect(lambda t, m: shown.append((t, m)))
    fired: list[object] = []  # the hook calls its listeners as the commit ends
    workspace.low_stock.listeners.append(fired.extend)
    v = product(ctx, skus=("MADU-ALERT",)).variants[0]
    loc = locations.list_locations(ctx)[0]
    inventory.set_reorder(ctx, v.id, loc.id, 5, 10)
    inventory.receive(ctx, v.id, loc.id, 8)
    inventory.adjust(ctx, v.id, loc.id, -5, "sold at the market")  # 3 left: crosses
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=60_000)
    assert shown[0][0] == "Low stock: MADU-ALERT"
    assert "3 left (reorder point 5)" in shown[0][1] and loc.name in shown[0][1]
    assert "MADU-ALERT" in window.message.text()

    inventory.adjust(ctx, v.id, loc.id, -1, "sold again")  # still low: no second alert
    home = window.show_page("dashboard")
    home.summary = None
    home.reload()
    qtbot.waitUntil(lambda: home.summary is not None, timeout=60_000)
    lines = [home.activity_list.item(i).text() for i in range(home.activity_list.count())]
    assert any("Low stock: MADU-ALERT, 2 left (reorder point 5)" in t for t in lines)
    assert len(fired) == 1 and len(shown) == 1
    disconnect()


def test_the_tray_toggle_off_silences_it(qtbot, window, workspace, gui):
    from app.core.settings import NOTIFY_LOW_STOCK, set_setting

    set_setting(gui.ctx, NOTIFY_LOW_STOCK, False)
    window.tray.reload_preferences()
    disconnect = connect_low_stock(workspace.low_stock, gui.bridge.post_event)
    raised: list[object] = []
    gui.bridge.alert_raised.connect(raised.append)
    shown: list[str] = []
    window.tray.notified.connect(lambda t, m: shown.append(t))
    v = product(gui.ctx, skus=("MADU-QUIET",)).variants[0]
    loc = locations.list_locations(gui.ctx)[0].id
    inventory.set_reorder(gui.ctx, v.id, loc, 5, 10)
    inventory.receive(gui.ctx, v.id, loc, 8)
    inventory.adjust(gui.ctx, v.id, loc, -6, "sold")
    qtbot.waitUntil(lambda: len(raised) == 1, timeout=60_000)
    assert shown == []
    disconnect()
