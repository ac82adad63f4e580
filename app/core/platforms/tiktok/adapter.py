"""TikTok Shop behind the :class:`~app.core.platforms.base.PlatformAdapter` protocol.

Maps TikTok's 202309 JSON to our normalized records: one :class:`ChannelListing` per SKU,
orders with their one-line-per-unit items aggregated into quantities per SKU, money
strings to :class:`~decimal.Decimal`, Unix seconds to aware UTC datetimes.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import AsyncIterator, Mapping, Sequence
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import httpx

from app.core.domain import (
    AppCredentials,
    CancelReason,
    ChannelListing,
    ChannelOrder,
    ChannelOrderItem,
    ChannelReturn,
    Endpoints,
    OrderFees,
    OrderPage,
    OrderRef,
    OrderStatus,
    Platform,
    PriceUpdate,
    ShippingInfo,
    ShopInfo,
    StockUpdate,
    TokenSet,
    UpdateResult,
    WarehouseStock,
)
from app.core.domain.labels import OrderLabels
from app.core.platforms.base import (
    BadRequestError,
    MalformedResponseError,
    ReauthorizationRequired,
    TokenProvider,
)
from app.core.platforms.http import RetryPolicy, TokenBucket
from app.core.platforms.tiktok import aftersale, labels
from app.core.platforms.tiktok.aftersale import cancelled_by
from app.core.platforms.tiktok.client import (
    CONSENT_BASE_URL,
    MAX_PAGE_SIZE,
    SkuFailure,
    TikTokClient,
)
from app.core.platforms.tiktok.shipping import TikTokShipping

# TikTok order status -> ours (reference §5.4.5). ON_HOLD is paid and accepted but still in
# the buyer's free-cancellation grace period: stock is committed, so it counts as TO_SHIP
# (overridable with options["on_hold_status"]). AWAITING_COLLECTION means shipping is
# arranged but the carrier has not collected yet, so the parcel is still with the seller.
STATUS_MAP: dict[str, OrderStatus] = {
    "UNPAID": OrderStatus.UNPAID,
    "ON_HOLD": OrderStatus.TO_SHIP,
    "AWAITING_SHIPMENT": OrderStatus.TO_SHIP,
    "AWAITING_COLLECTION": OrderStatus.TO_SHIP,
    "PARTIALLY_SHIPPING": OrderStatus.SHIPPED,
    "IN_TRANSIT": OrderStatus.SHIPPED,
    "DELIVERED": OrderStatus.COMPLETED,
    "COMPLETED": OrderStatus.COMPLETED,
    "CANCELLED": OrderStatus.CANCELLED,
    "CANCEL": OrderStatus.CANCELLED,  # the webhook table spells it so; accept both (§5.4.5)
}

DEFAULT_OPTIONS: dict[str, Any] = {
    # TikTok documents no maximum update_time window for order search (Shopee: 15 days).
    # A week keeps each search small enough to page through quickly. [uncertain → option]
    "max_order_window_seconds": 7 * 24 * 3600,
    # Stock updates the engine hands us per call. Inventory update is per product with no
    # documented SKU cap; 100 matches the per-product SKU limit. [uncertain → option]
    "stock_batch_size": 100,
    "on_hold_status": OrderStatus.TO_SHIP.value,
    "consent_base_url": CONSENT_BASE_URL,
    "document_type": "SHIPPING_LABEL",
    "currency": "IDR",
    "versions": None,
    # Since 202309 orders/search returns whole orders (reference §5.4.1): an order is
    # mapped from its search result, and Get Order Detail is called only for one whose
    # result lacks a field we map (ORDER_FIELDS). False: always the detail call.
    "orders_from_search": True,
}

# what order_from_tiktok needs from a search result to stand in for the order's detail
ORDER_FIELDS = ("id", "status", "create_time", "update_time", "line_items", "payment")

_PAID_STATES_FOR_FEES = {"DELIVERED", "COMPLETED"}


class TikTokAdapter(TikTokShipping):  # shipping: shipping.py
    """One TikTok Shop store as the sync engine uses it."""

    platform = Platform.TIKTOK_SHOP

    def __init__(
        self,
        http: httpx.AsyncClient,
        endpoints: Endpoints,
        credentials: AppCredentials,
        shop_id: str,
        tokens: TokenProvider,
        *,
        shop_cipher: str | None = None,
        limiter: TokenBucket | None = None,
        retry: RetryPolicy | None = None,
        options: dict | None = None,
    ) -> None:
        self.shop_id = shop_id
        self._tokens = tokens
        self._options = {**DEFAULT_OPTIONS, **(options or {})}
        client_kw: dict[str, Any] = {}
        if "clock" in self._options:  # tests run against a sandbox with a moved clock
            client_kw["clock"] = self._options["clock"]
        if "detail_batch_size" in self._options:
            client_kw["detail_batch_size"] = self._options["detail_batch_size"]
        self.client = TikTokClient(
            http,
            endpoints,
            credentials,
            shop_cipher=shop_cipher,
            access_token=self._access_token,
            limiter=limiter,
            retry=retry,
            consent_base_url=self._options["consent_base_url"],
            versions=self._options["versions"],
            **client_kw,
        )
        self._status_map = {
            **STATUS_MAP,
            "ON_HOLD": OrderStatus(self._options["on_hold_status"]),
        }
        self._sales_warehouses: list[str] | None = None
        self._cipher_lock = asyncio.Lock()

    # ------------------------------------------------------------------ limits
    @property
    def max_order_window_seconds(self) -> int:
        """Longest update-time window the engine should ask for in one search."""
        return int(self._options["max_order_window_seconds"])

    @property
    def stock_batch_size(self) -> int:
        """How many stock updates to pass per :meth:`update_stock` call."""
        return int(self._options["stock_batch_size"])

    # ------------------------------------------------------------------ authorization
    def authorization_url(self, redirect_url: str, state: str = "") -> str:
        """The consent link. ``redirect_url`` is ignored: TikTok fixes it in Partner Center."""
        return self.client.consent_url(state)

    async def exchange_code(self, code: str, shop_id: str | None = None) -> TokenSet:
        """Auth code -> tokens (the code names no shop; :meth:`authorized_shops` does)."""
        grant = await self.client.get_access_token(code)
        return grant.tokens

    async def refresh_tokens(self, tokens: TokenSet) -> TokenSet:
        """A new token pair; the caller must persist both tokens."""
        grant = await self.client.refresh_access_token(tokens.refresh_token)
        return grant.tokens

    async def authorized_shops(self) -> list[ShopInfo]:
        """Every shop the current token covers, with its cipher."""
        return await self.client.get_authorized_shops()

    async def shop_info(self) -> ShopInfo:
        """This store's shop (and, as a side effect, its cipher)."""
        shops = await self.authorized_shops()
        for shop in shops:
            if shop.shop_id == self.shop_id:
                self.client.shop_cipher = self.client.shop_cipher or shop.cipher
                return shop
        raise ReauthorizationRequired(
            f"shop {self.shop_id} is not among the shops this authorization covers"
        )

    # ------------------------------------------------------------------ catalog
    async def iter_listings(self) -> AsyncIterator[ChannelListing]:
        """Every SKU of every (non-deleted) product, page by page."""
        await self._ensure_cipher()
        token: str | None = None
        while True:
            page = await self.client.search_products(page_size=MAX_PAGE_SIZE, page_token=token)
            for product in page.items:
                for listing in _mapped(listings_from_product, product):
                    yield listing
            if not page.next_page_token:
                return
            token = page.next_page_token

    async def update_stock(self, updates: Sequence[StockUpdate]) -> list[UpdateResult]:
        """Absolute stock per SKU; one inventory call per product, per-SKU results.

        TikTok needs every warehouse of a SKU in the call (``12019028`` otherwise). With one
        sales warehouse we send it directly; with several we read the product first so the
        warehouses we do not touch keep their current quantity.
        """
        await self._ensure_cipher()
        warehouses = await self._warehouse_ids()
        results: list[UpdateResult] = []
        for product_id, group in _by_product(updates).items():
            current = {} if len(warehouses) <= 1 else await self._sku_warehouses(product_id)
            skus = [_inventory_entry(u, warehouses, current) for u in group]
            failures = await self._batch_call(self.client.update_inventory, product_id, skus)
            results.extend(_results(group, failures))
        return results

    async def update_prices(self, updates: Sequence[PriceUpdate]) -> list[UpdateResult]:
        """Set prices per SKU; one call per product."""
        await self._ensure_cipher()
        currency = str(self._options["currency"])
        results: list[UpdateResult] = []
        for product_id, group in _by_product(updates).items():
            skus = [
                {
                    "id": u.platform_variant_id,
                    "price": {"amount": money_str(u.price), "currency": currency},
                }
                for u in group
            ]
            failures = await self._batch_call(self.client.update_prices, product_id, skus)
            results.extend(_results(group, failures))
        return results

    # ------------------------------------------------------------------ orders
    async def list_orders(
        self, updated_from: datetime, updated_to: datetime, cursor: str | None = None
    ) -> OrderPage:
        """One page of orders updated in ``[updated_from, updated_to)``."""
        await self._ensure_cipher()
        page = await self.client.search_orders(
            update_time_ge=int(updated_from.timestamp()),
            update_time_lt=int(updated_to.timestamp()),
            page_token=cursor,
        )
        whole = self._options["orders_from_search"]
        refs = tuple(
            _mapped(order_ref, order, self._status_map if whole else None) for order in page.items
        )
        return OrderPage(orders=refs, next_cursor=page.next_page_token)

    async def get_orders(self, platform_order_ids: Sequence[str]) -> list[ChannelOrder]:
        """Full orders (the client batches ids by 50)."""
        if not platform_order_ids:
            return []
        await self._ensure_cipher()
        raw = await self.client.get_orders(platform_order_ids)
        return [_mapped(order_from_tiktok, o, self._status_map) for o in raw]

    # ------------------------------------------------------------------ fulfilment, fees
    async def shipping_info(self, platform_order_id: str) -> ShippingInfo:
        """Package, handover methods and tracking for an order."""
        order = await self._raw_order(platform_order_id)
        package_id = _first_package(order)
        methods: tuple[str, ...] = ()
        if package_id:
            slots = await self.client.get_handover_time_slots(package_id)
            methods = tuple(
                name
                for name, flag in (("pickup", "can_pickup"), ("dropoff", "can_drop_off"))
                if slots.get(flag)
            )
        return ShippingInfo(
            platform_order_id=platform_order_id,
            methods=methods,
            tracking_number=str(order.get("tracking_number") or ""),
            carrier=str(order.get("shipping_provider") or ""),
            package_id=package_id,
        )

    async def shipping_labels(self, platform_order_ids: Sequence[str]) -> list[OrderLabels]:
        """Airway bills per order and package (document link, then the PDF)."""
        if not platform_order_ids:
            return []
        await self._ensure_cipher()
        return await labels.fetch_labels(self.client, platform_order_ids, self._options)

    async def order_fees(self, platform_order_id: str) -> OrderFees | None:
        """Real fees from the finance statement, or None before the order is settled."""
        await self._ensure_cipher()
        data = await self.client.get_order_statement_transactions(platform_order_id)
        return _mapped(fees_from_statement, platform_order_id, data)

    # ------------------------------------------------------------------ cancel, returns
    async def cancel_reasons(self) -> list[CancelReason]:
        """The reasons a seller may give ([uncertain] codes: option ``cancel_reasons``)."""
        return aftersale.cancel_reasons(self._options)

    async def cancel_order(
        self, platform_order_id: str, reason: str, items: Sequence[tuple[str, str, int]] = ()
    ) -> None:
        """Cancel an unshipped order as the seller (never retried)."""
        await self._ensure_cipher()
        await aftersale.cancel_order(self.client, platform_order_id, reason, items)

    async def list_returns(
        self, updated_from: datetime, updated_to: datetime
    ) -> list[ChannelReturn]:
        """Returns updated in ``[from, to)`` (option ``return_status_map`` adds statuses)."""
        await self._ensure_cipher()
        states = {**aftersale.RETURN_STATES, **self._options.get("return_status_map", {})}
        return await aftersale.list_returns(self.client, updated_from, updated_to, states)

    # ------------------------------------------------------------------ internals
    def _access_token(self) -> str | None:
        tokens = self._tokens.current()
        return tokens.access_token if tokens else None

    async def _ensure_cipher(self) -> None:
        """Shop-scoped calls need ``shop_cipher``; look it up once when we were not given it."""
        if self.client.shop_cipher:
            return
        async with self._cipher_lock:
            if not self.client.shop_cipher:
                await self.shop_info()

    async def _raw_order(self, order_id: str) -> dict[str, Any]:
        await self._ensure_cipher()
        orders = await self.client.get_orders([order_id])
        if not orders:
            raise BadRequestError(f"order {order_id} not found")
        return orders[0]

    async def _warehouse_ids(self) -> list[str]:
        """Enabled sales warehouse ids (cached for the adapter's life)."""
        if self._sales_warehouses is None:
            rows = await self.client.get_warehouses()
            self._sales_warehouses = [
                str(w["id"])
                for w in rows
                if w.get("type", "SALES_WAREHOUSE") == "SALES_WAREHOUSE"
                and w.get("effect_status", "ENABLED") != "DISABLED"
            ]
        return self._sales_warehouses

    async def _sku_warehouses(self, product_id: str) -> dict[str, dict[str, int]]:
        """sku id -> {warehouse id: quantity} as TikTok has it now."""
        try:
            product = await self.client.get_product(product_id)
        except BadRequestError:
            return {}  # the inventory call will report the unknown product per SKU
        out: dict[str, dict[str, int]] = {}
        for sku in product.get("skus") or ():
            out[str(sku.get("id"))] = {
                str(inv.get("warehouse_id")): int(inv.get("quantity") or 0)
                for inv in sku.get("inventory") or ()
            }
        return out

    async def _batch_call(
        self, call: Any, product_id: str, skus: list[dict[str, Any]]
    ) -> list[SkuFailure]:
        """Run one per-product batch; a rejected call fails each of its SKUs, readably.

        Only request-level rejections (:class:`BadRequestError`: unknown product, product
        not active, price locked) become per-SKU failures; auth, rate-limit and server
        errors propagate so the engine can refresh, back off or retry the whole batch.
        """
        try:
            return await call(product_id, skus)
        except BadRequestError as exc:
            return [SkuFailure(str(s["id"]), exc.code or "?", exc.message) for s in skus]


