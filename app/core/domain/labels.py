"""Airway bills (shipping labels): what an adapter hands back per order and package.

The merge, the cache and the job live above (docs/ARCHITECTURE.md, "Fulfilment"); these
records only carry the PDFs and the reason an order could not print.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.domain.enums import Platform

__all__ = ["LABEL_STATUSES", "OrderLabels", "PackageLabel"]

#: platform statuses in which a label can be printed: shipment arranged, not yet picked
#: up (Shopee reference §5.17: PROCESSED only; TikTok §5.5: AWAITING_COLLECTION). The
#: command line's ``--all-shipped`` selects these; the adapters check the live status.
LABEL_STATUSES: dict[Platform, frozenset[str]] = {
    Platform.SHOPEE: frozenset({"PROCESSED"}),
    Platform.TIKTOK_SHOP: frozenset({"AWAITING_COLLECTION"}),
}


@dataclass(frozen=True)
class PackageLabel:
    """One package's airway bill: a whole PDF (one page or more)."""

    package_id: str
    tracking_number: str
    data: bytes


@dataclass(frozen=True)
class OrderLabels:
    """An order's labels, one per package in the platform's order, or why there are none.

    ``error`` is one line for the seller (e.g. "arrange shipment first"); an order with an
    error has no labels: a half-printed order would look complete on the packing table.
    """

    platform_order_id: str
    labels: tuple[PackageLabel, ...] = ()
    error: str = ""

    @property
    def ok(self) -> bool:
        """Whether every package of the order has its label."""
        return not self.error and bool(self.labels)
