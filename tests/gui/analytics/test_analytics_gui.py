"""The Analytics page, the revenue chart and the Excel dialogs, offscreen."""

from __future__ import annotations

import threading
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from app.core.export import reports
from app.core.export.importer import ImportKind
from app.core.services import catalog
from app.gui.analytics import AnalyticsPage, RangeChoice, RevenueChart, range_days
from app.gui.excel import ExportDialog, ImportDialog
from app.gui.excel import export_dialog as export_module
from tests.unit.analytics.seed import seed


@pytest.fixture
def data(ctx, workspace):
    """The seeded analytics dataset (1–3 November 2026)."""
    return seed(ctx, workspace)


@pytest.fixture
def page(qtbot, workspace, data, make_gui):
    """The Analytics page showing 1–3 November 2026 (computed off the GUI thread)."""
    widget = AnalyticsPage(make_gui(workspace))
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.refreshed, timeout=60_000):
        widget.set_range(date(2026, 11, 1), date(2026, 11, 3))
    return widget


class TestAnalyticsPage:
    def test_shows_the_figures(self, page):
        kpi = {name: label.text() for name, label in page.kpis.items()}
        assert kpi["Revenue"] == "Rp 305.000"
        assert kpi["Orders"] == "3"
        assert kpi["Avg. order"] == "Rp 101.667"  # whole rupiah on screen, half-up
        assert kpi["Profit"] == "Rp 104.400 (est.)"
        assert kpi["Cancelled"] == "16,7 %"
        assert not page.error_label.isVisibleTo(page)

    def test_charts_hold_the_series_and_hover_in_rupiah(self, page):
        chart = page.revenue_chart
        assert [s.label for s in chart.series()] == ["Toko Shopee", "Toko TikTok"]
        tip = chart.show_tooltip_at(chart._xs[1] + 3600, 0)
        assert tip == "02 Nov 2026\nToko Shopee: Rp 50.000\nToko TikTok: Rp 0"
        assert page.platform_chart.show_tooltip_at(0, 0) == "Shopee: Rp 185.000"
        assert page.top_chart.bars()[0] == ("Topi Rajut", Decimal("155000.00"))
        assert len(page.revenue_chart.legend.items) == 2

    def test_top_products_read_top_down_with_names_on_the_axis(self, page):
        top = page.top_chart
        best, n = top.bars()[0], len(top.bars())
        assert top.show_tooltip_at(1000, n - 1) == f"{best[0]}: Rp 155.000"  # the top bar
        ticks = top.plot.getAxis("left")._tickLevels[0]
        assert ticks[0] == (n - 1, "Topi Rajut")  # best first, drawn at the top
        assert page.platform_chart.legend is None  # the names are on the axis instead

    @pytest.mark.parametrize(
        ("value", "shown"),
        [(0, "0"), (950, "950"), (1500, "1,5K"), (250_000, "250K"), (1_200_000, "1,2M"),
         (3_000_000_000, "3B"), (-2_000_000, "-2M")],
    )  # fmt: skip
    def test_money_axes_read_in_thousands_and_millions(self, value, shown):
        from app.gui.analytics.charts import compact_money

        assert compact_money(value) == shown

    def test_range_selector_refreshes(self, qtbot, page):
        with qtbot.waitSignal(page.refreshed, timeout=60_000) as blocker:
            page.range_combo.setCurrentIndex(page.range_combo.findData(RangeChoice.LAST_7))
        first, last = page.selected_days()
        assert (last - first).days == 6
        assert blocker.args[0].first_day == first
        assert not page.first_edit.isEnabled()

    def test_a_reversed_custom_range_says_so(self, page):
        page.set_range(date(2026, 11, 3), date(2026, 11, 1))
        assert "ends before it starts" in page.error_label.text()

    def test_revenue_chart_alone(self, qtbot, page):
        chart = RevenueChart()
        qtbot.addWidget(chart)
        chart.set_series(page.dashboard.series_by_store)
        assert len(chart.series()) == 2


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        (RangeChoice.LAST_7, (date(2026, 3, 9), date(2026, 3, 15))),
        (RangeChoice.LAST_30, (date(2026, 2, 14), date(2026, 3, 15))),
        (RangeChoice.THIS_MONTH, (date(2026, 3, 1), date(2026, 3, 15))),
        (RangeChoice.LAST_MONTH, (date(2026, 2, 1), date(2026, 2, 28))),
    ],
)
def test_range_presets(choice, expected):
    assert range_days(choice, date(2026, 3, 15)) == expected


