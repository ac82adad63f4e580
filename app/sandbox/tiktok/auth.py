"""TikTok Shop authorization: token host, consent page, authorized shops.

Auth codes are single-use with a 30-minute TTL; tokens carry ABSOLUTE expiry timestamps
(``*_expire_in``); a refresh issues a new pair (and, by default, kills the old refresh
token). The token host's ``/api/v2/token/get|refresh`` is unsigned and checks the app
secret instead. The consent page stands in for services.tiktokshop.com/open/authorize.
"""

from __future__ import annotations

import hashlib
import html
import secrets
from typing import Any
from urllib.parse import urlencode

from app.sandbox.core import Request, Response, Route
from app.sandbox.tiktok.gateway import Ctx, Gateway
from app.sandbox.tiktok.state import MSG_APP_KEY, MSG_PARAM, ApiError, Grant, TikTokState, V


class AuthApi:
    """The token API, the consent page and ``/authorization/202309/shops``."""

    def __init__(self, state: TikTokState, gateway: Gateway) -> None:
        self.st = state
        self.gw = gateway

    def routes(self) -> list[Route]:
        """This area's endpoints."""
        return [
            Route("GET", "/api/v2/token/get", self._token_get, "token/get"),
            Route("GET", "/api/v2/token/refresh", self._token_refresh, "token/refresh"),
            Route("GET", "/open/authorize", self._consent_page, "consent"),
            Route("GET", "/open/authorize/decision", self._consent_decision, "consent"),
            Route("GET", f"/authorization/{V}/shops", self.gw.global_api(self._shops), "shops"),
        ]

    def issue_code(self, shop_id: str) -> str:
        """A fresh single-use authorization code for a shop (what the consent page gives)."""
        with self.st.sandbox.lock:
            if shop_id not in self.st.shops:
                raise KeyError(shop_id)
            code = f"TTP_{secrets.token_urlsafe(16)}"
            self.st.codes[code] = (
                shop_id,
                self.st.clock.now() + float(self.st.options["code_ttl"]),
            )
            return code

    def _token_get(self, req: Request) -> Response:
        try:
            self._check_app(req)
            if req.query.get("grant_type") != "authorized_code":
                raise ApiError(36009004, MSG_PARAM, self._token_status())
            code = req.query.get("auth_code", "")
            shop_id, expires = self.st.codes.pop(code, ("", 0.0))  # single use: gone either way
            if not shop_id or self.st.clock.now() >= expires:
                raise ApiError(36004004, "Invalid auth code.", self._token_status())
            return self.gw.ok(self._grant_json(self._issue_grant([shop_id])), "success")
        except ApiError as err:
            return self.gw.error(err.code, err.message, err.status)

    def _token_refresh(self, req: Request) -> Response:
        try:
            self._check_app(req)
            if req.query.get("grant_type") != "refresh_token":
                raise ApiError(36009004, MSG_PARAM, self._token_status())
            self.st.sandbox.refresh_uses[req.query.get("refresh_token", "")] += 1
            old = self.st.refresh.get(req.query.get("refresh_token", ""))
            if old is None:
                raise ApiError(36004005, "can not find related auth record", self._token_status())
            if self.st.clock.now() >= old.refresh_expires:
                raise ApiError(36004001, "rt has expired", self._token_status())
            if self.st.options["refresh_revokes_old"]:
                self.st.refresh.pop(old.refresh_token, None)
            grant = self._issue_grant(old.shop_ids, refresh_expires=old.refresh_expires)
            return self.gw.ok(self._grant_json(grant), "success")
        except ApiError as err:
            return self.gw.error(err.code, err.message, err.status)

    def _token_status(self) -> int:
        return int(self.st.options["token_error_status"])

    def _check_app(self, req: Request) -> None:
        if req.query.get("app_key") != self.st.app_key:
            raise ApiError(36009004, MSG_APP_KEY, self._token_status())
        if req.query.get("app_secret") != self.st.app_secret:
            raise ApiError(36009004, "Invalid credentials. Invalid app_secret.", 400)

    def _issue_grant(self, shop_ids: list[str], refresh_expires: int | None = None) -> Grant:
        now = self.st.now()
        shop = self.st.shops[shop_ids[0]]
        grant = Grant(
            access_token=f"TTP_{secrets.token_urlsafe(48)}",
            refresh_token=f"TTP_{secrets.token_urlsafe(40)}",
            access_expires=now + int(self.st.options["access_ttl"]),
            refresh_expires=refresh_expires or now + int(self.st.options["refresh_ttl"]),
            shop_ids=list(shop_ids),
            open_id=hashlib.sha256(shop.id.encode()).hexdigest()[:22],
            seller_name=shop.name,
        )
        self.st.access[grant.access_token] = grant
        self.st.refresh[grant.refresh_token] = grant
        return grant

    @staticmethod
    def _grant_json(grant: Grant) -> dict[str, Any]:
        """The token API's data: ``*_expire_in`` are ABSOLUTE Unix timestamps."""
        return {
            "access_token": grant.access_token,
            "access_token_expire_in": grant.access_expires,
            "refresh_token": grant.refresh_token,
            "refresh_token_expire_in": grant.refresh_expires,
            "open_id": grant.open_id,
            "seller_name": grant.seller_name,
            "seller_base_region": "ID",
            "user_type": 0,
            "granted_scopes": [
                "seller.authorization.info",
                "seller.shop.info",
                "seller.order.info",
                "seller.product.basic",
                "seller.product.write",
                "seller.fulfillment.basic",
                "seller.fulfillment.package.write",
                "seller.finance.info",
            ],
        }

    def _consent_page(self, req: Request) -> Response:
        """A stand-in for services.tiktokshop.com/open/authorize: pick a shop, Approve."""
        if req.query.get("service_id") != self.st.service_id:
            return Response.html("<h1>Invalid service_id</h1>", status=400)
        state = req.query.get("state", "")
        forms = []
        for shop in self.st.shops.values():
            common = {"service_id": self.st.service_id, "state": state, "shop_id": shop.id}
            approve = urlencode({**common, "action": "approve"})
            reject = urlencode({**common, "action": "reject"})
            forms.append(
                f"<li><b>{html.escape(shop.name)}</b> ({shop.code}) "
                f'<a class="approve" href="/open/authorize/decision?{html.escape(approve)}">'
                f"Approve</a> "
                f'<a class="reject" href="/open/authorize/decision?{html.escape(reject)}">'
                f"Reject</a></li>"
            )
        page = (
            "<!doctype html><html><head><title>Otorisasi Aplikasi - TikTok Shop</title></head>"
            "<body><h1>Authorize StoreSync</h1><p>Choose the shop to connect.</p>"
            f"<ul>{''.join(forms)}</ul></body></html>"
        )
        return Response.html(page)

    def _consent_decision(self, req: Request) -> Response:
        """Approve -> ``redirect?code=…&state=…``; reject -> ``code=null&error=auth_denied``."""
        if req.query.get("service_id") != self.st.service_id:
            return Response.html("<h1>Invalid service_id</h1>", status=400)
        shop_id = req.query.get("shop_id", "")
        if shop_id not in self.st.shops:
            return Response.html("<h1>Unknown shop</h1>", status=400)
        state = req.query.get("state", "")
        if req.query.get("action") == "approve":
            params = {"code": self.issue_code(shop_id)}
        else:
            params = {"code": "null", "error": "auth_denied"}
        if state:  # authorizations started from Seller Center carry no state
            params["state"] = state
        sep = "&" if "?" in self.st.redirect_url else "?"
        return Response.redirect(f"{self.st.redirect_url}{sep}{urlencode(params)}")

    def _shops(self, req: Request, ctx: Ctx) -> dict[str, Any]:
        return {
            "shops": [
                {
                    "id": s.id,
                    "name": s.name,
                    "region": "ID",
                    "seller_type": "LOCAL",
                    "cipher": s.cipher,
                    "code": s.code,
                }
                for s in (self.st.shops[i] for i in ctx.grant.shop_ids)
            ]
        }
