"""The catalog table model: variant id snapshot (search + sort in SQL) with LRU pages."""

from __future__ import annotations

from array import array
from dataclasses import dataclass

from PySide6.QtCore import QObject

from app.core.domain import ProductStatus
from app.core.services import catalog
from app.core.services.cancel import CancelToken
from app.core.services.catalog import VariantRow
from app.core.services.context import ServiceContext
from app.gui.formatting import format_rupiah, humanize
from app.gui.i18n import N_
from app.gui.runner import BackgroundRunner
from app.gui.widgets.columns import ERROR, MUTED, RIGHT, WARNING, Column
from app.gui.widgets.paged_model import PagedTableModel


@dataclass(frozen=True)
class CatalogFilter:
    """What the catalog shows: typed search, archived or not, one category."""

    search: str = ""
    include_archived: bool = False
    category: str | None = None


def _stock_colour(r: VariantRow) -> str | None:
    if r.available <= 0:
        return ERROR
    return WARNING if r.available <= 5 else None


CATALOG_COLUMNS: list[Column[VariantRow]] = [
    Column(N_("SKU"), lambda r: r.sku, "sku", width=150),
    Column(N_("Product"), lambda r: r.product_name, "name", width=260),
    Column(N_("Variant"), lambda r: r.variant_name, width=140),
    Column(N_("Brand"), lambda r: r.brand, width=110),
    Column(N_("Category"), lambda r: r.category, width=120),
    Column(N_("Price"), lambda r: format_rupiah(r.price), "price", align=RIGHT, width=110),
    Column(N_("Cost"), lambda r: format_rupiah(r.cost), align=RIGHT, width=110),
    Column(N_("On hand"), lambda r: r.on_hand, align=RIGHT, width=80),
    Column(N_("Available"), lambda r: r.available, align=RIGHT, color=_stock_colour, width=80),
    Column(
        N_("Status"),
        lambda r: humanize(r.status),
        color=lambda r: MUTED if r.status == ProductStatus.ARCHIVED else None,
        width=80,
    ),
]


class CatalogModel(PagedTableModel[VariantRow]):
    """Variants matching a :class:`CatalogFilter`, sorted by sku, name, price or id."""

    def __init__(
        self, ctx: ServiceContext, runner: BackgroundRunner, parent: QObject | None = None
    ) -> None:
        def ids(
            flt: CatalogFilter, key: str, desc: bool, cancel: CancelToken, limit: int | None
        ) -> array:
            return catalog.variant_ids(
                ctx,
                flt.search,
                sort=key,
                descending=desc,
                include_archived=flt.include_archived,
                category=flt.category,
                limit=limit,
                cancel=cancel,
            )

        super().__init__(
            runner,
            CATALOG_COLUMNS,
            ids,
            lambda page: catalog.variant_rows(ctx, page),
            sort="sku",
            flt=CatalogFilter(),
            # a newer keystroke cancels the older query; without typed text the first page
            # comes straight from a sort index, long before the whole catalog is listed
            cancellable=True,
            first_page=lambda flt: not flt.search.strip(),
            parent=parent,
        )