class TestExportDialog:
    def test_opens_on_this_month_to_date_with_stores_in_words(self, qtbot, ctx, data):
        from app.core.services.analytics.calendar import today

        dialog = ExportDialog(ctx)
        qtbot.addWidget(dialog)
        now = today(ctx)
        assert dialog.first_edit.date().toPython() == now.replace(day=1)
        assert dialog.last_edit.date().toPython() == now
        names = [dialog.store_list.item(i).text() for i in range(dialog.store_list.count())]
        assert names and not any("_" in n for n in names)  # "TikTok Shop", not tiktok_shop

    def make(self, qtbot, ctx, tmp_path):
        dialog = ExportDialog(ctx)
        qtbot.addWidget(dialog)
        dialog.first_edit.setDate(date(2026, 11, 1))
        dialog.last_edit.setDate(date(2026, 11, 30))
        dialog.path_edit.setText(str(tmp_path / "out.xlsx"))
        return dialog

    def test_exports_on_a_worker_thread(self, qtbot, ctx, data, tmp_path):
        dialog = self.make(qtbot, ctx, tmp_path)
        dialog.kind_combo.setCurrentIndex(
            dialog.kind_combo.findData(reports.ExportKind.SALES_SUMMARY)
        )
        with qtbot.waitSignal(dialog.export_finished, timeout=20_000) as blocker:
            dialog.start_export()
            assert dialog.is_running() and not dialog.export_button.isEnabled()
        assert blocker.args[0].rows == 2
        assert load_workbook(tmp_path / "out.xlsx").sheetnames[1] == "Sales summary"
        assert dialog.export_button.isEnabled() and "Saved 2 rows" in dialog.status_label.text()

    def test_cancel_stops_the_export_and_leaves_no_file(
        self, qtbot, ctx, data, tmp_path, monkeypatch
    ):
        gate = threading.Event()

        def held_export(*args, **kw):
            gate.wait(10)  # hold the worker until the user has pressed Cancel
            return reports.run_export(*args, **kw)

        monkeypatch.setattr(export_module, "run_export", held_export)
        dialog = self.make(qtbot, ctx, tmp_path)
        with qtbot.waitSignal(dialog.export_cancelled, timeout=20_000):
            dialog.start_export()
            dialog.cancel_button.click()
            gate.set()
        assert not (tmp_path / "out.xlsx").exists()
        assert "cancelled" in dialog.status_label.text()
        assert dialog.export_button.isEnabled() and not dialog.cancel_button.isEnabled()

    def test_store_choice(self, qtbot, ctx, data, tmp_path):
        dialog = self.make(qtbot, ctx, tmp_path)
        assert dialog.request().store_ids is None
        dialog.store_list.item(0).setCheckState(dialog.store_list.item(0).checkState().Unchecked)
        assert dialog.request().store_ids == (data.tiktok,)


