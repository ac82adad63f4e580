"""``storesync prices …`` as a script runs it: real processes on one data folder after
``storesync demo --once``. A rule change and a preview send nothing (the saved demo
marketplace keeps its prices); ``push --yes`` sends them: each listing lands but the one
the demo's running promotion locks, which is reported with the marketplace's reason and
kept; ``dismiss`` drops it."""

from __future__ import annotations

import json
import re

from tests.integration.sync.test_ship_cli import query, storesync


def _sandbox_prices(data) -> dict[str, str]:
    """Every SKU price the saved demo marketplace holds, by shop and SKU."""
    state = json.loads((data / "demo-sandbox.json").read_text())
    out: dict[str, str] = {}

    def walk(node, shop=""):
        if isinstance(node, dict):
            shop = str(node.get("shop_id", node.get("id", shop))) if "items" in node or \
                "products" in node else shop  # fmt: skip
            sku = node.get("sku") or node.get("seller_sku")
            if sku and "price" in node:
                price = node["price"]  # a Decimal is saved as {"$d": "49500"}
                out[f"{shop}/{sku}"] = str(price["$d"] if isinstance(price, dict) else price)
            for v in node.values():
                walk(v, shop)
        elif isinstance(node, list):
            for v in node:
                walk(v, shop)

    walk(state)
    return out


def _locked_shopee_shop(state) -> str:
    """The shop id of the Shopee shop holding a model in a promotion."""
    found: list[str] = []

    def walk(node, shop=None):
        if isinstance(node, dict):
            if "shop_id" in node and "items" in node:
                shop = str(node["shop_id"])
            if node.get("promotion_id"):
                found.append(shop)
            for v in node.values():
                walk(v, shop)
        elif isinstance(node, list):
            for v in node:
                walk(v, shop)

    walk(state)
    assert len(found) == 1, found
    return found[0]


def test_rule_preview_push_from_the_command_line(tmp_path):
    data = tmp_path / "data"
    out = storesync(data, "demo", "--once")
    assert out.returncode == 0, out.stdout + out.stderr
    # the Shopee shop whose SKU the demo's promotion locks (store ids follow the order
    # the shops finished connecting, which varies)
    state = json.loads((data / "demo-sandbox.json").read_text())
    locked_shop = _locked_shopee_shop(state)
    [(store_id,)] = query(data, f"SELECT id FROM stores WHERE external_shop_id = '{locked_shop}'")
    before = _sandbox_prices(data)
    assert before

    out = storesync(data, "prices", "rule", "--store", str(store_id), "--markup", "10",
                    "--rounding", "500")  # fmt: skip
    assert out.returncode == 0, out.stdout + out.stderr
    changes = re.findall(r"listing (\d+) .* -> ", out.stdout)
    assert changes and "nothing was sent" in out.stdout
    out = storesync(data, "prices", "preview", "--store", str(store_id))
    assert out.returncode == 0 and re.findall(r"listing (\d+) .* -> ", out.stdout) == changes
    assert _sandbox_prices(data) == before  # nothing sent

    out = storesync(data, "prices", "push", "--store", str(store_id))  # not a terminal
    assert out.returncode == 2 and "--yes" in out.stderr
    out = storesync(data, "prices", "push", "--store", str(store_id), "--yes")
    assert out.returncode == 1, out.stdout + out.stderr  # one price refused
    lines = out.stdout.splitlines()
    refused = [ln for ln in lines if " refused: " in ln]
    assert len(refused) == 1 and "promotion" in refused[0], out.stdout
    n = len(changes)
    assert lines[-1] == f"{n - 1} of {n} price change(s) pushed"
    after = _sandbox_prices(data)
    changed = [k for k in after if after[k] != before.get(k)]
    assert len(changed) == n - 1
    assert all(int(after[k]) % 500 == 0 for k in changed)

    # the refused price is kept, not retried (status counts it); dismissing drops it
    assert "  0, 1 held " in _status_row(data, store_id)
    [listing] = re.findall(r"dismiss (\d+)\)", refused[0])
    out = storesync(data, "prices", "preview", "--store", str(store_id))
    assert "held: " in out.stdout and f"listing {listing} " in out.stdout
    assert out.stdout.splitlines()[-1] == "1 price change(s) to review; nothing was sent"
    out = storesync(data, "prices", "dismiss", listing)
    assert out.returncode == 0 and out.stdout.strip() == "1 price(s) dismissed"
    out = storesync(data, "prices", "preview", "--store", str(store_id))
    assert out.stdout.strip() == "0 price change(s) to review; nothing was sent"
    assert _sandbox_prices(data) == after
    assert "held" not in _status_row(data, store_id)


def _status_row(data, store_id: int) -> str:
    out = storesync(data, "status")
    assert out.returncode == 0, out.stderr
    return next(ln for ln in out.stdout.splitlines() if ln.split()[0] == str(store_id))


def test_bad_input_is_one_line_and_changes_nothing(tmp_path):
    data = tmp_path / "data"
    out = storesync(data, "prices", "preview", "--store", "9")
    # (a new data folder logs its creation first)
    assert out.returncode == 2 and out.stderr.strip().splitlines()[-1] == (
        "error: no store 9 (see: storesync stores list)"
    )
    out = storesync(data, "prices", "dismiss")
    assert out.returncode == 2 and "--all" in out.stderr
