"""``storesync orders ship`` as a script runs it: real processes on one data folder. After
``storesync demo --once`` every demo shop has orders waiting, and ``--all-ready`` ships
them (the saved demo marketplace comes back for the command), one line per order."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys


def storesync(data_dir, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    return subprocess.run(
        [sys.executable, "-m", "app", *args, "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def query(data_dir, sql: str) -> list[tuple]:
    with sqlite3.connect(data_dir / "storesync.db") as db:
        return db.execute(sql).fetchall()


def test_after_demo_once_ship_all_ready_ships_every_waiting_order(tmp_path):
    data = tmp_path / "data"
    out = storesync(data, "demo", "--once")
    assert out.returncode == 0, out.stdout + out.stderr
    waiting = query(
        data,
        "SELECT s.name, count(*) FROM orders o JOIN stores s ON s.id = o.store_id "
        "WHERE o.status = 'to_ship' GROUP BY s.name",
    )
    assert len(waiting) == 5 and all(n >= 3 for _s, n in waiting)  # every demo shop
    # the marketplaces' stores (the website's orders need typed tracking numbers: they
    # are shipped in tests/integration/sync/test_website_stores.py)
    stores = [
        a
        for (sid,) in query(
            data, "SELECT id FROM stores WHERE platform IN ('shopee', 'tiktok_shop')"
        )
        for a in ("--store", str(sid))
    ]
    assert len(stores) == 8

    out = storesync(data, "orders", "ship", "--all-ready", *stores)
    assert out.returncode == 0, out.stdout + out.stderr
    lines = out.stdout.splitlines()
    shipped = [ln for ln in lines if " shipped (" in ln]
    assert lines[-1] == f"{len(shipped)} of {len(shipped)} orders shipped"
    assert len(shipped) >= 12
    assert all(re.search(r"shipped \((pickup|dropoff)\): [A-Z0-9]", ln) for ln in shipped)
    # every shipped order has its parcels and tracking numbers in the data folder
    rows = query(
        data,
        "SELECT o.platform_order_id, p.tracking_number FROM order_packages p "
        "JOIN orders o ON o.id = p.order_id",
    )
    assert {pid for pid, _t in rows} == {ln.split(": ")[1].split()[0] for ln in shipped}
    assert all(t for _p, t in rows)
    # the order sync after shipping saw the platforms' new statuses; nothing is left
    again = storesync(data, "orders", "ship", "--all-ready", *stores)
    assert again.returncode == 0 and again.stdout.strip() == "no orders waiting to be shipped"


def test_bad_input_is_refused_with_one_line_and_nothing_shipped(tmp_path):
    data = tmp_path / "data"
    out = storesync(data, "orders", "ship", "--order", "X1", "--tracking", "X1")
    assert out.returncode == 2
    assert out.stderr.strip().splitlines() == [
        "error: --tracking 'X1': write ORDER=NUMBER, e.g. --tracking 240101ABCD=JX123"
    ]
    out = storesync(data, "orders", "ship", "--order", "NOPE123")
    assert out.returncode == 2 and "no order NOPE123" in out.stderr
    out = storesync(data, "orders", "ship", "--all-ready", "--store", "9")
    assert out.returncode == 2 and "no store 9" in out.stderr
