"""Shopee v2 logistics and payment calls: shipping, tracking, shipping documents, escrow.

A mixin of :class:`~app.core.platforms.shopee.client.ShopeeClient`: these endpoint groups
live here to keep the client's HTTP/auth core readable; they only use the client's
``call``/``_call`` plumbing (signing, retries, envelope parsing). Ship and document
creation start work on Shopee's side and are never retried automatically.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from app.core.platforms.base import MalformedResponseError
from app.core.platforms.shopee.records import (
    MAX_DOCUMENT_ORDERS,
    Document,
    Envelope,
    ShopAuth,
    chunked,
)


class LogisticsCalls:
    """``logistics/*`` and ``payment/get_escrow_detail`` for :class:`ShopeeClient`."""

    if TYPE_CHECKING:  # provided by ShopeeClient

        async def call(self, method: str, action: str, **kw: Any) -> Envelope: ...

        async def _call(self, *args: Any, **kwargs: Any) -> Envelope | Document: ...

        @staticmethod
        def _dict(envelope: Envelope, what: str) -> dict[str, Any]: ...

    async def get_shipping_parameter(
        self, auth: ShopAuth, order_sn: str, package_number: str | None = None
    ) -> dict[str, Any]:
        """Which ship methods an order allows and what each needs (READY_TO_SHIP only)."""
        params = {"order_sn": order_sn}
        if package_number:  # never send an empty package_number
            params["package_number"] = package_number
        env = await self.call(
            "GET",
            "logistics/get_shipping_parameter",
            auth=auth,
            params=params,
            safe_to_repeat=True,
        )
        return self._dict(env, "get_shipping_parameter")

    async def ship_order(
        self,
        auth: ShopAuth,
        order_sn: str,
        *,
        pickup: Mapping[str, Any] | None = None,
        dropoff: Mapping[str, Any] | None = None,
        non_integrated: Mapping[str, Any] | None = None,
        package_number: str | None = None,
    ) -> None:
        """Arrange shipment with exactly one method. Never retried automatically."""
        methods = {"pickup": pickup, "dropoff": dropoff, "non_integrated": non_integrated}
        chosen = {k: dict(v) for k, v in methods.items() if v is not None}
        if len(chosen) != 1:
            raise ValueError("ship_order needs exactly one of pickup, dropoff, non_integrated")
        body: dict[str, Any] = {"order_sn": order_sn, **chosen}
        if package_number:
            body["package_number"] = package_number
        await self.call("POST", "logistics/ship_order", auth=auth, body=body, safe_to_repeat=False)

    async def get_tracking_number(
        self, auth: ShopAuth, order_sn: str, package_number: str | None = None
    ) -> dict[str, Any]:
        """The 3PL tracking number; ``""`` for a while after ship_order (poll later)."""
        params = {"order_sn": order_sn}
        if package_number:
            params["package_number"] = package_number
        env = await self.call(
            "GET",
            "logistics/get_tracking_number",
            auth=auth,
            params=params,
            safe_to_repeat=True,
        )
        return self._dict(env, "get_tracking_number")

    async def get_shipping_document_parameter(
        self, auth: ShopAuth, orders: Sequence[Mapping[str, Any]]
    ) -> list[dict[str, Any]]:
        """Suggested and selectable document types per order (50 orders per call)."""
        return await self._document_batches(
            auth, "logistics/get_shipping_document_parameter", orders, safe=True
        )

    async def create_shipping_document(
        self, auth: ShopAuth, orders: Sequence[Mapping[str, Any]]
    ) -> list[dict[str, Any]]:
        """Ask Shopee to render documents; per-order ``fail_error`` marks failures.

        Not retried automatically: it starts work on Shopee's side.
        """
        return await self._document_batches(
            auth, "logistics/create_shipping_document", orders, safe=False
        )

    async def get_shipping_document_result(
        self, auth: ShopAuth, orders: Sequence[Mapping[str, Any]]
    ) -> list[dict[str, Any]]:
        """Per-order document status: ``READY``, ``PROCESSING`` or ``FAILED``."""
        return await self._document_batches(
            auth, "logistics/get_shipping_document_result", orders, safe=True
        )

    async def _document_batches(
        self, auth: ShopAuth, action: str, orders: Sequence[Mapping[str, Any]], *, safe: bool
    ) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for batch in chunked(list(orders), MAX_DOCUMENT_ORDERS):
            env = await self.call(
                "POST",
                action,
                auth=auth,
                body={"order_list": [dict(o) for o in batch]},
                safe_to_repeat=safe,
                tolerate=frozenset({"batch_api_all_failed"}),
            )
            out.extend(self._dict(env, action).get("result_list") or [])
        return out

    async def download_shipping_document(
        self,
        auth: ShopAuth,
        orders: Sequence[Mapping[str, Any]],
        document_type: str = "THERMAL_AIR_WAYBILL",
    ) -> Document:
        """The rendered document bytes (PDF, sometimes HTML or ZIP); JSON only on error."""
        if not 1 <= len(orders) <= MAX_DOCUMENT_ORDERS:
            raise ValueError("download 1..50 orders at a time")
        result = await self._call(
            "POST",
            "logistics/download_shipping_document",
            auth=auth,
            body={"shipping_document_type": document_type, "order_list": [dict(o) for o in orders]},
            safe_to_repeat=True,
            binary=True,
        )
        if not isinstance(result, Document):
            raise MalformedResponseError(
                "download_shipping_document answered JSON without a document",
                request_id=result.request_id or None,
            )
        return result

    # ------------------------------------------------------------------ payment
    async def get_escrow_detail(self, auth: ShopAuth, order_sn: str) -> dict[str, Any]:
        """The money breakdown of one order (changes until the order completes)."""
        env = await self.call(
            "GET",
            "payment/get_escrow_detail",
            auth=auth,
            params={"order_sn": order_sn},
            safe_to_repeat=True,
        )
        return self._dict(env, "get_escrow_detail")