# ---------------------------------------------------------------------- mapping (pure)


def money(value: Any) -> Decimal:
    """A TikTok money string (``"150000"``, ``"121.11"``) as Decimal; missing is 0."""
    if value is None or value == "":
        return Decimal(0)
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise MalformedResponseError(f"not a money amount: {value!r}") from None


def money_str(value: Decimal) -> str:
    """A Decimal as TikTok's write format: ``"150000"`` for whole amounts, else ``"1.50"``."""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value, "f")


def utc(seconds: Any) -> datetime | None:
    """Unix seconds as an aware UTC datetime; 0 or missing is None."""
    if not seconds:
        return None
    return datetime.fromtimestamp(int(seconds), UTC)


def _mapped(fn: Any, *args: Any) -> Any:
    """Call a mapper; a missing or mistyped field becomes MalformedResponseError."""
    try:
        return fn(*args)
    except MalformedResponseError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise MalformedResponseError(
            f"unexpected TikTok data shape ({type(exc).__name__}: {exc})"
        ) from None


def listings_from_product(product: Mapping[str, Any]) -> list[ChannelListing]:
    """One listing per SKU; stock per warehouse; deleted products are skipped."""
    status = str(product.get("status", ""))
    if status == "DELETED":
        return []
    out = []
    for sku in product["skus"]:
        warehouses = tuple(
            WarehouseStock(str(inv["warehouse_id"]), int(inv.get("quantity") or 0))
            for inv in sku.get("inventory") or ()
        )
        out.append(
            ChannelListing(
                platform_product_id=str(product["id"]),
                platform_variant_id=str(sku["id"]),
                platform_sku=str(sku.get("seller_sku") or ""),
                title=str(product.get("title") or ""),
                variant_name=_variant_name(sku),
                price=money((sku.get("price") or {}).get("sale_price")),
                stock=sum(w.available for w in warehouses),
                warehouses=warehouses,
                status="active" if status == "ACTIVATE" else status.lower(),
                updated_at=utc(product.get("update_time")),
            )
        )
    return out


