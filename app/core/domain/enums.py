"""Enumerations every layer shares. Stored in the database as their string values."""

from __future__ import annotations

import enum

__all__ = [
    "DriftPolicy",
    "Environment",
    "InventoryState",
    "JobKind",
    "JobStatus",
    "ListingMatch",
    "OrderStatus",
    "OutboxStatus",
    "Platform",
    "ProductStatus",
    "Role",
    "StoreStatus",
    "TxnType",
]


class Platform(enum.StrEnum):
    """Marketplaces we speak to. Values are stored in the database."""

    SHOPEE = "shopee"
    TIKTOK_SHOP = "tiktok_shop"
    CUSTOM_WEBSITE = "custom_website"  # a site speaking docs/custom-store-api.md
    WOOCOMMERCE = "woocommerce"

    @property
    def is_website(self) -> bool:
        """A seller's own site: connected with keys, no marketplace in between."""
        return self in (Platform.CUSTOM_WEBSITE, Platform.WOOCOMMERCE)


class OrderStatus(enum.StrEnum):
    """Our normalized order status; each adapter maps its platform's statuses onto these.

    The inventory effect of each status is decided in the orders service, not here.
    """

    UNPAID = "unpaid"
    TO_SHIP = "to_ship"  # paid, waiting for the seller to ship
    SHIPPED = "shipped"  # handed to the carrier / in transit
    COMPLETED = "completed"  # delivered and confirmed
    CANCELLED = "cancelled"
    RETURNED = "returned"  # return or refund requested/finished after shipping


class Role(enum.StrEnum):
    """What a local user may do (the permissions of each: app/core/services/permissions.py).

    ``staff`` packs (ship, print, adjust stock with a reason); it was ``member`` before
    migration 0010, which renamed the stored rows."""

    OWNER = "owner"
    ADMIN = "admin"
    STAFF = "staff"
    VIEWER = "viewer"


class Environment(enum.StrEnum):
    """Which API a store talks to."""

    PRODUCTION = "production"
    PLATFORM_SANDBOX = "platform_sandbox"  # the marketplace's own test host
    LOCAL_SANDBOX = "local_sandbox"  # our emulator on 127.0.0.1


class StoreStatus(enum.StrEnum):
    """A store's sync health as the seller sees it."""

    IDLE = "idle"
    SYNCING = "syncing"
    PAUSED = "paused"
    ERROR = "error"
    NEEDS_REAUTH = "needs_reauth"
    DISCONNECTED = "disconnected"


class DriftPolicy(enum.StrEnum):
    """What wins when a platform's stock differs from what we pushed."""

    MASTER_WINS = "master_wins"
    ACCEPT_PLATFORM = "accept_platform"


class ProductStatus(enum.StrEnum):
    """Catalog lifecycle."""

    ACTIVE = "active"
    ARCHIVED = "archived"


class ListingMatch(enum.StrEnum):
    """How a channel listing got its variant."""

    NONE = "none"
    SKU_EXACT = "sku_exact"
    SKU_NORMALIZED = "sku_normalized"
    MANUAL = "manual"


class InventoryState(enum.StrEnum):
    """An order item's effect on stock (DESIGN §2)."""

    NONE = "none"
    RESERVED = "reserved"
    DEDUCTED = "deducted"
    RELEASED = "released"
    RETURNED = "returned"  # a received return put back on the shelf
    WRITTEN_OFF = "written_off"  # a received return written off: no stock came back


class TxnType(enum.StrEnum):
    """Kinds of ledger rows."""

    ADJUSTMENT = "adjustment"
    PURCHASE = "purchase"
    SALE = "sale"
    RESERVATION = "reservation"
    RELEASE = "release"
    RETURN = "return"
    TRANSFER = "transfer"
    IMPORT = "import"
    STOCKTAKE = "stocktake"
    WRITE_OFF = "write_off"  # returned units not put back (no stock change, a record)


class JobKind(enum.StrEnum):
    """Sync job kinds."""

    PRODUCTS = "products"
    ORDERS = "orders"
    STOCK_PUSH = "stock_push"
    # a seller's actions, run on request only (SyncEngine.run_action)
    SHIP = "ship"
    DOCUMENTS = "documents"
    CANCEL = "cancel"
    # not a job of its own: the cursor of the returns fetched inside the orders job
    RETURNS = "returns"


class JobStatus(enum.StrEnum):
    """Sync job lifecycle."""

    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    INTERRUPTED = "interrupted"
    CANCELLED = "cancelled"


class OutboxStatus(enum.StrEnum):
    """Stock push outbox row state."""

    PENDING = "pending"
    FAILED = "failed"  # waiting for a retry at next_attempt_at
    DONE = "done"
