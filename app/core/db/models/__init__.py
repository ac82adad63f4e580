"""All models, importable from one place (Alembic's autogenerate reads ``Base.metadata``)."""

from app.core.db.models.analytics import SalesDaily, SalesDailyVariant, SalesMonthlyVariant
from app.core.db.models.base import Base
from app.core.db.models.bundles import BundleComponent
from app.core.db.models.catalog import SKU_MAX_LENGTH, Product, Variant
from app.core.db.models.inventory import InventoryItem, InventoryTransaction, Location
from app.core.db.models.orders import Order, OrderItem, OrderStatusChange
from app.core.db.models.prices import ListingPrice, PricePush
from app.core.db.models.returns import OrderReturn, OrderReturnLine
from app.core.db.models.shipping import OrderPackage
from app.core.db.models.stores import ChannelListing, Store
from app.core.db.models.sync import StockPush, SyncCursor, SyncJob, SyncLog
from app.core.db.models.team import ChangeCounter, StoreLease, StoreLeaseEvent
from app.core.db.models.workspace import AuditEntry, PlatformRow, Setting, User, Workspace

__all__ = [
    "SKU_MAX_LENGTH",
    "AuditEntry",
    "Base",
    "BundleComponent",
    "ChangeCounter",
    "ChannelListing",
    "InventoryItem",
    "InventoryTransaction",
    "ListingPrice",
    "Location",
    "Order",
    "OrderItem",
    "OrderPackage",
    "OrderReturn",
    "OrderReturnLine",
    "OrderStatusChange",
    "PlatformRow",
    "PricePush",
    "Product",
    "SalesDaily",
    "SalesDailyVariant",
    "SalesMonthlyVariant",
    "Setting",
    "StockPush",
    "Store",
    "StoreLease",
    "StoreLeaseEvent",
    "SyncCursor",
    "SyncJob",
    "SyncLog",
    "User",
    "Variant",
    "Workspace",
]
