"""Airway bills over loopback HTTP: the selected orders of a Shopee and a TikTok shop in
one PDF, one page per package in selection order; an unshipped order gets its reason and
the others still print; a reprint reads the cache only (docs/ARCHITECTURE.md,
"Fulfilment")."""

from __future__ import annotations

import stat

from sqlalchemy import select

from app.core.db.models import Order, SyncJob
from app.core.domain import JobKind, JobStatus, Platform
from app.core.export.labels_pdf import merge_results
from app.core.services import labels as svc
from app.core.sync.documents_job import request_labels
from app.sandbox.core import FaultRule
from tests.integration.sync.labels_support import (
    pdf_pages,
    ship_shopee,
    ship_tiktok,
    shopee_ready_orders,
    tiktok_order,
)


def order_id(world, store_id: int, number: str) -> int:
    with world.ws.sessions() as s:
        return s.scalar(
            select(Order.id).where(Order.store_id == store_id, Order.platform_order_id == number)
        )


def print_labels(world, ids, out):
    targets = svc.label_targets(world.ws.ctx, ids)
    cache = svc.LabelCache(world.ws.paths.data_dir)
    req = request_labels(world.engine, targets, cache, lambda rs: merge_results(rs, out))
    return req.result.result(timeout=120)


def test_labels_of_two_platforms_merge_in_selection_order(world, tmp_path):
    shopee = next(s for s in world.stores() if s.platform == Platform.SHOPEE)
    tiktok = next(s for s in world.stores() if s.platform == Platform.TIKTOK_SHOP)
    sb = world.sandbox
    first, unshipped, second = shopee_ready_orders(sb, shopee.external_shop_id, 3)
    s1 = ship_shopee(sb, shopee.external_shop_id, first)
    s2 = ship_shopee(sb, shopee.external_shop_id, second)
    split = tiktok_order(sb, tiktok.external_shop_id, units=2)
    single = tiktok_order(sb, tiktok.external_shop_id)
    t_split = ship_tiktok(sb, tiktok.external_shop_id, split, packages=2)
    t_single = ship_tiktok(sb, tiktok.external_shop_id, single)
    world.sync_all((JobKind.ORDERS,))

    selection = [
        order_id(world, tiktok.id, split),
        order_id(world, shopee.id, first),
        order_id(world, shopee.id, unshipped),
        order_id(world, tiktok.id, single),
        order_id(world, shopee.id, second),
    ]
    out = tmp_path / "bills.pdf"
    merged = print_labels(world, selection, out)

    # one page per package, in the order of the selection (the split order's two first)
    expected = [*t_split, s1, *t_single, s2]
    pages = pdf_pages(out)
    assert merged.path == out and merged.pages == len(pages) == 5
    for text, (package, tracking) in zip(pages, expected, strict=True):
        assert f"Package: {package}" in text and f"Resi: {tracking}" in text
    # the unshipped order says what to do; the others printed
    assert [(r.target.platform_order_id, r.error) for r in merged.failed] == [
        (unshipped, "Not shipped yet: arrange shipment first")
    ]
    assert [r.ok for r in merged.results] == [True, True, False, True, True]
    # each package is cached, privately
    cache = svc.LabelCache(world.ws.paths.data_dir)
    for package, _ in t_split:
        path = cache.package_path(tiktok.id, package)
        assert path.is_file() and stat.S_IMODE(path.stat().st_mode) == 0o600
    # one DOCUMENTS job per store; the Shopee one failed by one order
    with world.ws.sessions() as s:
        jobs = {
            j.store_id: (j.status, j.failed)
            for j in s.scalars(select(SyncJob).where(SyncJob.kind == JobKind.DOCUMENTS))
        }
    assert jobs == {shopee.id: (JobStatus.FAILED, 1), tiktok.id: (JobStatus.SUCCEEDED, 0)}


def test_a_reprint_needs_no_network(world, tmp_path):
    shopee = next(s for s in world.stores() if s.platform == Platform.SHOPEE)
    tiktok = next(s for s in world.stores() if s.platform == Platform.TIKTOK_SHOP)
    sb = world.sandbox
    sn = shopee_ready_orders(sb, shopee.external_shop_id, 1)[0]
    ship_shopee(sb, shopee.external_shop_id, sn)
    tt = tiktok_order(sb, tiktok.external_shop_id, units=2)
    ship_tiktok(sb, tiktok.external_shop_id, tt, packages=2)
    world.sync_all((JobKind.ORDERS,))
    ids = [order_id(world, shopee.id, sn), order_id(world, tiktok.id, tt)]
    first = print_labels(world, ids, tmp_path / "first.pdf")
    assert first.pages == 3 and not first.failed

    # every document endpoint fails now, and then the marketplace is gone altogether
    sb.inject(FaultRule("server_error", endpoint="document"))
    again = print_labels(world, ids, tmp_path / "again.pdf")
    assert not again.failed and all(r.cached for r in again.results)
    assert pdf_pages(tmp_path / "again.pdf") == pdf_pages(tmp_path / "first.pdf")
    sb.stop()
    offline = print_labels(world, ids, tmp_path / "offline.pdf")
    assert not offline.failed
    assert pdf_pages(tmp_path / "offline.pdf") == pdf_pages(tmp_path / "first.pdf")