def _variant_name(sku: Mapping[str, Any]) -> str:
    """``"Hitam, L"`` from the SKU's sales attributes; "" for a single-SKU product."""
    values = [str(a.get("value_name", "")) for a in sku.get("sales_attributes") or ()]
    return ", ".join(v for v in values if v)


def order_ref(
    order: Mapping[str, Any], status_map: Mapping[str, OrderStatus] | None = None
) -> OrderRef:
    """The summary the engine uses to decide what to fetch; with ``status_map``, the whole
    order too when the search result carries every field the detail mapping reads."""
    whole = status_map is not None and all(k in order for k in ORDER_FIELDS)
    return OrderRef(
        platform_order_id=str(order["id"]),
        platform_status=str(order["status"]),
        updated_at=utc(order.get("update_time")),
        order=order_from_tiktok(order, status_map) if whole and status_map else None,
    )


def order_from_tiktok(
    order: Mapping[str, Any], status_map: Mapping[str, OrderStatus] = STATUS_MAP
) -> ChannelOrder:
    """A normalized order; per-unit line items become one item per SKU with a quantity."""
    raw_status = str(order["status"])
    if raw_status not in status_map:
        raise MalformedResponseError(f"unknown TikTok order status {raw_status!r}")
    status = status_map[raw_status]
    payment = order.get("payment") or {}
    address = order.get("recipient_address") or {}
    lines = order.get("line_items") or []
    created = utc(order["create_time"])
    updated = utc(order.get("update_time")) or created
    rts = [int(li.get("rts_time") or 0) for li in lines]
    return ChannelOrder(
        platform_order_id=str(order["id"]),
        status=status,
        platform_status=raw_status,
        created_at=created,  # type: ignore[arg-type]
        updated_at=updated,  # type: ignore[arg-type]
        items=aggregate_line_items(lines, keep_cancelled=status is OrderStatus.CANCELLED),
        currency=str(payment.get("currency") or "IDR"),
        buyer_name=str(address.get("name") or ""),
        buyer_username=str(order.get("user_id") or ""),
        shipping_address=str(address.get("full_address") or ""),
        subtotal=money(payment.get("original_total_product_price")),
        shipping_fee=money(payment.get("shipping_fee")),
        seller_discount=money(payment.get("seller_discount")),
        platform_discount=money(payment.get("platform_discount")),
        total=money(payment.get("total_amount")),
        paid_at=utc(order.get("paid_time")),
        shipped_at=utc(max(rts, default=0)),
        completed_at=(
            (utc(order.get("delivery_time")) or updated)
            if status is OrderStatus.COMPLETED
            else None
        ),
        cancel_reason=str(order.get("cancel_reason") or ""),
        cancelled_by=(
            cancelled_by(order.get("cancellation_initiator"))
            if status is OrderStatus.CANCELLED
            else ""
        ),
        tracking_number=str(order.get("tracking_number") or ""),
    )


