"""Locale-correct display (issue 15, item 2): Indonesian month names and a decimal comma on
screen, whole rupiah rounded half-up at display only, times in the workspace's zone."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QApplication, QDateEdit

from app.core import money
from app.gui import formatting as f
from app.gui.i18n import install_language, remove_language


@pytest.fixture
def indonesian(qapp):
    translator = install_language(QApplication.instance(), "id")
    assert translator is not None
    yield
    remove_language(QApplication.instance(), translator)


@pytest.fixture
def jakarta():
    before = f.display_zone()
    f.set_display_zone(ZoneInfo("Asia/Jakarta"))
    yield
    f.set_display_zone(before)


def test_money_on_screen_is_whole_rupiah_rounded_half_up_exports_keep_sen(qapp):
    assert f.format_rupiah(Decimal("177272.73")) == "Rp 177.273"
    assert f.format_rupiah(Decimal("177272.50")) == "Rp 177.273"  # half up, not to even
    assert f.format_rupiah(Decimal("177272.49")) == "Rp 177.272"
    assert f.format_rupiah(Decimal("-5040.50")) == "-Rp 5.041"
    assert f.format_rupiah(0) == "Rp 0"
    assert f.format_rupiah(None) == ""
    with pytest.raises(TypeError):
        f.format_rupiah(1.5)  # type: ignore[arg-type]
    assert money.format_rupiah(Decimal("177272.73")) == "Rp 177.272,73"  # exports: exact


def test_indonesian_dates_months_and_decimal_comma(indonesian, jakarta):
    at = datetime(2026, 12, 3, 2, 5, tzinfo=UTC)  # 09:05 in Jakarta
    assert f.format_datetime(at) == "03 Des 2026 09:05"
    assert f.format_date(date(2026, 5, 1)) == "01 Mei 2026"
    assert f.format_percent(Decimal("15.5")) == "15,5 %"
    assert f.format_percent(Decimal("16.66")) == "16,7 %"
    assert f.format_decimal(1234.5, 1) == "1.234,5"
    assert f.month_name(8) == "Agu"
    assert f.format_time_or_date(at, now=datetime(2026, 12, 5, tzinfo=UTC)) == "03 Des 09:05"
    assert f.format_time_or_date(at, now=at) == "09:05"


def test_english_keeps_english_months_and_the_same_numbers(qapp, jakarta):
    at = datetime(2026, 12, 3, 2, 5, tzinfo=UTC)
    assert f.format_datetime(at) == "03 Dec 2026 09:05"
    assert f.format_percent(Decimal("15.5")) == "15,5 %"
    assert f.format_count(1_000_000) == "1.000.000"


def test_times_follow_the_workspace_zone_not_the_machine(qapp, jakarta):
    at = datetime(2026, 12, 3, 23, 30, tzinfo=UTC)
    assert f.format_datetime(at) == "04 Dec 2026 06:30"
    f.set_display_zone(ZoneInfo("Asia/Jayapura"))
    assert f.format_datetime(at) == "04 Dec 2026 08:30"
    assert f.zone_label() == "Asia/Jayapura (UTC+09:00)"


def test_chart_axis_and_tooltip_speak_indonesian(qtbot, indonesian):
    from app.core.services.analytics.sales import Series
    from app.gui.analytics.charts import RevenueChart

    chart = RevenueChart(tz=ZoneInfo("Asia/Jakarta"))
    qtbot.addWidget(chart)
    days = [date(2026, 11, 1), date(2026, 12, 1)]
    revenue = (Decimal("50000.4"), Decimal("0"))
    chart.set_series([Series("a", "Toko A", tuple(days), revenue, (1, 0), (1, 0))])
    assert chart._tooltip_at(chart._xs[1], 0) == "01 Des 2026\nToko A: Rp 0"
    assert chart._tooltip_at(chart._xs[0], 0) == "01 Nov 2026\nToko A: Rp 50.000"
    axis = chart._axis
    axis.zoomLevel = next(  # the zoom level that writes months
        z for z in axis.zoomLevels.values() if any(s.format == "%b" for s in z.tickSpecs)
    )
    month_spec = next(s for s in axis.zoomLevel.tickSpecs if s.format == "%b")
    assert axis.tickStrings(chart._xs, 1, month_spec.spacing) == ["Nov", "Des"]


def test_date_boxes_follow_the_display_locale(qtbot, indonesian):
    before = QLocale()
    f.apply_display_locale()
    try:
        edit = QDateEdit(QDate(2026, 12, 3))
        qtbot.addWidget(edit)
        edit.setDisplayFormat("dd MMM yyyy")
        assert edit.text() == "03 Des 2026"
    finally:
        QLocale.setDefault(before)


def test_settings_show_the_time_zone(qtbot, window):
    page = window.show_page("settings")
    assert page.zone_label.text().startswith("Asia/Jakarta (UTC+07:00)")


def _month_button_text(edit: QDateEdit) -> str:
    """The month the calendar popup's navigation bar names."""
    from PySide6.QtWidgets import QToolButton

    button = edit.calendarWidget().findChild(QToolButton, "qt_calendar_monthbutton")
    return button.text()


def test_date_boxes_and_calendars_in_the_window_name_months_in_indonesian(indonesian, qtbot, gui):
    """The window's date boxes (Analytics, Orders, Export) and their calendar popups, built
    after the language is chosen, name months in Indonesian: no "03 Dec 2026"."""
    from app.gui.excel.export_dialog import ExportDialog
    from app.gui.main_window import MainWindow

    window = MainWindow(gui)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    edits = [
        window.show_page("analytics").first_edit,
        window.show_page("orders").date_from,
    ]
    dialog = ExportDialog(gui.ctx, window)
    qtbot.addWidget(dialog)
    edits.append(dialog.first_edit)
    for edit in edits:
        edit.setDate(QDate(2026, 12, 3))
        assert edit.text() == "03 Des 2026"
        assert _month_button_text(edit) == "Desember"
        edit.setDate(QDate(2026, 5, 3))
        assert edit.text() == "03 Mei 2026"
    qtbot.waitUntil(lambda: gui.runner.pending == 0, timeout=60_000)
    window.close()


def test_english_date_boxes_stay_english(qtbot, gui):
    from app.gui.i18n import install_language

    install_language(QApplication.instance(), "en")  # what start-up does for English
    edit = QDateEdit(QDate(2026, 12, 3))
    qtbot.addWidget(edit)
    edit.setDisplayFormat("dd MMM yyyy")
    edit.setCalendarPopup(True)
    assert edit.text() == "03 Dec 2026"
    assert _month_button_text(edit) == "December"
