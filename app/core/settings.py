"""Typed settings: every preference declared once, with its type and default.

Workspace preferences live in the ``settings`` table and are read through their
:class:`SettingDef`: ``get_setting(ctx, LOW_STOCK_DEFAULT_POINT)`` is an ``int``.
The table also stores ``settings_version``; :func:`upgrade_settings` (run when a
workspace is opened) applies the steps in :data:`UPGRADES` that a database has not
had yet. Per-store preferences live in ``stores.settings`` (JSON) and are read through
:class:`StoreSettings`. UI state (geometry, splitters, column widths) is kept apart,
in the data folder.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from decimal import Decimal
from typing import Any, Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.db.backup import KEEP_DEFAULT, KEEP_MAX, KEEP_SETTING_KEY
from app.core.db.models import Setting
from app.core.domain import DriftPolicy
from app.core.services import audit
from app.core.services.context import ServiceContext
from app.core.services.errors import ValidationError
from app.core.services.permissions import Permission, require
from app.core.text import msg

log = logging.getLogger(__name__)

T = TypeVar("T")

_TRUE = frozenset({"true", "1", "yes", "on"})
_FALSE = frozenset({"false", "0", "no", "off"})


@dataclass(frozen=True)
class SettingDef(Generic[T]):
    """A declared workspace preference; reading it through :func:`get_setting` gives a T."""

    key: str
    type: type[T]
    default: T
    doc: str
    minimum: int | None = None  # for numbers: the smallest and largest value allowed
    maximum: int | None = None
    moves_channel_stock: bool = False  # a change recomputes what every store is shown

    def accepts(self, value: object) -> bool:
        """Whether ``value`` is exactly of this setting's type (an int is not a bool)."""
        if self.type is int and isinstance(value, bool):
            return False
        return isinstance(value, self.type)

    def in_bounds(self, value: object) -> bool:
        """Whether a number lies within ``minimum``..``maximum`` (other types: always)."""
        if not isinstance(value, int) or isinstance(value, bool):
            return True
        low = self.minimum if self.minimum is not None else value
        high = self.maximum if self.maximum is not None else value
        return low <= value <= high

    def coerce(self, raw: object) -> T | None:
        """A stored value as this setting's type, or None when it cannot be one.

        Besides values of the right type, reads what older or hand-edited databases
        hold: ``"true"``/``"0"`` for a flag, ``"12"`` or ``12.0`` for a number.
        """
        if self.accepts(raw):
            return raw  # type: ignore[return-value]
        value: object = None
        if self.type is bool:
            if isinstance(raw, int) and raw in (0, 1):
                value = bool(raw)
            elif isinstance(raw, str) and raw.strip().lower() in _TRUE | _FALSE:
                value = raw.strip().lower() in _TRUE
        elif self.type is int:
            if isinstance(raw, float) and raw.is_integer():
                value = int(raw)
            elif isinstance(raw, str) and raw.strip().lstrip("-").isdigit():
                value = int(raw.strip())
        return value  # type: ignore[return-value]


ALLOW_NEGATIVE_STOCK = SettingDef(
    "allow_negative_stock", bool, False, "Allow manual changes that take on-hand stock below zero."
)
LOW_STOCK_DEFAULT_POINT = SettingDef(
    "low_stock_default_point", int, 5, "Reorder point used for items that have none of their own."
)
NOTIFY_LOW_STOCK = SettingDef("notify_low_stock", bool, True, "Notify when an item runs low.")
NOTIFY_SYNC_FAILED = SettingDef("notify_sync_failed", bool, True, "Notify when a sync job fails.")
NOTIFY_REAUTH = SettingDef(
    "notify_reauth", bool, True, "Notify when a store needs re-authorization."
)
LANGUAGE = SettingDef("language", str, "en", "Interface language (en or id).")
SLOW_MOVER_DAYS = SettingDef(
    "slow_mover_days", int, 30, "Days without a sale that make a slow mover."
)
#: the pruning of every backup (daily, manual, before a migration) keeps this many; the db
#: layer reads the same row when no caller passes a number (app.core.db.backup.stored_keep)
BACKUPS_TO_KEEP = SettingDef(
    KEEP_SETTING_KEY,
    int,
    KEEP_DEFAULT,
    "Backups to keep (one is made each day while StoreSync runs).",
    minimum=1,
    maximum=KEEP_MAX,
)

