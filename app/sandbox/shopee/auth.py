"""Shopee authorization and shop endpoints: consent page, codes, tokens, shop info.

Single-use authorization codes (10 minutes), 4-hour access tokens and single-use rotating
refresh tokens: a refresh kills the old refresh token at once and lets the old access
token live for ``old_access_grace`` seconds more. Re-authorizing a shop revokes all of its
earlier tokens. The consent page stands in for the seller's login and Approve button.
"""

from __future__ import annotations

import html
import random
import string
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

from app.sandbox.catalog import CITIES
from app.sandbox.core import Request, Response, Route
from app.sandbox.shopee import signing
from app.sandbox.shopee.gateway import Ctx, Gateway, Reject, uint
from app.sandbox.shopee.state import API, DAY, Grant, ShopeeState


class AuthApi:
    """``auth/*``, ``public/get_shops_by_partner``, ``shop/*`` and the consent page."""

    def __init__(self, state: ShopeeState, gateway: Gateway) -> None:
        self.st = state
        self.gw = gateway

    def routes(self) -> list[Route]:
        """This area's endpoints."""
        api = self.gw.route
        return [
            api("POST", "auth/token/get", "public", self._token_get),
            api("POST", "auth/access_token/get", "public", self._token_refresh),
            api("GET", "public/get_shops_by_partner", "public", self._shops_by_partner),
            api("GET", "shop/get_shop_info", "shop", self._shop_info),
            api("GET", "shop/get_warehouse_detail", "shop", self._warehouse_detail),
        ]

    def consent_routes(self) -> list[Route]:
        """The consent page and its Approve button (unsigned except the link itself)."""
        return [
            Route("GET", f"{API}/shop/auth_partner", self._consent_page, "auth_partner"),
            Route("GET", f"{API}/shop/auth_partner/approve", self._consent_approve, "approve"),
        ]

    def issue_code(self, shop_id: int | str) -> str:
        """A fresh authorization code for a shop (what the consent redirect carries)."""
        shop_id = int(shop_id)
        if shop_id not in self.st.shops:
            raise KeyError(shop_id)
        code = token_hex(self.st.rng)
        self.st.codes[code] = (shop_id, self.st.now() + float(self.st.options["code_ttl"]))
        return code

    def _issue_tokens(self, shop_id: int) -> dict[str, Any]:
        now = self.st.now()
        access, refresh = token_hex(self.st.rng), token_hex(self.st.rng)
        self.st.access[access] = Grant(shop_id, now + float(self.st.options["access_ttl"]))
        self.st.refresh[refresh] = Grant(shop_id, now + float(self.st.options["refresh_ttl"]))
        return {
            "access_token": access,
            "refresh_token": refresh,
            "expire_in": int(self.st.options["access_ttl"]),
        }

    def _revoke_shop_tokens(self, shop_id: int) -> None:
        """Re-authorization invalidates every earlier token of the shop."""
        for store in (self.st.access, self.st.refresh):
            for token in [t for t, g in store.items() if g.shop_id == shop_id]:
                del store[token]

    def _token_get(self, ctx: Ctx) -> Response:
        body = ctx.body
        code = str(body.get("code") or "")
        if not code:
            raise self.gw.param_error("code is required.")
        if self.gw.int_param(body, "partner_id") != self.st.partner_id:
            raise self.gw.fail("error_auth", "partner_id is invalid")
        if "main_account_id" in body and "shop_id" not in body:
            raise self.gw.fail("invalid_main_acount_id", "The main_account_id is wrong.")
        shop_id = self.gw.int_param(body, "shop_id")
        record = self.st.codes.pop(code, None)  # single use, whatever happens next
        if record is None or record[1] <= self.st.now():
            raise self.gw.fail(
                "invalid_code", "The code is expired or used or invalid, please check the code."
            )
        if record[0] != shop_id:
            raise self.gw.fail(
                "invalid_shop_id",
                "The code or shop_id is wrong, please check the code or the shop_id.",
            )
        shop = self.st.shops[shop_id]
        self._revoke_shop_tokens(shop_id)
        shop.linked, shop.auth_time = True, int(self.st.now())
        shop.expire_time = shop.auth_time + 365 * DAY
        return self.gw.ok(self._issue_tokens(shop_id), top_level=True)

    def _token_refresh(self, ctx: Ctx) -> Response:
        body = ctx.body
        token = str(body.get("refresh_token") or "")
        if not token:
            raise self.gw.param_error("refresh_token is required.")
        self.st.sandbox.refresh_uses[token] += 1
        if self.gw.int_param(body, "partner_id") != self.st.partner_id:
            raise self.gw.fail("error_auth", "partner_id is invalid")
        shop_id = self.gw.int_param(body, "shop_id")
        grant = self.st.refresh.get(token)
        if grant is None:
            raise self.gw.fail("error_auth", "Invalid refresh_token.")
        if grant.shop_id != shop_id:
            raise self.gw.fail(
                "error_shop_refresh_token",
                "Your refresh token is error ,please check refresh token or shopid.",
            )
        if grant.expires_at <= self.st.now():
            raise self.gw.fail("refresh_token_expired", "Your refresh token has expired.")
        shop = self.st.shops[shop_id]
        if not shop.linked:
            raise self.gw.fail("shop_no_linked", "Partner and shop has no linked.")
        del self.st.refresh[token]  # single use: the old refresh token is dead now
        grace_end = self.st.now() + float(self.st.options["old_access_grace"])
        for access in self.st.access.values():
            if access.shop_id == shop_id:
                access.expires_at = min(access.expires_at, grace_end)
        payload = self._issue_tokens(shop_id)
        return self.gw.ok(
            {**payload, "partner_id": self.st.partner_id, "shop_id": shop_id}, top_level=True
        )

    def _consent_page(self, request: Request) -> Response:
        """Stand-in for Shopee's seller login + consent page (signed auth_partner link)."""
        try:
            self.gw.check_partner_and_timestamp(request.query)
            ts = int(request.query["timestamp"])
            path = f"{API}/shop/auth_partner"
            message = signing.public_base(self.st.partner_id, path, ts)
            if not signing.sign_matches(
                self.st.partner_key, message, request.query.get("sign", "")
            ):
                raise self.gw.gateway_fail("error_sign", "Wrong sign.")
            redirect = request.query.get("redirect", "")
            if not redirect:
                raise self.gw.gateway_fail("error_param", "There is no redirect in query.")
        except Reject as reject:
            return reject.response
        nonce = token_hex(self.st.rng)
        self.st.consents[nonce] = (redirect, self.st.now() + float(self.st.options["consent_ttl"]))
        return Response.html(self._consent_html(nonce, redirect))

    def _consent_html(self, nonce: str, redirect: str) -> str:
        rows = []
        for shop in self.st.shops.values():
            href = f"{API}/shop/auth_partner/approve?" + urlencode(
                {"consent": nonce, "shop_id": shop.shop_id}
            )
            rows.append(
                f"<li>{html.escape(shop.name)} (shop_id {shop.shop_id}) "
                f'<a class="button approve" id="approve-{shop.shop_id}" '
                f'href="{html.escape(href)}">Approve</a></li>'
            )
        return (
            "<!doctype html><html lang='id'><head><meta charset='utf-8'>"
            "<title>Shopee Open Platform - Otorisasi</title></head><body>"
            "<h1>Shopee Open Platform (StoreSync sandbox)</h1>"
            f"<p>Aplikasi partner {self.st.partner_id} meminta akses ke toko Anda. "
            f"Anda akan diarahkan ke {html.escape(redirect)}.</p>"
            f"<ul>{''.join(rows)}</ul></body></html>"
        )

    def _consent_approve(self, request: Request) -> Response:
        """The Approve button: a fresh code, then the redirect Shopee does after consent."""
        record = self.st.consents.pop(request.query.get("consent", ""), None)
        shop_id = uint(request.query.get("shop_id"))
        if record is None or record[1] <= self.st.now() or shop_id not in self.st.shops:
            return Response.html("<h1>Tautan otorisasi tidak valid atau kedaluwarsa.</h1>", 400)
        code = self.issue_code(shop_id)  # type: ignore[arg-type]
        return Response.redirect(add_query(record[0], {"code": code, "shop_id": str(shop_id)}))

    def _shops_by_partner(self, ctx: Ctx) -> Response:
        page_size = self.gw.int_param(ctx.q, "page_size", 100)
        page_no = self.gw.int_param(ctx.q, "page_no", 1)
        if not 1 <= page_size <= 100 or page_no < 1:
            raise self.gw.param_error("page_size should be 1..100 and page_no >= 1.")
        linked = [s for s in self.st.shops.values() if s.linked]
        page = linked[(page_no - 1) * page_size : page_no * page_size]
        shops = [
            {"shop_id": s.shop_id, "region": "ID", "auth_time": s.auth_time,
             "expire_time": s.expire_time, "sip_affi_shops": []}
            for s in page
        ]  # fmt: skip
        more = page_no * page_size < len(linked)
        return self.gw.ok({"authed_shop_list": shops, "more": more}, top_level=True)

    def _shop_info(self, ctx: Ctx) -> Response:
        shop = self.gw.shop(ctx)
        return self.gw.ok(
            {
                "shop_name": shop.name, "region": "ID", "status": "NORMAL",
                "auth_time": shop.auth_time, "expire_time": shop.expire_time,
                "shop_fulfillment_flag": "Others", "is_cb": False, "is_upgraded_cbsc": False,
                "merchant_id": None, "is_sip": False, "sip_affi_shops": [],
                "is_main_shop": False, "is_direct_shop": False,
                "linked_direct_shop_list": [], "linked_main_shop_id": 0,
            },
            top_level=True,
        )  # fmt: skip

    def _warehouse_detail(self, ctx: Ctx) -> Response:
        shop = self.gw.shop(ctx)
        if not shop.multi_warehouse:
            raise self.gw.fail(
                "warehouse.error_not_in_whitelist", "Your shop is not in multi-warehouse whitelist."
            )
        city, state = CITIES[0]
        warehouses = [
            {"warehouse_id": i + 1, "warehouse_name": f"Gudang {loc}", "warehouse_type": 1,
             "location_id": loc, "address_id": 118454200 + i, "region": "ID", "state": state,
             "city": city, "district": "", "town": "", "address": f"Jl. Gudang No. {i + 1}",
             "zipcode": "12950", "state_code": "", "holiday_mode_state": 0}
            for i, loc in enumerate(shop.locations)
        ]  # fmt: skip
        return self.gw.ok(warehouses)


def token_hex(rng: random.Random) -> str:
    """Shopee-style 32 hex chars: the hex of 16 ASCII letters."""
    return "".join(rng.choices(string.ascii_letters, k=16)).encode().hex()


def add_query(url: str, extra: dict[str, str]) -> str:
    parts = urlsplit(url)
    query = f"{parts.query}&{urlencode(extra)}" if parts.query else urlencode(extra)
    return urlunsplit(parts._replace(query=query))
