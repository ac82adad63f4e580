"""The exports on offer, apart from :mod:`app.core.export.reports`: the command line lists
them (``storesync export KIND``) at every start, also the app's, and importing the reports
module loads openpyxl and the whole export machinery (tests/perf/bench_imports.py)."""

from __future__ import annotations

import enum


class ExportKind(enum.StrEnum):
    """The exports on offer (the values are the command-line names)."""

    ORDERS = "orders"
    ORDER_LINES = "order-lines"
    SALES_SUMMARY = "sales-summary"
    INVENTORY = "inventory"
    MOVEMENTS = "movements"

    @property
    def label(self) -> str:
        """The title a person reads."""
        return _TITLES[self]


_TITLES = {
    ExportKind.ORDERS: "Orders",
    ExportKind.ORDER_LINES: "Order lines",
    ExportKind.SALES_SUMMARY: "Monthly sales summary",
    ExportKind.INVENTORY: "Inventory valuation at cost",
    ExportKind.MOVEMENTS: "Stock movements",
}
