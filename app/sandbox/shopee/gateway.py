"""The Shopee gateway: envelope, signature/timestamp/token checks, rate limit, parameters.

Every emulated endpoint is built with :meth:`Gateway.route`, which runs the gateway
checks in the reference's order (partner, timestamp, sign, then for Shop APIs the token
and the shop), the per-(partner, shop) token bucket, and parses the JSON body before the
area's handler sees a :class:`Ctx`. Handlers answer errors by raising the
:class:`Reject` that :meth:`Gateway.fail` builds, in Shopee's envelope
(``request_id``/``error``/``message``/``warning``/``response``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.sandbox.core import Request, Response, Route
from app.sandbox.shopee import signing
from app.sandbox.shopee.state import API, ShopeeState, SimItem, SimOrder, SimShop


@dataclass
class Ctx:
    """A request that passed the gateway."""

    request: Request
    shop: SimShop | None
    body: dict[str, Any]

    @property
    def q(self) -> dict[str, str]:
        return self.request.query


class Reject(Exception):
    """Raised inside handlers to answer with an error response."""

    def __init__(self, response: Response) -> None:
        super().__init__("rejected")
        self.response = response


class Gateway:
    """The checks and envelope every Shopee endpoint shares (one per emulator)."""

    def __init__(self, state: ShopeeState) -> None:
        self.st = state

    def request_id(self) -> str:
        return "".join(self.st.rng.choices("0123456789abcdef", k=32))

    def ok(self, payload: Any = None, *, top_level: bool = False, warning: Any = "") -> Response:
        body: dict[str, Any] = {"request_id": self.request_id(), "error": "", "message": ""}
        if top_level:
            body.update(payload or {})
        else:
            body["warning"] = warning
            body["response"] = payload
        return Response.json(body)

    def error(
        self, code: str, message: str, status: int = 200, response: Any = None, warning: Any = None
    ) -> Response:
        body: dict[str, Any] = {"request_id": self.request_id(), "error": code, "message": message}
        if response is not None:
            body["response"] = response
        if warning is not None:
            body["warning"] = warning
        return Response.json(body, status=status)

    def fail(self, code: str, message: str, status: int = 200, response: Any = None) -> Reject:
        return Reject(self.error(code, message, status, response))

    def gateway_fail(self, code: str, message: str) -> Reject:
        return self.fail(code, message, int(self.st.options["gateway_error_status"]))

    def route(
        self, method: str, action: str, api_type: str, fn: Callable[[Ctx], Response]
    ) -> Route:
        path = f"{API}/{action}"

        def handler(request: Request) -> Response:
            try:
                shop = self.gateway(request, path, api_type)
                self.throttle(shop.shop_id if shop else 0)
                return fn(Ctx(request, shop, self.body(request)))
            except Reject as reject:
                return reject.response

        return Route(method, path, handler, name=action)

    def body(self, request: Request) -> dict[str, Any]:
        if request.method != "POST":
            return {}
        try:
            body = request.json()
        except ValueError:
            raise self.fail("error_param", "Wrong parameters, detail: invalid json body.") from None
        if body is None:
            return {}
        if not isinstance(body, dict):
            raise self.fail("error_param", "Wrong parameters, detail: body must be an object.")
        return body

    def gateway(self, request: Request, path: str, api_type: str) -> SimShop | None:
        """Partner, timestamp, sign, then (shop APIs) token and shop, in the reference's order."""
        q = request.query
        self.check_partner_and_timestamp(q)
        if not q.get("sign"):
            raise self.gateway_fail("error_param", "There is no sign in query.")
        ts = int(q["timestamp"])
        if api_type == "public":
            message = signing.public_base(self.st.partner_id, path, ts)
        else:
            shop_id = uint(q.get("shop_id"))
            message = signing.shop_base(
                self.st.partner_id, path, ts,
                q.get("access_token", ""), shop_id if shop_id is not None else 0,
            )  # fmt: skip
        if not signing.sign_matches(self.st.partner_key, message, q["sign"]):
            raise self.gateway_fail("error_sign", "Wrong sign.")
        if api_type == "public":
            return None
        return self.check_shop_token(q)

    def check_partner_and_timestamp(self, q: dict[str, str]) -> None:
        if "partner_id" not in q:
            raise self.gateway_fail("error_param", "There is no partner_id in query.")
        partner = uint(q["partner_id"])
        if partner is None:
            raise self.gateway_fail(
                "error_param",
                "Partner_id is invalid, should be an integer between 0 and 4294967295.",
            )
        if partner != self.st.partner_id:
            raise self.gateway_fail("error_auth", "partner_id is invalid")
        if "timestamp" not in q:
            raise self.gateway_fail("error_param", "no timestamp")
        ts = uint(q["timestamp"])
        if ts is None:
            raise self.gateway_fail(
                "error_param",
                "Timestamp is invalid, should be an integer between 0 and 4294967295.",
            )
        if abs(self.st.now() - ts) > float(self.st.options["timestamp_window"]):
            raise self.gateway_fail("error_param", "Timestamp is expired.")

    def check_shop_token(self, q: dict[str, str]) -> SimShop:
        if not q.get("access_token"):
            raise self.gateway_fail("error_param", "There is no access_token in query.")
        if "shop_id" not in q:
            raise self.gateway_fail("error_param", "There is no shop_id in query.")
        shop_id = uint(q["shop_id"])
        if shop_id is None:
            raise self.gateway_fail(
                "error_param", "shop_id is invalid, should be an integer between 0 and 4294967295."
            )
        grant = self.st.access.get(q["access_token"])
        if grant is None or grant.expires_at <= self.st.now():
            raise self.gateway_fail(
                "invalid_acceess_token", "Invalid access_token, please have a check."
            )
        if grant.shop_id != shop_id:
            raise self.gateway_fail("error_auth", "Invalid partner_id or shopid.")
        shop = self.st.shops.get(shop_id)
        if shop is None or not shop.linked:
            raise self.gateway_fail("shop_no_linked", "Partner and shop has no linked.")
        return shop

    def throttle(self, shop_id: int) -> None:
        """A token bucket per (partner, shop) on the sandbox clock."""
        rate = float(self.st.options["rate_limit_per_second"])
        burst = float(self.st.options["rate_limit_burst"])
        now = self.st.now()
        bucket = self.st.buckets.setdefault((self.st.partner_id, shop_id), [burst, now])
        bucket[0] = min(burst, bucket[0] + max(0.0, now - bucket[1]) * rate)
        bucket[1] = now
        if bucket[0] < 1.0:
            raise self.fail(
                "error_rate_limit",
                "Too many requests. You have reached the rate limit. Please try again later.",
                int(self.st.options["rate_limit_status"]),
            )
        bucket[0] -= 1.0

    def param_error(self, detail: str) -> Reject:
        return self.fail("error_param", f"Wrong parameters, detail: {detail}")

    def int_param(self, source: dict[str, Any], name: str, default: int | None = None) -> int:
        value = source.get(name)
        if value is None or value == "":
            if default is None:
                raise self.param_error(f"{name} is required.")
            return default
        if isinstance(value, bool):
            raise self.param_error(f"{name} is invalid.")
        try:
            return int(value)
        except (TypeError, ValueError):
            raise self.param_error(f"{name} is invalid.") from None

    def list_param(self, request: Request, name: str) -> list[str]:
        """Comma-joined, repeated keys, or bracketed ``[a,b]``: all accepted (reference §2.3)."""
        values: list[str] = []
        for key, raw in request.query_list:
            if key in (name, f"{name}[]"):
                values.extend(v.strip() for v in raw.strip("[]").split(",") if v.strip())
        return values

    def shop(self, ctx: Ctx) -> SimShop:
        assert ctx.shop is not None
        return ctx.shop

    def item(self, shop: SimShop, item_id: int) -> SimItem:
        item = shop.items.get(item_id)
        if item is None or item.status in ("SELLER_DELETE", "SHOPEE_DELETE"):
            raise self.fail("error_item_not_found", "Item_id is not found.")
        return item

    def order(self, shop: SimShop, order_sn: str) -> SimOrder:
        order = shop.orders.get(order_sn)
        if order is None:
            raise self.fail("error_not_found", "Wrong parameters, detail: the order is not found.")
        return order


def uint(value: str | None) -> int | None:
    """A 32-bit unsigned integer query value, or None when it is not one."""
    if value is None or not value.isdigit():
        return None
    number = int(value)
    return number if number <= 4294967295 else None
