"""The sandbox's saved state (app/sandbox/persist.py): a reload is the same marketplace,
and it goes on from there (new ids, the same tokens)."""

from __future__ import annotations

import json
import random

import httpx
import pytest

from app.demo import seed_orders
from app.sandbox import persist
from app.sandbox.demo import build_sandbox


def state_text(sandbox) -> str:
    with sandbox.lock:
        return json.dumps(persist.encode(persist.snapshot(sandbox)), sort_keys=True)


def order_ids(sandbox) -> set[str]:
    return {oid for sim in sandbox.sims for shop in sim.shops.values() for oid in shop.orders}


@pytest.fixture
def busy(tmp_path):
    """A sandbox with orders in every status and tokens issued, saved to a file."""
    sb = build_sandbox(3)
    seed_orders(sb, 40, 3)
    with sb.lock:
        for _ in range(6):
            for sim in sb.sims:
                sim.advance_orders(sb.rng)
    path = tmp_path / "demo-sandbox.json"
    sb.save_state(path)
    return sb, path


def test_a_reload_is_the_same_marketplace(busy):
    sb, path = busy
    again = build_sandbox(0)  # another seed: the file wins
    assert again.load_state(path)
    assert state_text(again) == state_text(sb)
    assert path.stat().st_mode & 0o777 == 0o600


def statuses(sandbox) -> dict[str, str]:
    return {
        oid: o.status for sim in sandbox.sims for shop in sim.shops.values()
        for oid, o in shop.orders.items()
    }  # fmt: skip


def test_after_a_reload_old_orders_keep_their_status_and_new_ones_get_new_ids(busy):
    sb, path = busy
    again = build_sandbox(3)  # the same seed: without the file, the ids would repeat
    again.load_state(path)
    assert statuses(again) == statuses(sb)
    seed_orders(again, 20, None)
    assert len(order_ids(again)) == len(order_ids(sb)) + 20  # none reused an id
    with again.lock:
        again.sims[1].place_random_order(random.Random(1))
    assert len(order_ids(again)) == len(order_ids(sb)) + 21


def test_autosave_on_stop_and_the_server_answers_with_the_saved_state(tmp_path):
    path = tmp_path / "state.json"
    sb = build_sandbox(1)
    sb.start()
    sb.start_autosave(path, every=60)
    base = sb.base_url
    assert httpx.get(base + "/nothing-here").status_code == 404
    seed_orders(sb, 5, 1)
    sb.stop()  # saves
    again = build_sandbox(1)
    assert again.load_state(path)
    assert order_ids(again) == order_ids(sb)
    again.start()  # on the same port when it is free: the app's stored URLs stay valid
    try:
        assert again.base_url == base
    finally:
        again.stop()


def test_a_damaged_file_is_moved_aside(tmp_path):
    path = tmp_path / "state.json"
    path.write_text("{not json")
    with pytest.raises(persist.StateFileDamaged):
        build_sandbox(0).load_state(path)
    assert not path.exists() and (tmp_path / "state.json.damaged").exists()
    assert build_sandbox(0).load_state(path) is False  # nothing there: start afresh
