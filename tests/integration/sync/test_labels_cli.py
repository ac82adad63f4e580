"""``storesync orders labels`` in real processes: after ``storesync demo --once`` and some
shipping on the demo marketplace (through its own state, as in Seller Centre), one PDF
whose page count equals the packages shipped; then bad input and a reprint offline."""

from __future__ import annotations

import os
import subprocess
import sys

from app.demo import demo_sandbox
from tests.integration.sync.labels_support import pdf_pages, ship_shopee, ship_tiktok

ENV = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}


def storesync(data_dir, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app", *args, "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=300,
    )


def ship_some(sandbox) -> list[str]:
    """Arrange shipment of a few waiting orders per shop (one TikTok order split over two
    packages when it has two units); every package waiting for pickup, as 'package
    tracking' strings."""
    shopee, tiktok = sandbox.sim("shopee"), sandbox.sim("tiktok_shop")
    for shop_id, shop in list(shopee.state.shops.items()):
        waiting = [o.order_sn for o in shop.orders.values() if o.status == "READY_TO_SHIP"]
        for sn in waiting[:2]:
            ship_shopee(sandbox, shop_id, sn)
    split_done = False
    for shop_id, shop in list(tiktok.state.shops.items()):
        waiting = [o for o in shop.orders.values() if o.status == "AWAITING_SHIPMENT"]
        for order in waiting[:2]:
            split = not split_done and len(order.lines) >= 2
            split_done |= split
            ship_tiktok(sandbox, shop_id, order.id, packages=2 if split else 1)
    packages = [
        f"{o.package_number} {o.tracking_number}"
        for shop in shopee.state.shops.values()
        for o in shop.orders.values()
        if o.status == "PROCESSED"
    ]
    for shop in tiktok.state.shops.values():
        for o in shop.orders.values():
            if o.status == "AWAITING_COLLECTION":
                seen = dict.fromkeys(
                    f"{li.get('package_id') or o.package_id} "
                    f"{li.get('tracking_number') or o.tracking_number}"
                    for li in o.lines
                )
                packages.extend(seen)
    return packages


def test_demo_then_labels_writes_one_page_per_package(tmp_path):
    data = tmp_path / "data"
    done = storesync(data, "demo", "--once")
    assert done.returncode == 0, done.stdout + done.stderr
    sandbox = demo_sandbox(0)
    assert sandbox.load_state(data / "demo-sandbox.json")
    sandbox.start()  # on the port the demo used: the stores' URLs point there
    try:
        with sandbox.lock:
            packages = ship_some(sandbox)
        assert len(packages) >= 4

        out = tmp_path / "x.pdf"
        run = storesync(data, "orders", "labels", "--out", str(out))
        assert run.returncode == 0, run.stdout + run.stderr
        texts = pdf_pages(out)
        assert len(texts) == len(packages)
        assert f"{len(packages)} pages" in run.stdout
        printed = {
            f"{t.split('Package: ')[1].split()[0]} {t.split('Resi: ')[1].split()[0]}" for t in texts
        }
        assert printed == set(packages)

        bad = storesync(data, "orders", "labels", "--out", str(tmp_path / "x.txt"))
        assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and ".pdf" in bad.stderr
        unknown = storesync(data, "orders", "labels", "--out", str(out), "--order", "NOPE1")
        assert unknown.returncode == 2 and "NOPE1" in unknown.stderr
    finally:
        sandbox.stop()

    # the marketplace is gone: the same orders print again from the saved labels
    numbers = [line.split()[1] for line in run.stdout.splitlines() if line.startswith("order ")]
    assert numbers == []  # every order printed the first time
    again = tmp_path / "again.pdf"
    offline = storesync(data, "orders", "labels", "--out", str(again), "--order", *_printed(data))
    assert offline.returncode == 0, offline.stdout + offline.stderr
    assert len(pdf_pages(again)) == len(packages)


def _printed(data) -> list[str]:
    """The order numbers whose labels are cached (one manifest per order)."""
    return sorted(p.stem for p in (data / "labels").glob("*/orders/*.json"))
