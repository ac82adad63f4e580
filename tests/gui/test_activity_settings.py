"""Sync activity (progress from engine events, history, logs, retry) and Settings."""

from __future__ import annotations

from app.core.domain import JobKind
from app.core.settings import NOTIFY_LOW_STOCK, get_setting
from app.core.sync.events import Alert
from app.gui.activity.page import ActivityPage
from app.gui.settings.page import SettingsPage


def open_activity(qtbot, gui) -> ActivityPage:
    page = ActivityPage(gui)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.ensure_loaded()
    return page


class TestActivityPage:
    def test_history_and_log_with_errors_highlighted(self, qtbot, qtmodeltester, gui, seeded):
        page = open_activity(qtbot, gui)
        assert page.history_model.rowCount() == 3
        qtmodeltester.check(page.history_model)
        row = page.history_model.row_of(seeded.job_ids[2])
        page.history_view.selectRow(row)
        page.history_view.setCurrentIndex(page.history_model.index(row, 0))
        assert page.log_model.rowCount() == 2
        qtmodeltester.check(page.log_model)
        err = page.log_model.index(1, 2)
        assert "no variation" in page.log_model.data(err)
        assert page.log_model.data(err, 9).name().upper() == "#EF4444"  # ForegroundRole
        assert page.retry_button.isEnabled()
        page.retry_button.click()
        assert ("retry_job", seeded.job_ids[2]) in gui.engine.calls
        page.failures.setChecked(True)
        assert page.history_model.rowCount() == 1

    def test_running_job_progress_is_coalesced(self, qtbot, qtmodeltester, gui, seeded):
        page = open_activity(qtbot, gui)
        engine = gui.engine
        events = engine.job_script(seeded.store_ids[0], JobKind.ORDERS, 300)
        engine.emit_from_thread(events[:-1])  # started + 300 progress events
        qtbot.waitUntil(lambda: page.running_model.rowCount() == 1)
        job = page.running_model.row_at(0)
        qtbot.waitUntil(lambda: page.running_model.row_at(0).processed == 300)
        assert job.store_name == "Toko Shopee Bandung"
        assert page.running_view.isVisible()
        qtmodeltester.check(page.running_model)
        engine.emit_from_thread(events[-1:])
        qtbot.waitUntil(lambda: page.running_model.rowCount() == 0)

    def test_stop_asks_the_engine_to_cancel_the_running_job(self, qtbot, gui, seeded):
        page = open_activity(qtbot, gui)
        assert not page.stop_button.isEnabled()  # nothing running
        events = gui.engine.job_script(seeded.store_ids[0], JobKind.ORDERS, 10)
        gui.engine.emit_from_thread(events[:3])
        qtbot.waitUntil(lambda: page.running_model.rowCount() == 1)
        assert page.stop_button.isEnabled()
        job_id = page.running_model.row_at(0).id
        with qtbot.waitSignal(page.status_message) as said:
            page.stop_button.click()
        assert ("cancel_job", job_id) in gui.engine.calls
        assert said.args == ["Stopped the orders job of Toko Shopee Bandung"]
        gui.engine.emit_from_thread(events[-1:])
        qtbot.waitUntil(lambda: not page.stop_button.isEnabled())


class TestSettingsPage:
    def test_toggles_are_saved_and_tray_respects_them(self, qtbot, window):
        page = window.show_page("settings")
        assert isinstance(page, SettingsPage)
        page.editors["notify_low_stock"].setChecked(False)
        page.editors["low_stock_default_point"].setValue(8)
        assert page.save() == 2
        assert get_setting(window.gui.ctx, NOTIFY_LOW_STOCK) is False
        assert window.tray.enabled("low_stock") is False
        shown = []
        window.tray.notified.connect(lambda t, m: shown.append(t))
        window.gui.engine.emit_from_thread(
            [Alert("low_stock", "Low stock", "KAOS-HTM-L: 3 left"), Alert("reauth", "Re-auth", "x")]
        )
        qtbot.waitUntil(lambda: shown == ["Re-auth"])

    def test_add_location(self, qtbot, window):
        page = window.show_page("settings")
        assert page.add_location("GDG2", "Gudang Kedua")
        assert page.locations.count() == 3
