"""``storesync demo`` restarted on the same data folder continues its marketplace
(app/sandbox/persist.py): orders keep their statuses, fees already read stay read, and new
orders arrive. Real processes, each a full demo run on one folder."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys

from app.demo import demo_sandbox

RANK = {"unpaid": 0, "to_ship": 1, "shipped": 2, "returned": 3, "completed": 3, "cancelled": 3}


def demo_once(data_dir) -> str:
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    out = subprocess.run(
        [sys.executable, "-m", "app", "demo", "--once", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    return out.stdout


def orders(data_dir) -> dict[tuple[int, str], tuple[str, bool]]:
    with sqlite3.connect(data_dir / "storesync.db") as db:
        return {
            (store, oid): (status, bool(final))
            for store, oid, status, final in db.execute(
                "SELECT store_id, platform_order_id, status, fees_final FROM orders"
            )
        }


def fee_lines(data_dir, after_job: int) -> list[str]:
    with sqlite3.connect(data_dir / "storesync.db") as db:
        return [
            m
            for (m,) in db.execute(
                "SELECT message FROM sync_logs WHERE job_id > ? AND message LIKE '%fees%'",
                (after_job,),
            )
        ]


def last_job(data_dir) -> int:
    with sqlite3.connect(data_dir / "storesync.db") as db:
        return db.execute("SELECT coalesce(max(id), 0) FROM sync_jobs").fetchone()[0]


def went_back(before: dict, after: dict) -> list:
    back = []
    for key, (status, final) in before.items():
        now, now_final = after[key]  # an order never disappears
        if RANK[now] < RANK[status] or (status in ("completed", "cancelled") and now != status):
            back.append((key, status, now))
        if final and not now_final:
            back.append((key, "fees final", "estimate again"))
    return back


def marketplace_moves_on(data_dir) -> None:
    """The demo marketplace as a longer session leaves it: most orders shipped and
    completed (the buyers' thread does this every few seconds while a demo runs)."""
    path = data_dir / "demo-sandbox.json"
    sandbox = demo_sandbox(0)
    assert sandbox.load_state(path)
    with sandbox.lock:
        for _ in range(15):
            for sim in sandbox.sims:
                sim.advance_orders(sandbox.rng)
    sandbox.save_state(path)


def test_a_restarted_demo_continues_where_it_stopped(tmp_path):
    data = tmp_path / "data"
    demo_once(data)
    assert (data / "demo-sandbox.json").is_file()
    first = orders(data)
    # the history, orders to ship on every shop, and per platform a cancellation and a
    # return (app/demo.py)
    assert len(first) >= 30 + 4

    marketplace_moves_on(data)
    demo_once(data)
    second = orders(data)
    assert len(second) > len(first)  # buyers ordered while it was "away"
    assert went_back(first, second) == []
    final = {k for k, (_s, f) in second.items() if f}
    assert final  # orders completed while "away": their real fees were read

    job = last_job(data)
    demo_once(data)
    third = orders(data)
    assert len(third) > len(second)
    assert went_back(second, third) == []
    lines = fee_lines(data, job)
    assert not [m for m in lines if "not read yet" in m]
    # fees were read only for orders whose fees became final in this run: none twice
    newly = {k for k, (_s, f) in third.items() if f} - final
    read = sum(int(n) for m in lines for n in re.findall(r"fees read for (\d+)", m))
    assert read == len(newly)