# the last-units rule (app/core/services/channel_stock.py, docs/ARCHITECTURE.md): at or
# below this many available units a variant listed on several stores is offered on one
LAST_UNITS_THRESHOLD = SettingDef(
    "last_units_threshold",
    int,
    0,
    "Offer the last units on one store only (0: off).",
    minimum=0,
    maximum=100_000,
    moves_channel_stock=True,
)

#: every workspace preference, in the order the Settings page shows them
SETTINGS: dict[str, SettingDef[Any]] = {
    d.key: d
    for d in (
        ALLOW_NEGATIVE_STOCK,
        LOW_STOCK_DEFAULT_POINT,
        NOTIFY_LOW_STOCK,
        NOTIFY_SYNC_FAILED,
        NOTIFY_REAUTH,
        LANGUAGE,
        SLOW_MOVER_DAYS,
        BACKUPS_TO_KEEP,
        LAST_UNITS_THRESHOLD,
    )
}


def _rows(session: Session, workspace_id: int, *keys: str) -> dict[str, Setting]:
    stmt = select(Setting).where(Setting.workspace_id == workspace_id)
    if keys:
        stmt = stmt.where(Setting.key.in_(keys))
    return {row.key: row for row in session.scalars(stmt)}


def _value(d: SettingDef[T], row: Setting | None) -> T:
    if row is None:
        return d.default
    value = d.coerce(row.value)
    if value is None or not d.in_bounds(value):
        log.warning("setting %s holds %r, not a %s: using %r", d.key, row.value, d.type, d.default)
        return d.default
    return value


def setting_in(session: Session, workspace_id: int, d: SettingDef[T]) -> T:
    """A workspace preference inside the caller's unit of work (its default when unset)."""
    return _value(d, _rows(session, workspace_id, d.key).get(d.key))


def get_setting(ctx: ServiceContext, d: SettingDef[T]) -> T:
    """A workspace preference, typed as declared (its default when never set)."""
    with ctx.read() as s:
        return setting_in(s, ctx.workspace_id, d)


def get_settings(ctx: ServiceContext) -> dict[str, Any]:
    """Every declared preference by key, read in one unit of work."""
    with ctx.read() as s:
        rows = _rows(s, ctx.workspace_id, *SETTINGS)
    return {key: _value(d, rows.get(key)) for key, d in SETTINGS.items()}


def set_setting(ctx: ServiceContext, d: SettingDef[T], value: T) -> None:
    """Change a preference, checked against its declared type, with an audit entry."""
    require(ctx, Permission.EDIT_SETTINGS)
    if SETTINGS.get(d.key) is not d:
        raise ValidationError(msg("unknown setting {key!r}", key=d.key), field=d.key)
    if not d.accepts(value):
        raise ValidationError(
            msg("{key} must be {type}", key=d.key, type=d.type.__name__), field=d.key
        )
    if not d.in_bounds(value):
        raise ValidationError(
            msg(
                "{key} must be between {low} and {high}",
                key=d.key,
                low=d.minimum,
                high=d.maximum,
            ),
            field=d.key,
        )
    with ctx.write() as s:
        row = _rows(s, ctx.workspace_id, d.key).get(d.key)
        before = d.default if row is None else row.value
        if row is None:
            s.add(Setting(workspace_id=ctx.workspace_id, key=d.key, value=value))
        else:
            row.value = value
        audit.record(s, ctx, "setting", d.key, "update", {"value": before}, {"value": value})
        if d.moves_channel_stock and before != value:
            # the outbox hook pushes what changed in this same unit of work; imported
            # here because channel_stock itself reads settings
            from app.core.services.channel_stock import touch_all_listings

            touch_all_listings(s, ctx.workspace_id)


# ---------------------------------------------------------------------- upgrades

#: the settings-table row that says which upgrade steps a workspace has had (not shown
#: on the Settings page: it is not in SETTINGS)
VERSION = SettingDef("settings_version", int, 0, "Upgrade steps applied to these settings.")


def _validate_stored_values(session: Session, workspace_id: int) -> None:
    """Step 1: every stored value is of its declared type; what cannot be is dropped.

    Databases from before the version existed were written through ``set_setting``
    but read back with a plain cast (``bool("false")`` is True). Values that read as
    their type (``"12"``, ``"false"``, ``1.0``) are stored typed; the others are
    removed, so the default applies. Keys this version does not declare are kept (a
    newer StoreSync may have written them).
    """
    for key, row in _rows(session, workspace_id).items():
        if key == VERSION.key:
            continue
        d = SETTINGS.get(key)
        if d is None:
            log.info("settings upgrade: keeping %s, which this version does not declare", key)
            continue
        if d.accepts(row.value):
            continue
        value = d.coerce(row.value)
        if value is None:
            log.warning("settings upgrade: dropping %s=%r (not a %s)", key, row.value, d.type)
            session.delete(row)
        else:
            log.warning("settings upgrade: %s=%r stored as %r", key, row.value, value)
            row.value = value


