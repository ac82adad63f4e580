"""Typed settings: every preference declared once, with its type and default.

Workspace preferences live in the ``settings`` table; per-store preferences in
``stores.settings`` (JSON) and are read through :class:`StoreSettings`. UI state
(geometry, splitters, column widths) is kept apart, in the data folder.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from decimal import Decimal
from typing import Any, Generic, TypeVar

from sqlalchemy import select

from app.core.db.models import Setting
from app.core.domain import DriftPolicy
from app.core.services import audit
from app.core.services.context import ServiceContext
from app.core.services.errors import ValidationError
from app.core.text import msg

T = TypeVar("T")


@dataclass(frozen=True)
class SettingDef(Generic[T]):
    """A declared workspace preference."""

    key: str
    type: type
    default: T
    doc: str


SETTINGS: dict[str, SettingDef[Any]] = {
    d.key: d
    for d in (
        SettingDef(
            "allow_negative_stock",
            bool,
            False,
            "Allow manual changes that take on-hand stock below zero.",
        ),
        SettingDef(
            "low_stock_default_point",
            int,
            5,
            "Reorder point used for items that have none of their own.",
        ),
        SettingDef("notify_low_stock", bool, True, "Notify when an item runs low."),
        SettingDef("notify_sync_failed", bool, True, "Notify when a sync job fails."),
        SettingDef("notify_reauth", bool, True, "Notify when a store needs re-authorization."),
        SettingDef("language", str, "en", "Interface language (en or id)."),
        SettingDef("slow_mover_days", int, 30, "Days without a sale that make a slow mover."),
    )
}


def get_setting(ctx: ServiceContext, key: str) -> Any:
    """A workspace preference (its default when never set)."""
    d = SETTINGS[key]
    with ctx.read() as s:
        row = s.scalars(
            select(Setting).where(Setting.workspace_id == ctx.workspace_id, Setting.key == key)
        ).first()
        return d.default if row is None else d.type(row.value)


def set_setting(ctx: ServiceContext, key: str, value: Any) -> None:
    """Change a preference, checked against its declared type, with an audit entry."""
    if key not in SETTINGS:
        raise ValidationError(msg("unknown setting {key!r}", key=key), field=key)
    d = SETTINGS[key]
    if not isinstance(value, d.type) or (d.type is int and isinstance(value, bool)):
        raise ValidationError(msg("{key} must be {type}", key=key, type=d.type.__name__), field=key)
    with ctx.write() as s:
        row = s.scalars(
            select(Setting).where(Setting.workspace_id == ctx.workspace_id, Setting.key == key)
        ).first()
        before = d.default if row is None else row.value
        if row is None:
            s.add(Setting(workspace_id=ctx.workspace_id, key=key, value=value))
        else:
            row.value = value
        audit.record(s, ctx, "setting", key, "update", {"value": before}, {"value": value})


@dataclass(frozen=True)
class StoreSettings:
    """A store's sync and stock policy. Stored as JSON on the store row."""

    orders_interval_s: int = 60
    products_interval_s: int = 6 * 3600
    location_id: int | None = None  # None: the workspace's default location
    buffer: int = 0  # units held back from this channel
    percentage: int = 100  # share of available stock offered here
    cap: int | None = None  # never offer more than this
    drift_policy: DriftPolicy = DriftPolicy.MASTER_WINS
    fee_rate_percent: Decimal = Decimal("8.0")  # estimate when no escrow/finance data
    import_unmatched: bool = True  # create master products for listings with unknown SKUs

    def __post_init__(self) -> None:
        if self.orders_interval_s < 10:
            raise ValidationError(msg("orders interval must be at least 10 s"), "orders_interval_s")
        if self.products_interval_s < 60:
            raise ValidationError(
                msg("product interval must be at least 60 s"), "products_interval_s"
            )
        if self.buffer < 0:
            raise ValidationError(msg("buffer cannot be negative"), "buffer")
        if not 0 <= self.percentage <= 100:
            raise ValidationError(msg("percentage must be between 0 and 100"), "percentage")
        if self.cap is not None and self.cap < 0:
            raise ValidationError(msg("cap cannot be negative"), "cap")
        if not Decimal(0) <= Decimal(self.fee_rate_percent) <= Decimal(100):
            raise ValidationError(
                msg("fee estimate must be between 0 and 100 %"), "fee_rate_percent"
            )

    def channel_stock(self, available: int) -> int:
        """What this store should show for ``available`` master stock (DESIGN §2)."""
        value = max(0, available - self.buffer)
        value = value * self.percentage // 100
        if self.cap is not None:
            value = min(value, self.cap)
        return max(0, value)

    def to_json(self) -> dict[str, Any]:
        """JSON-safe form for ``stores.settings``."""
        data = asdict(self)
        data["drift_policy"] = self.drift_policy.value
        data["fee_rate_percent"] = str(self.fee_rate_percent)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> StoreSettings:
        """Read back, ignoring unknown keys and filling new ones with defaults."""
        data = dict(data or {})
        known = {f.name for f in fields(cls)}
        kw = {k: v for k, v in data.items() if k in known}
        if "drift_policy" in kw:
            kw["drift_policy"] = DriftPolicy(kw["drift_policy"])
        if "fee_rate_percent" in kw:
            kw["fee_rate_percent"] = Decimal(str(kw["fee_rate_percent"]))
        return cls(**kw)
