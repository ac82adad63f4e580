"""Shopee airway bills for a batch of orders (reference §5.17).

Per package: the tracking number, the document type (``get_shipping_document_parameter``
or the ``document_type`` option), ``create_shipping_document`` for the whole batch, then
``get_shipping_document_result`` polled with back-off until every package is READY or
FAILED (bounded), and one ``download_shipping_document`` per package so each PDF can be
cached on its own. An order whose shipment is not arranged gets a reason, not an error:
the other orders still print. Transport and authorization errors still raise (the engine
retries, refreshes or reports them).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from app.core.domain.enums import Platform
from app.core.domain.labels import LABEL_STATUSES, OrderLabels, PackageLabel
from app.core.platforms.shopee.client import ShopeeClient
from app.core.platforms.shopee.records import ShopAuth
from app.core.text import msg

_NOT_SHIPPED = frozenset({"READY_TO_SHIP", "RETRY_SHIP", "UNPAID", "IN_CANCEL"})
_DEFAULT_TYPE = "THERMAL_AIR_WAYBILL"

Key = tuple[str, str]  # (order_sn, package_number)


async def fetch_labels(
    client: ShopeeClient,
    auth: Callable[[], ShopAuth],
    order_sns: Sequence[str],
    options: Mapping[str, Any],
) -> list[OrderLabels]:
    """Labels for ``order_sns``, one :class:`OrderLabels` per order in the same order."""
    errors: dict[str, str] = {}
    packages: dict[str, list[str]] = {}
    details = await client.get_order_detail(auth(), list(order_sns), ("package_list",))
    by_sn = {str(d.get("order_sn")): d for d in details}
    for sn in order_sns:
        detail = by_sn.get(sn)
        status = str(detail.get("order_status") or "") if detail else ""
        if detail is None:
            errors[sn] = msg("Shopee does not know this order")
        elif status in _NOT_SHIPPED:
            errors[sn] = msg("Not shipped yet: arrange shipment first")
        elif status not in LABEL_STATUSES[Platform.SHOPEE]:
            errors[sn] = msg("No airway bill for an order that is {status}", status=status)
        else:
            found = [str(p.get("package_number") or "") for p in detail.get("package_list") or []]
            packages[sn] = [p for p in found if p] or [""]

    tracking: dict[Key, str] = {}
    for sn, numbers in packages.items():
        for pkg in numbers:
            got = await client.get_tracking_number(auth(), sn, pkg or None)
            tracking[(sn, pkg)] = str(got.get("tracking_number") or "")
            if not tracking[(sn, pkg)]:
                errors.setdefault(sn, msg("No tracking number yet; try again in a few minutes"))
    keys = [(sn, p) for sn, ps in packages.items() if sn not in errors for p in ps]
    doc_types = await _document_types(client, auth, keys, options, errors)
    keys = [k for k in keys if k[0] not in errors]
    if keys:
        created = await client.create_shipping_document(
            auth(),
            [
                {
                    **_entry(k),
                    "tracking_number": tracking[k],
                    "shipping_document_type": doc_types[k],
                }
                for k in keys
            ],
        )
        _note_failures(created, errors)
        keys = [k for k in keys if k[0] not in errors]
    await _wait_ready(client, auth, keys, doc_types, options, errors)

    out: list[OrderLabels] = []
    for sn in order_sns:
        labels: list[PackageLabel] = []
        for pkg in packages.get(sn, []):
            if sn in errors:
                break
            doc = await client.download_shipping_document(
                auth(), [_entry((sn, pkg))], doc_types[(sn, pkg)]
            )
            if not doc.data.startswith(b"%PDF-"):
                errors[sn] = msg(
                    "Shopee sent the airway bill as {kind}, not PDF: choose a PDF (normal) "
                    "print setting in Seller Centre",
                    kind=doc.content_type or "?",
                )
                break
            labels.append(PackageLabel(pkg or sn, tracking[(sn, pkg)], doc.data))
        if sn in errors:
            out.append(OrderLabels(sn, error=errors[sn]))
        else:
            out.append(OrderLabels(sn, tuple(labels)))
    return out


def _entry(key: Key) -> dict[str, str]:
    sn, pkg = key
    return {"order_sn": sn, "package_number": pkg} if pkg else {"order_sn": sn}


def _note_failures(results: Sequence[Mapping[str, Any]], errors: dict[str, str]) -> None:
    """Shopee reports per-order failures inside a 200 (``fail_error``/``fail_message``)."""
    for r in results:
        if r.get("fail_error"):
            text = str(r.get("fail_message") or r["fail_error"])
            errors.setdefault(str(r.get("order_sn")), f"{text} ({r['fail_error']})")


async def _document_types(
    client: ShopeeClient,
    auth: Callable[[], ShopAuth],
    keys: list[Key],
    options: Mapping[str, Any],
    errors: dict[str, str],
) -> dict[Key, str]:
    forced = options.get("document_type")
    if forced or not keys:
        return {k: str(forced or _DEFAULT_TYPE) for k in keys}
    results = await client.get_shipping_document_parameter(auth(), [_entry(k) for k in keys])
    _note_failures(results, errors)
    suggested: dict[Key, str] = {}
    for r in results:
        key = (str(r.get("order_sn")), str(r.get("package_number") or ""))
        suggested[key] = str(r.get("suggest_shipping_document_type") or "")
        suggested.setdefault((key[0], ""), suggested[key])
    return {k: suggested.get(k) or suggested.get((k[0], "")) or _DEFAULT_TYPE for k in keys}


async def _wait_ready(
    client: ShopeeClient,
    auth: Callable[[], ShopAuth],
    keys: list[Key],
    doc_types: Mapping[Key, str],
    options: Mapping[str, Any],
    errors: dict[str, str],
) -> None:
    """Poll until every package is READY or FAILED: waits double from
    ``document_poll_interval`` up to 8× it, at most ``document_poll_attempts`` checks."""
    wait = float(options.get("document_poll_interval", 0.5))
    attempts = int(options.get("document_poll_attempts", 12))
    pending = list(keys)
    for _ in range(attempts):
        pending = [k for k in pending if k[0] not in errors]
        if not pending:
            return
        results = await client.get_shipping_document_result(
            auth(), [{**_entry(k), "shipping_document_type": doc_types[k]} for k in pending]
        )
        _note_failures(results, errors)
        status: dict[Key, str] = {}
        for r in results:
            sn, pkg = str(r.get("order_sn")), str(r.get("package_number") or "")
            status[(sn, pkg)] = str(r.get("status") or "")
            status.setdefault((sn, ""), status[(sn, pkg)])
        for k in pending:
            got = status.get(k) or status.get((k[0], "")) or ""
            if got == "FAILED":
                errors.setdefault(k[0], msg("Shopee could not make the airway bill; try again"))
        pending = [
            k for k in pending
            if k[0] not in errors and (status.get(k) or status.get((k[0], ""))) != "READY"
        ]  # fmt: skip
        if not pending:
            return
        await asyncio.sleep(wait)
        wait = min(wait * 2, float(options.get("document_poll_interval", 0.5)) * 8)
    for k in pending:
        errors.setdefault(k[0], msg("The airway bill was not ready in time; try again"))