def aggregate_line_items(
    lines: Sequence[Mapping[str, Any]], *, keep_cancelled: bool = False
) -> tuple[ChannelOrderItem, ...]:
    """Group TikTok's one-line-per-unit items by SKU (and unit price) into quantities.

    ``unit_price`` is the unit's ``original_price`` (before discounts) and ``discount`` the
    sum of the units' seller-funded discounts, as the reference advises for profit. Lines
    cancelled individually (partial cancellation) are dropped unless the whole order is
    cancelled. ``platform_item_id`` is the SKU id, stable across fetches; a SKU sold at two
    different unit prices in one order gets a second group ``<sku>:2``.
    """
    groups: OrderedDict[tuple[str, Decimal], list[Mapping[str, Any]]] = OrderedDict()
    for line in lines:
        if not keep_cancelled and line.get("display_status") == "CANCELLED":
            continue
        key = (str(line["sku_id"]), money(line.get("original_price")))
        groups.setdefault(key, []).append(line)
    seen: dict[str, int] = {}
    items = []
    for (sku_id, unit_price), units in groups.items():
        seen[sku_id] = seen.get(sku_id, 0) + 1
        first = units[0]
        items.append(
            ChannelOrderItem(
                platform_item_id=sku_id if seen[sku_id] == 1 else f"{sku_id}:{seen[sku_id]}",
                platform_product_id=str(first.get("product_id") or ""),
                platform_variant_id=sku_id,
                platform_sku=str(first.get("seller_sku") or ""),
                name=_line_name(first),
                quantity=len(units),
                unit_price=unit_price,
                discount=sum((money(u.get("seller_discount")) for u in units), Decimal(0)),
            )
        )
    return tuple(items)