class TestImportDialog:
    def make(self, qtbot, ctx):
        dialog = ImportDialog(ctx)
        qtbot.addWidget(dialog)
        return dialog

    def test_a_prefilled_stock_template_is_written_off_the_gui_thread(
        self, qtbot, ctx, tmp_path, monkeypatch
    ):
        """A pre-filled stock template of a huge catalog takes a while: it is written on
        a worker thread while the dialog shows a busy bar and stays responsive."""
        from app.core.services import inventory, locations
        from app.gui.excel import import_dialog as module
        from tests.helpers.factories import product

        kaos = product(ctx, skus=("KAOS-01", "KAOS-02"))
        inventory.receive(ctx, kaos.variants[0].id, locations.list_locations(ctx)[0].id, 7)
        release, threads = threading.Event(), []
        real = module.write_template

        def slow_write(*args, **kwargs):  # a big catalog: held until the test looked
            threads.append(threading.current_thread())
            assert release.wait(60)
            return real(*args, **kwargs)

        monkeypatch.setattr(module, "write_template", slow_write)
        dialog = self.make(qtbot, ctx)
        dialog.show()
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(ImportKind.STOCK))
        assert dialog.prefill.isChecked()
        path = dialog.save_template(tmp_path / "count.xlsx")
        qtbot.waitUntil(lambda: bool(threads), timeout=60_000)
        assert threads[0] is not threading.main_thread()
        assert dialog.progress_bar.isVisible() and dialog.progress_bar.maximum() == 0  # busy
        assert not dialog.template_button.isEnabled()
        dialog.reject()  # not while the file is written
        assert dialog.isVisible()
        with qtbot.waitSignal(dialog.template_saved, timeout=60_000):
            release.set()
        assert not dialog.progress_bar.isVisible() and dialog.template_button.isEnabled()
        assert str(path) in dialog.status_label.text()
        rows = list(load_workbook(path).active.iter_rows(min_row=2, values_only=True))
        assert [(r[0], r[2]) for r in rows] == [("KAOS-01", 7)]

    def test_a_prefilled_product_template_is_the_catalog_with_bundle_components(
        self, qtbot, ctx, tmp_path
    ):
        """Products + "Fill in the catalog": the whole catalog to edit and import again,
        a bundle's components written as SKU×qty."""
        from app.core.services import bundles
        from tests.helpers.factories import product

        product(ctx, skus=("KOPI-01", "MADU-00"))
        product(ctx, skus=("PAKET-01",))
        bundles.set_components_by_sku(ctx, "PAKET-01", "KOPI-01×2, MADU-00×1")
        dialog = self.make(qtbot, ctx)
        dialog.show()
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(ImportKind.PRODUCTS))
        assert dialog.prefill.isEnabled() and dialog.prefill.isChecked()
        with qtbot.waitSignal(dialog.template_saved, timeout=60_000):
            path = dialog.save_template(tmp_path / "products.xlsx")
        rows = list(load_workbook(path).active.iter_rows(values_only=True))
        header = next(r for r in rows if "Components" in r)
        sku, parts = header.index("SKU"), header.index("Components")
        by_sku = {r[sku]: r[parts] for r in rows[rows.index(header) + 1 :] if r[sku]}
        assert by_sku["PAKET-01"] == "KOPI-01×2, MADU-00×1"
        assert set(by_sku) == {"KOPI-01", "MADU-00", "PAKET-01"}

    def test_problems_are_listed_and_import_stays_disabled(
        self, qtbot, qtmodeltester, ctx, tmp_path
    ):
        wb = Workbook()
        wb.active.append(["Nama Produk", "SKU"])
        wb.active.append(["Kaos", "A 1"])
        wb.save(tmp_path / "bad.xlsx")
        dialog = self.make(qtbot, ctx)
        dialog.path_edit.setText(str(tmp_path / "bad.xlsx"))
        with qtbot.waitSignal(dialog.checked, timeout=20_000):
            dialog.check_file()
        model = dialog.problems
        assert model.rowCount() == 1
        cells = [model.index(0, c).data() for c in range(3)]
        assert cells == ["2", "SKU", "SKU 'A 1' contains a space; use - or _ instead"]
        assert not dialog.import_button.isEnabled() and dialog.report_button.isEnabled()
        qtmodeltester.check(model)
        out = dialog.save_report(tmp_path / "marked.xlsx")
        assert load_workbook(out).active["B2"].comment is not None

    def test_a_clean_file_imports(self, qtbot, ctx, tmp_path):
        dialog = self.make(qtbot, ctx)
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(ImportKind.PRODUCTS))
        with qtbot.waitSignal(dialog.template_saved, timeout=60_000):
            template = dialog.save_template(tmp_path / "tpl.xlsx")
        wb = load_workbook(template)
        wb["Products"].append(["Kaos Polos", "KAOS-99", "Hitam", 75000, 40000])
        wb.save(template)
        dialog.path_edit.setText(str(template))
        with qtbot.waitSignal(dialog.checked, timeout=20_000):
            dialog.check_file()
        assert dialog.import_button.isEnabled() and dialog.problems.rowCount() == 0
        assert not dialog.progress_bar.isVisibleTo(dialog)
        shown: list[int] = []
        dialog.progress_bar.valueChanged.connect(shown.append)
        with qtbot.waitSignal(dialog.imported, timeout=60_000) as blocker:
            dialog.import_button.click()
            assert dialog.progress_bar.isVisibleTo(dialog)  # while it runs
        assert blocker.args[0].variants_created == 1
        qtbot.waitUntil(lambda: 100 in shown, timeout=60_000)  # the bar reached the end
        assert not dialog.progress_bar.isVisibleTo(dialog)
        assert catalog.find_variant_by_sku(ctx, "KAOS-99").price == Decimal("75000.00")
        assert not dialog.import_button.isEnabled()  # importing twice would duplicate
