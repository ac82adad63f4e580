"""What a TikTok inventory-update answer can tell (reference §5.2.3): a full success is an
empty ``data: {}`` and cannot be checked further; a per-SKU error counts only for the SKU it
names, and an error we cannot attribute to a SKU of the batch fails the whole batch."""

from __future__ import annotations

from app.core.domain import StockUpdate
from app.core.platforms.tiktok.adapter import _results
from app.core.platforms.tiktok.client import SkuFailure, _sku_failures

GROUP = [StockUpdate("P1", "S1", 5), StockUpdate("P1", "S2", 0)]


def test_an_empty_success_counts_every_sku_done():
    assert [r.ok for r in _results(GROUP, _sku_failures({}))] == [True, True]


def test_a_named_sku_error_fails_only_that_sku():
    data = {
        "errors": [
            {"code": 12052990, "message": "Check failed", "detail": {"sku_id": "S2"}},
        ]
    }
    results = _results(GROUP, _sku_failures(data))
    assert [r.ok for r in results] == [True, False]
    assert "Check failed (code 12052990)" in (results[1].error or "")


def test_an_error_naming_no_sku_or_another_sku_fails_the_whole_batch():
    for failure in (SkuFailure("", "12019028", "warehouse missing"), SkuFailure("S9", "1", "x")):
        results = _results(GROUP, [failure])
        assert [r.ok for r in results] == [False, False], failure