def _line_name(line: Mapping[str, Any]) -> str:
    name = str(line.get("product_name") or "")
    sku_name = str(line.get("sku_name") or "")
    return f"{name} ({sku_name})" if sku_name else name


def fees_from_statement(order_id: str, data: Mapping[str, Any]) -> OrderFees | None:
    """Fees from Get Transactions by Order (202501). None until something is settled.

    TikTok reports fees as negative amounts; we return them as positive costs.
    """
    skus = data.get("sku_transactions") or []
    if not skus:
        return None
    buckets = {"commission": Decimal(0), "transaction": Decimal(0), "service": Decimal(0)}
    other = Decimal(0)
    for sku in skus:
        fee = ((sku.get("fee_tax_breakdown") or {}).get("fee")) or {}
        for name, amount in fee.items():
            value = abs(money(amount))
            if name == "platform_commission_amount":
                buckets["commission"] += value
            elif name == "transaction_fee_amount":
                buckets["transaction"] += value
            elif name in ("dynamic_commission_amount", "sfp_service_fee_amount"):
                buckets["service"] += value
            else:
                other += value
    return OrderFees(
        platform_order_id=order_id,
        commission_fee=buckets["commission"],
        service_fee=buckets["service"],
        transaction_fee=buckets["transaction"],
        shipping_subsidy=abs(money(data.get("shipping_cost_amount"))),
        other_fees=other,
        payout=money(data.get("settlement_amount")),
        final=str(data.get("status") or "SETTLED") == "SETTLED",
    )


