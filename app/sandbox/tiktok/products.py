"""TikTok Shop product endpoints: search, detail, inventory and price updates.

Inventory updates validate per SKU (active product, SKU ownership, every warehouse of a
multi-warehouse SKU named, quantities in range) and apply the valid ones, returning the
failures in ``errors``; price updates are all-or-nothing. Search pages through opaque
page tokens bound to the query, with TikTok's 10,000-result ceiling.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from decimal import Decimal, InvalidOperation
from typing import Any

from app.sandbox.core import Request, Route
from app.sandbox.tiktok.gateway import Ctx, Gateway, ctx_shop, in_range
from app.sandbox.tiktok.state import MSG_PARAM, ApiError, Product, Shop, Sku, TikTokState, V, money


class ProductsApi:
    """``/product/202309/...``."""

    def __init__(self, state: TikTokState, gateway: Gateway) -> None:
        self.st = state
        self.gw = gateway

    def routes(self) -> list[Route]:
        """This area's endpoints."""
        shop, p = self.gw.shop_scoped, f"/product/{V}"
        return [
            Route("POST", f"{p}/products/search", shop(self._search_products), "products"),
            Route("GET", f"{p}/products/{{product_id}}", shop(self._get_product), "product"),
            Route(
                "POST",
                f"{p}/products/{{product_id}}/inventory/update",
                shop(self._update_inventory),
                "inventory/update",
            ),
            Route(
                "POST",
                f"{p}/products/{{product_id}}/prices/update",
                shop(self._update_prices),
                "prices/update",
            ),
            Route("POST", f"{p}/inventory/search", shop(self._inventory_search), "inventory"),
        ]

    def _search_products(self, req: Request, ctx: Ctx) -> dict[str, Any]:
        shop = ctx_shop(ctx)
        size = self.gw.page_size(req, 100)
        body = self.gw.body(req)
        skus_filter = body.get("seller_skus") or []
        if len(skus_filter) > 10:
            raise self.gw.business(12019027, "The number of seller_skus cannot exceed 10.")
        status = body.get("status") or "ALL"
        rows = []
        for product in sorted(shop.products.values(), key=lambda p: p.id):
            if status != "ALL" and product.status != status:
                continue
            if skus_filter and not {s.seller_sku for s in product.skus} & set(skus_filter):
                continue
            if not in_range(product.update_time, body, "update_time", inclusive_upper=True):
                continue
            if not in_range(product.create_time, body, "create_time", inclusive_upper=True):
                continue
            rows.append(product)
        offset = self.gw.offset(req, shop, body)
        if offset + size > 10000:
            raise self.gw.business(
                12052180, "The total number of search results can not exceed 10000."
            )
        page = rows[offset : offset + size]
        return {
            "total_count": len(rows),
            "next_page_token": self.gw.next_token(req, shop, body, offset + size, len(rows)),
            "products": [self._product_summary(p) for p in page],
        }

    def _get_product(self, req: Request, ctx: Ctx) -> dict[str, Any]:
        product = self._product_of(ctx_shop(ctx), req.path_params["product_id"])
        if product.status in ("FREEZE", "DELETED"):
            raise self.gw.business(12052260, "The product does not exist.")
        data = self._product_summary(product)
        data.update(
            {
                "description": product.description,
                "category_chains": [
                    {
                        "id": "853000",
                        "parent_id": "0",
                        "local_name": product.category,
                        "is_leaf": True,
                    }
                ],
                "package_weight": {"value": "0.5", "unit": "KILOGRAM"},
                "is_cod_allowed": True,
            }
        )
        return data

    def _product_of(self, shop: Shop, product_id: str) -> Product:
        product = shop.products.get(product_id)
        if product is not None:
            return product
        if any(product_id in s.products for s in self.st.shops.values()):
            raise self.gw.business(12052048, "The product does not belong to the current shop.")
        raise self.gw.business(12019150, "The product does not exist.")

    def _product_summary(self, product: Product) -> dict[str, Any]:
        return {
            "id": product.id,
            "title": product.title,
            "status": product.status,
            "skus": [self._sku_json(product, s) for s in product.skus],
            "sales_regions": ["ID"],
            "create_time": product.create_time,
            "update_time": product.update_time,
            "is_not_for_sale": False,
            "integrated_platform_statuses": [{"platform": "TOKOPEDIA", "status": product.status}],
            "product_sync_fail_reasons": [],
        }

    @staticmethod
    def _sku_json(product: Product, sku: Sku) -> dict[str, Any]:
        attrs = []
        if product.axis:
            attrs = [
                {
                    "id": "100000",
                    "name": product.axis,
                    "value_id": str(int(hashlib.md5(sku.name.encode()).hexdigest()[:7], 16)),
                    "value_name": sku.name,
                }
            ]
        return {
            "id": sku.id,
            "seller_sku": sku.seller_sku,
            "price": {
                "currency": "IDR",
                "sale_price": money(sku.price),
                "tax_exclusive_price": money(sku.price),
            },
            "inventory": [{"warehouse_id": w, "quantity": q} for w, q in sku.stock.items()],
            "sales_attributes": attrs,
        }

    def _update_inventory(self, req: Request, ctx: Ctx) -> dict[str, Any]:
        """Per-SKU validation; valid SKUs are applied, failures come back in ``errors``."""
        shop = ctx_shop(ctx)
        product = self._product_of(shop, req.path_params["product_id"])
        if product.status != "ACTIVATE":
            raise self.gw.business(
                12052037, "Couldn't update inventory: the product is not active."
            )
        entries = self.gw.body(req).get("skus")
        if not isinstance(entries, list) or not entries:
            raise self.gw.business(12052036, "SKU ID is necessary.")
        errors = []
        for entry in entries:
            failure = self._apply_inventory(shop, product, entry)
            if failure is not None:
                errors.append(failure)
        if len(errors) < len(entries):
            product.update_time = self.st.now()
        return {"errors": errors} if errors else {}

    def _apply_inventory(self, shop: Shop, product: Product, entry: Any) -> dict[str, Any] | None:
        sku_id = str(entry.get("id", "")) if isinstance(entry, dict) else ""
        sku = next((s for s in product.skus if s.id == sku_id), None)
        if sku is None:
            return sku_error(12052036, "The SKU does not belong to this product.", sku_id)
        rows = entry.get("inventory")
        if not isinstance(rows, list) or not rows:
            return sku_error(12019022, "SKU must contain a valid warehouse.", sku_id)
        updates: dict[str, int] = {}
        bad_warehouses = []
        lowest = int(self.st.options["min_inventory_quantity"])
        for row in rows:
            wid = str(row.get("warehouse_id") or "")
            if not wid:
                if len(shop.sales_warehouse_ids) != 1:
                    return sku_error(12019022, "SKU must contain a valid warehouse.", sku_id)
                wid = shop.sales_warehouse_ids[0]
            qty = row.get("quantity")
            if not isinstance(qty, int) or isinstance(qty, bool) or not lowest <= qty <= 99999:
                return sku_error(12019024, "The stock count is invalid.", sku_id)
            if wid not in shop.sales_warehouse_ids:
                bad_warehouses.append(
                    {
                        "warehouse_id": wid,
                        "code": 12052097,
                        "message": "The warehouse does not exist",
                    }
                )
            updates[wid] = qty
        if bad_warehouses:
            return {
                "code": 12052990,
                "message": "Check failed",
                "detail": {"sku_id": sku_id, "extra_errors": bad_warehouses},
            }
        if set(sku.stock) - set(updates):
            return sku_error(
                12019028,
                "Multiple warehouses detected. Please include all warehouse IDs.",
                sku_id,
            )
        sku.stock.update(updates)
        return None

    def _update_prices(self, req: Request, ctx: Ctx) -> dict[str, Any]:
        """A bad amount rejects the call (``12052012``). A SKU whose price is locked by a
        promotion (``12052038``) or under the minimum is refused as the option
        ``price_errors`` says: per SKU (the others updated) or the whole call."""
        product = self._product_of(ctx_shop(ctx), req.path_params["product_id"])
        entries = self.gw.body(req).get("skus")
        if not isinstance(entries, list) or not entries:
            raise self.gw.business(12052036, "SKU ID is necessary.")
        planned: list[tuple[Sku, Decimal]] = []
        for entry in entries:
            sku = next((s for s in product.skus if s.id == str(entry.get("id", ""))), None)
            if sku is None:
                raise self.gw.business(12052036, "The SKU does not belong to this product.")
            price = entry.get("price") or {}
            try:
                amount = Decimal(str(price.get("amount")))
            except InvalidOperation:
                raise self.gw.business(12052012, "Incorrect price format.") from None
            if amount <= 0 or price.get("currency", "IDR") != "IDR":
                raise self.gw.business(12052012, "Incorrect price format.")
            planned.append((sku, amount))
        errors = [e for sku, amount in planned if (e := self._price_refusal(sku, amount))]
        if errors and self.st.options["price_errors"] == "whole_call":
            raise self.gw.business(errors[0]["code"], errors[0]["message"])
        refused = {e["detail"]["sku_id"] for e in errors}
        for sku, amount in planned:
            if sku.id not in refused:
                sku.price = amount
        if len(refused) < len(planned):
            product.update_time = self.st.now()
        return {"errors": errors} if errors else {}

    def _price_refusal(self, sku: Sku, amount: Decimal) -> dict[str, Any] | None:
        if sku.promotion_locked:
            return sku_error(
                12052038, "The price is locked by an ongoing promotion and cannot be edited.",
                sku.id,
            )  # fmt: skip
        low = Decimal(self.st.options["min_price"])
        if amount < low:
            return sku_error(12052012, f"The price must be at least {int(low)}.", sku.id)
        return None

    def _inventory_search(self, req: Request, ctx: Ctx) -> dict[str, Any]:
        shop = ctx_shop(ctx)
        body = self.gw.body(req)
        sku_ids = set(body.get("sku_ids") or [])
        product_ids = set(body.get("product_ids") or [])
        if len(sku_ids) > 600 or len(product_ids) > 100:
            raise ApiError(36009004, MSG_PARAM, 400)
        committed = self._committed(shop)
        out = []
        for product in shop.products.values():
            skus = [s for s in product.skus if s.id in sku_ids] if sku_ids else product.skus
            if (sku_ids and not skus) or (not sku_ids and product.id not in product_ids):
                continue
            out.append(
                {
                    "product_id": product.id,
                    "skus": [self._inventory_row(s, committed) for s in skus],
                }
            )
        return {"inventory": out}

    @staticmethod
    def _inventory_row(sku: Sku, committed: Counter[tuple[str, str]]) -> dict[str, Any]:
        rows = [
            {
                "warehouse_id": w,
                "available_quantity": q,
                "committed_quantity": committed[(sku.id, w)],
            }
            for w, q in sku.stock.items()
        ]
        return {
            "id": sku.id,
            "seller_sku": sku.seller_sku,
            "total_available_quantity": sum(r["available_quantity"] for r in rows),
            "total_committed_quantity": sum(r["committed_quantity"] for r in rows),
            "warehouse_inventory": rows,
        }

    @staticmethod
    def _committed(shop: Shop) -> Counter[tuple[str, str]]:
        """Units reserved by orders that have not left the warehouse."""
        out: Counter[tuple[str, str]] = Counter()
        for order in shop.orders.values():
            if order.status in ("UNPAID", "ON_HOLD", "AWAITING_SHIPMENT", "AWAITING_COLLECTION"):
                out.update(order.units)
        return out


def sku_error(code: int, message: str, sku_id: str) -> dict[str, Any]:
    return {"code": code, "message": message, "detail": {"sku_id": sku_id, "extra_errors": []}}
