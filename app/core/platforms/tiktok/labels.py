"""TikTok Shop airway bills for a batch of orders (reference §5.5).

Per package: ``GET /fulfillment/…/packages/{id}/shipping_documents`` gives a short-lived
``doc_url`` (``11034037`` while it is still being generated: asked again with back-off,
bounded), then the PDF is downloaded from that URL. An order's packages are
``packages[].id`` and, for split packages, ``line_items[].package_id``, in that order. An
order whose shipment is not arranged gets a reason, not an error: the other orders still
print. Transport and authorization errors still raise.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from typing import Any

from app.core.domain.enums import Platform
from app.core.domain.labels import LABEL_STATUSES, OrderLabels, PackageLabel
from app.core.platforms.base import BadRequestError, PermissionDeniedError, ServerError
from app.core.platforms.tiktok.client import TikTokClient
from app.core.text import msg

_NOT_SHIPPED = frozenset({"UNPAID", "ON_HOLD", "AWAITING_SHIPMENT"})
_STILL_GENERATING = "11034037"
_NOT_THIS_SELLER = "21008111"


async def fetch_labels(
    client: TikTokClient, order_ids: Sequence[str], options: Mapping[str, Any]
) -> list[OrderLabels]:
    """Labels for ``order_ids``, one :class:`OrderLabels` per order in the same order."""
    found = {str(o.get("id")): o for o in await client.get_orders(list(order_ids))}
    out: list[OrderLabels] = []
    for order_id in order_ids:
        order = found.get(order_id)
        status = str(order.get("status") or "") if order else ""
        if order is None:
            out.append(OrderLabels(order_id, error=msg("TikTok Shop does not know this order")))
        elif status in _NOT_SHIPPED:
            out.append(OrderLabels(order_id, error=msg("Not shipped yet: arrange shipment first")))
        elif status not in LABEL_STATUSES[Platform.TIKTOK_SHOP]:
            out.append(
                OrderLabels(
                    order_id,
                    error=msg("No airway bill for an order that is {status}", status=status),
                )
            )
        else:
            out.append(await _order_labels(client, order_id, package_ids(order), options))
    return out


def package_ids(order: Mapping[str, Any]) -> list[str]:
    """The order's packages in the platform's order, each once."""
    ids = [str(p.get("id") or "") for p in order.get("packages") or []]
    ids += [str(li.get("package_id") or "") for li in order.get("line_items") or []]
    return [i for i in dict.fromkeys(ids) if i]


async def _order_labels(
    client: TikTokClient, order_id: str, packages: list[str], options: Mapping[str, Any]
) -> OrderLabels:
    if not packages:
        return OrderLabels(order_id, error=msg("Not shipped yet: arrange shipment first"))
    labels = []
    for package_id in packages:
        try:
            doc = await _document(client, package_id, options)
        except (BadRequestError, PermissionDeniedError) as exc:
            if isinstance(exc, PermissionDeniedError) and exc.code != _NOT_THIS_SELLER:
                raise  # a missing scope concerns the store, not this order
            return OrderLabels(order_id, error=str(exc))
        if doc is None:
            return OrderLabels(
                order_id, error=msg("The airway bill was not ready in time; try again")
            )
        data = await client.download_document(str(doc["doc_url"]))
        if not data.startswith(b"%PDF-"):
            return OrderLabels(order_id, error=msg("TikTok Shop did not send a PDF airway bill"))
        labels.append(PackageLabel(package_id, str(doc.get("tracking_number") or ""), data))
    return OrderLabels(order_id, tuple(labels))


async def _document(
    client: TikTokClient, package_id: str, options: Mapping[str, Any]
) -> dict[str, Any] | None:
    """The document answer once generated; None when it was still generating after
    ``document_poll_attempts`` asks, waits doubling from ``document_poll_interval``."""
    wait = float(options.get("document_poll_interval", 0.5))
    for attempt in range(int(options.get("document_poll_attempts", 8))):
        if attempt:
            await asyncio.sleep(wait)
            wait = min(wait * 2, float(options.get("document_poll_interval", 0.5)) * 8)
        try:
            doc = await client.get_shipping_document(
                package_id, document_type=str(options["document_type"])
            )
        except ServerError as exc:
            if exc.code != _STILL_GENERATING:
                raise
            continue
        if not doc.get("doc_url"):
            raise BadRequestError(msg("TikTok Shop sent no document link for this package"))
        return doc
    return None