def _first_package(order: Mapping[str, Any]) -> str:
    packages = order.get("packages") or []
    return str(packages[0].get("id")) if packages else ""


def _by_product(updates: Sequence[Any]) -> OrderedDict[str, list[Any]]:
    """Updates grouped by product id, in first-seen order (TikTok updates per product)."""
    groups: OrderedDict[str, list[Any]] = OrderedDict()
    for update in updates:
        groups.setdefault(update.platform_product_id, []).append(update)
    return groups


def _inventory_entry(
    update: StockUpdate, warehouses: Sequence[str], current: Mapping[str, Mapping[str, int]]
) -> dict[str, Any]:
    """One SKU's full inventory list for Update Inventory.

    With a ``warehouse_id`` only that warehouse changes and the others keep their current
    quantity. Without one, the whole amount goes to the SKU's first warehouse and the
    others are set to 0, so the total TikTok shows equals what we pushed.
    """
    qty = max(0, int(update.stock))
    stocked = dict(current.get(update.platform_variant_id, {}))
    if not stocked:
        stocked = {w: 0 for w in warehouses[:1]}
    if update.warehouse_id:
        stocked[update.warehouse_id] = qty
    else:
        first, *rest = list(stocked) or [""]
        stocked = {first: qty, **{w: 0 for w in rest}}
    inventory = [{"warehouse_id": w, "quantity": q} for w, q in stocked.items() if w]
    if not inventory:  # no warehouse known: TikTok accepts that for one-warehouse shops
        inventory = [{"quantity": qty}]
    return {"id": update.platform_variant_id, "inventory": inventory}


def _results(group: Sequence[Any], failures: Sequence[SkuFailure]) -> list[UpdateResult]:
    """Per-update results; a failure without a SKU id, or naming a SKU this batch did not
    send, applies to the whole product: an answer we cannot attribute never counts an
    update done (TikTok answers a full success with an empty ``data: {}``, which cannot
    be checked further; drift checks read the stock back, docs/ARCHITECTURE.md)."""
    sent = {u.platform_variant_id for u in group}
    by_sku = {f.sku_id: f for f in failures if f.sku_id in sent}
    whole = next((f for f in failures if f.sku_id not in sent), None)
    out = []
    for u in group:
        failure = by_sku.get(u.platform_variant_id) or whole
        out.append(
            UpdateResult(
                platform_product_id=u.platform_product_id,
                platform_variant_id=u.platform_variant_id,
                ok=failure is None,
                error=failure.describe() if failure else None,
            )
        )
    return out