#: step n (1-based) takes a workspace's settings from version n-1 to n
UPGRADES: tuple[Callable[[Session, int], None], ...] = (_validate_stored_values,)
#: the version a workspace's settings have after :func:`upgrade_settings`
SETTINGS_VERSION = len(UPGRADES)


def settings_version(ctx: ServiceContext) -> int:
    """The settings version stored for the workspace (0: never upgraded)."""
    return get_setting(ctx, VERSION)


def upgrade_settings(ctx: ServiceContext) -> int:
    """Apply the upgrade steps the workspace has not had, in one unit of work.

    Returns the version stored afterwards. Settings written by a newer StoreSync
    (a higher version) are left as they are.
    """
    with ctx.read() as s:  # without the write lock: usually there is nothing to do
        stored = _value(VERSION, _rows(s, ctx.workspace_id, VERSION.key).get(VERSION.key))
        if stored == SETTINGS_VERSION:
            return stored
    with ctx.write() as s:
        row = _rows(s, ctx.workspace_id, VERSION.key).get(VERSION.key)
        version = _value(VERSION, row)
        if version > SETTINGS_VERSION:
            log.warning(
                "settings are at version %d, newer than this StoreSync (%d): not upgraded",
                version,
                SETTINGS_VERSION,
            )
            return version
        for number in range(version + 1, SETTINGS_VERSION + 1):
            UPGRADES[number - 1](s, ctx.workspace_id)
            log.info("settings upgraded to version %d", number)
        if row is None:
            s.add(Setting(workspace_id=ctx.workspace_id, key=VERSION.key, value=SETTINGS_VERSION))
        elif version != SETTINGS_VERSION:
            row.value = SETTINGS_VERSION
    return SETTINGS_VERSION


#: a store's price rule: the rounding steps (Rp; 0 = whole rupiah) and the percentage range
PRICE_ROUNDINGS = (0, 100, 500, 1000)
PRICE_ADJUST_MIN, PRICE_ADJUST_MAX = Decimal(-90), Decimal(500)


@dataclass(frozen=True)
class StoreSettings:
    """A store's sync and stock policy. Stored as JSON on the store row.

    What the buffer, share and cap make of available stock is
    :func:`app.core.services.channel_stock.shown_stock`.
    """

    orders_interval_s: int = 60
    products_interval_s: int = 6 * 3600
    location_id: int | None = None  # None: the workspace's default location
    buffer: int = 0  # units held back from this channel
    percentage: int = 100  # share of available stock offered here
    cap: int | None = None  # never offer more than this
    drift_policy: DriftPolicy = DriftPolicy.MASTER_WINS
    fee_rate_percent: Decimal = Decimal("8.0")  # estimate when no escrow/finance data
    import_unmatched: bool = True  # create master products for listings with unknown SKUs
    # the store's price rule (app/core/services/prices.py, docs/ARCHITECTURE.md "Prices"):
    # master price + this percentage (negative: a markdown), rounded to the nearest
    # PRICE_ROUNDINGS step (0: whole rupiah), never below the variant's cost unless allowed
    price_adjust_percent: Decimal = Decimal(0)
    price_rounding: int = 0
    price_below_cost: bool = False

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
        if not PRICE_ADJUST_MIN <= Decimal(self.price_adjust_percent) <= PRICE_ADJUST_MAX:
            raise ValidationError(
                msg("price markup must be between -90 and 500 %"), "price_adjust_percent"
            )
        if self.price_rounding not in PRICE_ROUNDINGS:
            raise ValidationError(
                msg("price rounding must be 0 (whole rupiah), 100, 500 or 1000"),
                "price_rounding",
            )

    def to_json(self) -> dict[str, Any]:
        """JSON-safe form for ``stores.settings``."""
        data = asdict(self)
        data["drift_policy"] = self.drift_policy.value
        data["fee_rate_percent"] = str(self.fee_rate_percent)
        data["price_adjust_percent"] = str(self.price_adjust_percent)
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
        if "price_adjust_percent" in kw:
            kw["price_adjust_percent"] = Decimal(str(kw["price_adjust_percent"]))
        return cls(**kw)
