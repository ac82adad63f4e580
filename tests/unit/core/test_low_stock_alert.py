"""The low-stock alert (issue 15 item 6): once per crossing of the reorder point, kept
across a restart, fed from every stock change through the commit hook."""

from __future__ import annotations

import pytest

from app.core.paths import resolve_paths
from app.core.services import alerts, inventory, locations
from app.core.services.errors import NegativeStockError
from app.core.workspace import open_workspace
from tests.helpers.factories import product


@pytest.fixture
def madu(ctx):
    v = product(ctx, skus=("MADU-250",)).variants[0]
    loc = locations.list_locations(ctx)[0].id
    inventory.set_reorder(ctx, v.id, loc, 5, 10)
    inventory.receive(ctx, v.id, loc, 10)
    return v.id, loc


@pytest.fixture
def fired(workspace):
    got: list[alerts.LowStockAlert] = []
    workspace.low_stock.listeners.append(got.extend)
    return got


def test_crossing_fires_once_staying_low_fires_nothing_recovering_rearms(ctx, madu, fired):
    vid, loc = madu
    inventory.adjust(ctx, vid, loc, -4, "sold at the market")  # 6 left: above 5
    assert fired == []
    inventory.adjust(ctx, vid, loc, -2, "sold at the market")  # 4 left: crossed
    assert [(a.sku, a.available, a.reorder_point) for a in fired] == [("MADU-250", 4, 5)]
    inventory.adjust(ctx, vid, loc, -1, "damaged")  # still low: nothing more
    inventory.adjust(ctx, vid, loc, -3, "damaged")  # out of stock: still the same dip
    assert len(fired) == 1
    assert [a.sku for a in alerts.open_alerts(ctx)] == ["MADU-250"]

    inventory.receive(ctx, vid, loc, 20)  # 20: recovered, re-armed
    assert alerts.open_alerts(ctx) == []
    assert len(fired) == 1
    inventory.adjust(ctx, vid, loc, -16, "big order")  # 4 again: fires again
    assert [a.available for a in fired] == [4, 4]


def test_a_restart_does_not_alert_again_for_the_same_dip(data_dir, workspace, ctx, madu):
    vid, loc = madu
    inventory.adjust(ctx, vid, loc, -7, "sold")  # 3 left
    workspace.close()
    again = open_workspace(resolve_paths(data_dir))
    try:
        got: list[alerts.LowStockAlert] = []
        again.low_stock.listeners.append(got.extend)
        inventory.adjust(again.ctx, vid, loc, -1, "sold")
        assert got == []
        assert [a.available for a in alerts.open_alerts(again.ctx)] == [2]
    finally:
        again.close()


def test_a_refused_change_alerts_nothing(ctx, madu, fired):
    vid, loc = madu
    with pytest.raises(NegativeStockError):
        inventory.adjust(ctx, vid, loc, -11, "typo")
    assert fired == []
    assert alerts.open_alerts(ctx) == []
