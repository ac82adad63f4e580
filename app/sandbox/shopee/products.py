"""Shopee product endpoints: item list and details, models, stock and price updates.

Page and batch limits answer with Shopee's own error codes (``get_item_list`` pages of at
most 100 with an offset cap, 50 ids or models a call); stock updates apply Shopee's
location rules for multi-warehouse shops and refuse to go below promotion-reserved stock
per model, keeping partial success in ``success_list``/``failure_list``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from app.sandbox.core import Response, Route
from app.sandbox.shopee.gateway import Ctx, Gateway
from app.sandbox.shopee.state import ITEM_STATUSES, ShopeeState, SimItem, SimModel, SimShop


class ProductsApi:
    """``product/*``: reads, ``update_stock`` and ``update_price``."""

    def __init__(self, state: ShopeeState, gateway: Gateway) -> None:
        self.st = state
        self.gw = gateway

    def routes(self) -> list[Route]:
        """This area's endpoints."""
        api = self.gw.route
        return [
            api("GET", "product/get_item_list", "shop", self._item_list),
            api("GET", "product/get_item_base_info", "shop", self._item_base_info),
            api("GET", "product/get_model_list", "shop", self._model_list),
            api("POST", "product/update_stock", "shop", self._update_stock),
            api("POST", "product/update_price", "shop", self._update_price),
        ]

    def _item_list(self, ctx: Ctx) -> Response:
        shop = self.gw.shop(ctx)
        offset = self.gw.int_param(ctx.q, "offset")
        page_size = self.gw.int_param(ctx.q, "page_size")
        if offset < 0:
            raise self.gw.param_error("offset should be >= 0.")
        if not 1 <= page_size <= 100:
            raise self.gw.param_error("page_size should be between 1 and 100.")
        if offset > int(self.st.options["item_offset_cap"]):
            raise self.gw.fail(
                "error_param", "get items offset over limit, please use the next field"
            )
        statuses = set(self.gw.list_param(ctx.request, "item_status"))
        if not statuses or not statuses <= ITEM_STATUSES:
            raise self.gw.param_error("item_status is invalid.")
        items = self._filter_items(shop, statuses, ctx.q)
        page = items[offset : offset + page_size]
        return self.gw.ok(
            {
                "item": [
                    {"item_id": i.item_id, "item_status": i.status, "update_time": i.update_time,
                     "tag": {"kit": False}}
                    for i in page
                ],
                "total_count": len(items),
                "has_next_page": offset + page_size < len(items),
                "next_offset": offset + len(page),
            }
        )  # fmt: skip

    def _filter_items(self, shop: SimShop, statuses: set[str], q: dict[str, str]) -> list[SimItem]:
        lo = self.gw.int_param(q, "update_time_from", 0)
        hi = self.gw.int_param(q, "update_time_to", 2**32)
        if lo > hi:
            raise self.gw.fail(
                "error_update_time_range", "Update_time_to should be later than update_time_from."
            )
        items = [
            i for i in shop.items.values() if i.status in statuses and lo <= i.update_time <= hi
        ]
        return sorted(items, key=lambda i: i.item_id)

    def _item_base_info(self, ctx: Ctx) -> Response:
        shop = self.gw.shop(ctx)
        raw = self.gw.list_param(ctx.request, "item_id_list")
        if not 1 <= len(raw) <= 50:
            raise self.gw.param_error("item_id_list limit [0,50].")
        try:
            ids = [int(v) for v in raw]
        except ValueError:
            raise self.gw.param_error("item_id_list is invalid.") from None
        found = [shop.items[i] for i in ids if i in shop.items]
        if len(found) < len(ids) and self.st.options["unknown_item_ids"] == "error":
            raise self.gw.fail("error_item_not_found", "Item_id is not found.")
        return self.gw.ok({"item_list": [self._item_json(i) for i in found]})

    def _item_json(self, item: SimItem) -> dict[str, Any]:
        out: dict[str, Any] = {
            "item_id": item.item_id, "category_id": item.category_id, "item_name": item.name,
            "description": item.description, "item_sku": item.item_sku,
            "create_time": item.create_time, "update_time": item.update_time,
            "item_status": item.status, "has_model": item.has_model,
            "image": {"image_url_list": [f"https://cf.shopee.co.id/file/{item.item_id}"],
                      "image_id_list": [str(item.item_id)]},
            "weight": f"{item.weight_grams / 1000:.2f}",
            "dimension": {"package_length": 20, "package_width": 15, "package_height": 5},
            "pre_order": {"is_pre_order": False, "days_to_ship": 2},
            "condition": "NEW", "brand": {"brand_id": 0, "original_brand_name": "NoBrand"},
            "tag": {"kit": False},
        }  # fmt: skip
        if not item.has_model:  # price/stock of variation items come from get_model_list
            model = item.models[0]
            out["price_info"] = [price_json(model.price)]
            out["stock_info_v2"] = stock_json(model)
        return out

    def _model_list(self, ctx: Ctx) -> Response:
        item = self.gw.item(self.gw.shop(ctx), self.gw.int_param(ctx.q, "item_id"))
        if not item.has_model:  # [U] undocumented; reference §5.6 suggests empty lists
            return self.gw.ok({"tier_variation": [], "model": [], "standardise_tier_variation": []})
        options = [{"option": m.option, "image": {"image_id": "", "image_url": ""}}
                   for m in item.models]  # fmt: skip
        models = [
            {"model_id": m.model_id, "tier_index": [i], "model_sku": m.sku,
             "model_status": "MODEL_NORMAL", "promotion_id": m.promotion_id,
             "has_promotion": bool(m.promotion_id),
             "price_info": [price_json(m.price)], "stock_info_v2": stock_json(m),
             "pre_order": {"is_pre_order": False, "days_to_ship": 2},
             "weight": f"{item.weight_grams / 1000:.2f}", "gtin_code": "",
             "is_fulfillment_by_shopee": False}
            for i, m in enumerate(item.models)
        ]  # fmt: skip
        return self.gw.ok(
            {
                "tier_variation": [{"name": item.axis, "option_list": options}],
                "model": models,
                "standardise_tier_variation": [],
            }
        )

    def _batch_models(
        self, item: SimItem, entries: Any, key: str, has_model_error: str
    ) -> list[tuple[dict[str, Any], SimModel]]:
        """Validate a stock_list/price_list and pair each entry with its model."""
        if not isinstance(entries, list) or not 1 <= len(entries) <= 50:
            raise self.gw.param_error(f"{key} Length should be between 1 to 50.")
        seen: set[int] = set()
        out = []
        by_id = {m.model_id: m for m in item.models}
        for entry in entries:
            if not isinstance(entry, dict):
                raise self.gw.param_error(f"{key} is invalid.")
            model_id = self.gw.int_param(entry, "model_id", 0)
            if model_id in seen:
                raise self.gw.fail("error_param", "Repeat model_id.")
            seen.add(model_id)
            if model_id == 0 and item.has_model:
                raise self.gw.fail(
                    has_model_error, "This item has models, please specify model_id."
                )
            if model_id not in by_id:
                raise self.gw.fail("error_param", "Wrong model_id.")
            out.append((entry, by_id[model_id]))
        return out

    def _update_stock(self, ctx: Ctx) -> Response:
        shop = self.gw.shop(ctx)
        item = self.gw.item(shop, self.gw.int_param(ctx.body, "item_id"))
        pairs = self._batch_models(
            item,
            ctx.body.get("stock_list"),
            "stock_list",
            "error_edit_item_stock_for_item_has_model",
        )
        planned = [(model, self._stock_targets(shop, entry)) for entry, model in pairs]
        success, failure = [], []
        for model, targets in planned:
            new_total = sum(targets.get(loc, model.stock[loc]) for loc in model.stock)
            if any(v < 0 for v in targets.values()):
                failure.append({"model_id": model.model_id, "failed_reason": "Invalid stock."})
            elif new_total < model.reserved:
                # [U] documented as a whole-call error_auth; per model keeps partial success.
                failure.append(
                    {"model_id": model.model_id,
                     "failed_reason": "Total stock must be more than reserved stock."}
                )  # fmt: skip
            else:
                model.stock.update(targets)
                success.extend(
                    {"model_id": model.model_id, "location_id": loc, "stock": value}
                    for loc, value in targets.items()
                )
        if success:
            item.update_time = int(self.st.now())
        payload = {"success_list": success, "failure_list": failure}
        if not success:
            raise self.gw.fail(
                "error_busi_update_stock_failed",
                "Update stock failed, please check failure_list for detailed reason",
                response=payload,
            )
        return self.gw.ok(payload)

    def _stock_targets(self, shop: SimShop, entry: dict[str, Any]) -> dict[str, int]:
        """Location -> new stock for one stock_list entry, with Shopee's location rules."""
        seller_stock = entry.get("seller_stock")
        if not isinstance(seller_stock, list) or not seller_stock:
            raise self.gw.param_error("seller_stock is required.")
        targets: dict[str, int] = {}
        for part in seller_stock:
            if not isinstance(part, dict):
                raise self.gw.param_error("seller_stock is invalid.")
            location = str(part.get("location_id") or "")
            if shop.multi_warehouse and not location:
                raise self.gw.fail(
                    "error_busi", "The merchant/shop has multi warehouse, please input location id"
                )
            if location not in shop.locations:
                raise self.gw.fail(
                    "error_auth", "The location_id input is not matched the shop's location_id"
                )
            targets[location] = self.gw.int_param(part, "stock")
        return targets

    def _update_price(self, ctx: Ctx) -> Response:
        shop = self.gw.shop(ctx)
        item = self.gw.item(shop, self.gw.int_param(ctx.body, "item_id"))
        pairs = self._batch_models(
            item,
            ctx.body.get("price_list"),
            "price_list",
            "error_edit_item_price_for_item_has_model",
        )
        success, failure = [], []
        for entry, model in pairs:
            raw = entry.get("original_price")
            price = (
                Decimal(str(raw))
                if isinstance(raw, int | float) and not isinstance(raw, bool)
                else None
            )
            reason = self._price_refusal(model, price)
            if reason:
                failure.append({"model_id": model.model_id, "failed_reason": reason})
            else:
                model.price = price
                success.append({"model_id": model.model_id, "original_price": int(price)})
        if success:
            item.update_time = int(self.st.now())
        payload = {"success_list": success, "failure_list": failure}
        if not success:
            raise self.gw.fail("error_update_price_fail", "Update price failed.", response=payload)
        return self.gw.ok(payload)

    def _price_refusal(self, model: SimModel, price: Decimal | None) -> str:
        """Why a model's new price is refused ("" when it is taken). The codes are the
        documented ones (reference §5.9); [U] whether Shopee reports them per model (as
        here, in ``failure_list``) or as the call's error is not documented."""
        if price is None or price != price.to_integral_value():
            # IDR prices take no decimals (reference §5.9).
            return "Invalid price, please use the correct format"
        if model.promotion_id:
            return (
                "error_cannot_update_price_in_promotion: the model is in an ongoing "
                f"promotion ({model.promotion_id}); its price cannot be changed until it ends"
            )
        low, high = Decimal(self.st.options["min_price"]), Decimal(self.st.options["max_price"])
        if price < low:
            return f"error_price_exceed_min_limitt: the price must be at least {int(low)}"
        if price > high:
            return f"error_price_exceed_max_limitt: the price must be at most {int(high)}"
        return ""


def price_json(price: Decimal) -> dict[str, Any]:
    value = float(price)
    return {
        "currency": "IDR",
        "original_price": value,
        "current_price": value,
        "inflated_price_of_original_price": value,
        "inflated_price_of_current_price": value,
    }


def stock_json(model: SimModel) -> dict[str, Any]:
    return {
        "summary_info": {
            "total_reserved_stock": model.reserved,
            "total_available_stock": model.total,
        },
        "seller_stock": [
            {"location_id": loc, "stock": qty, "if_saleable": True}
            for loc, qty in model.stock.items()
        ],
        "shopee_stock": [],
    }
