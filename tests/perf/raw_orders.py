"""The raw baselines for the order write benchmark: plain ``sqlite3`` ``executemany``.

``same_rows_same_tables`` writes exactly the rows StoreSync stored (every column of the
orders, their lines, status history, ledger rows and stock counts) into a copy of the
same database, one transaction per page of 100 orders: the least any code must do to
store them. ``bare_tables`` is the older, looser figure: a few columns into tables with
no secondary indexes, kept so the two can be compared.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

PAGE = 100


def _money(d) -> int:
    return int(d * 100)


def _when(dt: datetime | None) -> str | None:
    if dt is None:
        return None
    return dt.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def same_rows_same_tables(orders: Sequence, template_db: Path, stored_db: Path) -> float:
    """Seconds to write the same rows into a copy of ``template_db`` (catalog, no orders).

    ``stored_db`` is the database StoreSync wrote: the line → listing/variant/location/cost
    mapping and each order's fee are read from it before the clock starts, so both runs
    write identical values.
    """
    path = Path(tempfile.mkdtemp(prefix="bench-raw-")) / "raw.db"
    shutil.copy(template_db, path)
    src = sqlite3.connect(stored_db)
    lines = {
        (pp, pv): (lid, vid, loc, cost)
        for pp, pv, lid, vid, loc, cost in src.execute(
            "select platform_product_id, platform_variant_id, listing_id, variant_id, "
            "location_id, unit_cost from order_items group by 1, 2"
        )
    }
    fees = dict(src.execute("select platform_order_id, fees from orders"))
    store_id = src.execute("select store_id from orders limit 1").fetchone()[0]
    src.close()
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("pragma journal_mode=wal")
    con.execute("pragma synchronous=normal")
    con.execute("pragma foreign_keys=on")
    stock = {
        (v, loc): i
        for i, v, loc in con.execute("select id, variant_id, location_id from inventory_items")
    }
    t0, c0 = time.perf_counter(), time.process_time()
    for i in range(0, len(orders), PAGE):
        _write_page(con, orders[i : i + PAGE], store_id, lines, fees, stock)
    elapsed = time.perf_counter() - t0
    LAST_CPU[0] = time.process_time() - c0
    con.close()
    return elapsed


#: CPU seconds of the last ``same_rows_same_tables`` (a shared machine moves wall times
#: between runs; CPU time of the same work moves much less)
LAST_CPU = [0.0]


def _write_page(con, page, store_id, lines, fees, stock) -> None:
    now = _when(datetime.now(UTC))
    con.execute("begin immediate")
    con.executemany(
        "insert into orders (store_id, platform_order_id, status, platform_status, currency, "
        "buyer_name, buyer_username, shipping_address, subtotal, shipping_fee, "
        "seller_discount, platform_discount, total, fees, shipping_subsidy, fees_final, "
        "tracking_number, cancel_reason, placed_at, platform_updated_at, paid_at, "
        "shipped_at, completed_at, created_at, updated_at) "
        "values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (
                store_id,
                o.platform_order_id,
                o.status.value,
                o.platform_status,
                o.currency,
                o.buyer_name,
                o.buyer_username,
                o.shipping_address,
                _money(o.subtotal),
                _money(o.shipping_fee),
                _money(o.seller_discount),
                _money(o.platform_discount),
                _money(o.total),
                fees[o.platform_order_id],
                0,
                0,
                o.tracking_number,
                o.cancel_reason,
                _when(o.created_at),
                _when(o.updated_at),
                _when(o.paid_at),
                _when(o.shipped_at),
                _when(o.completed_at),
                now,
                now,
            )
            for o in page
        ],
    )
    ids = dict(
        con.execute(
            f"select platform_order_id, id from orders where store_id = ? and "
            f"platform_order_id in ({','.join('?' * len(page))})",
            [store_id, *(o.platform_order_id for o in page)],
        )
    )
    con.executemany(
        "insert into order_status_history (order_id, status, platform_status, changed_at, "
        "created_at) values (?,?,?,?,?)",
        [
            (ids[o.platform_order_id], o.status.value, o.platform_status, _when(o.updated_at), now)
            for o in page
        ],
    )
    rows = []
    for o in page:
        for it in o.items:
            lid, vid, loc, cost = lines[(it.platform_product_id, it.platform_variant_id)]
            rows.append(
                (
                    ids[o.platform_order_id],
                    it.platform_item_id,
                    it.platform_product_id,
                    it.platform_variant_id,
                    it.platform_sku,
                    it.name,
                    it.quantity,
                    _money(it.unit_price),
                    _money(it.discount),
                    lid,
                    vid,
                    loc,
                    "reserved",
                    cost,
                )
            )
    con.executemany(
        "insert into order_items (order_id, platform_item_id, platform_product_id, "
        "platform_variant_id, platform_sku, name, quantity, unit_price, discount, listing_id, "
        "variant_id, location_id, inventory_state, unit_cost) "
        "values (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
    item_ids = {
        (oid, pid): iid
        for iid, oid, pid in con.execute(
            f"select id, order_id, platform_item_id from order_items where order_id in "
            f"({','.join('?' * len(ids))})",
            list(ids.values()),
        )
    }
    totals: dict[int, int] = {}
    ledger = []
    for r in rows:
        inv = stock[(r[10], r[11])]
        totals[inv] = totals.get(inv, 0) + r[6]
        ledger.append(
            (
                inv,
                "reservation",
                0,
                r[6],
                "order_item",
                str(item_ids[(r[0], r[1])]),
                "sync",
                "order",
                now,
            )
        )
    con.executemany(
        "update inventory_items set reserved = reserved + ?, updated_at = ? where id = ?",
        [(q, now, inv) for inv, q in totals.items()],
    )
    con.executemany(
        "insert into inventory_transactions (item_id, type, delta_on_hand, delta_reserved, "
        "reference_type, reference_id, actor, note, created_at) values (?,?,?,?,?,?,?,?,?)",
        ledger,
    )
    con.execute("commit")


def bare_tables(orders: Sequence) -> float:
    """A few columns into index-free tables, one transaction per page."""
    path = Path(tempfile.mkdtemp(prefix="bench-bare-")) / "raw.db"
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("pragma journal_mode=wal")
    con.execute("pragma synchronous=normal")
    con.execute(
        "create table orders (id integer primary key, store_id int, oid text, "
        "status text, pstatus text, buyer text, total int, placed text, updated text, "
        "unique(store_id, oid))"
    )
    con.execute(
        "create table order_items (id integer primary key, order_id int, item text, "
        "sku text, qty int, price int, state text)"
    )
    con.execute(
        "create table ledger (id integer primary key, item_id int, d_oh int, d_rs int, ref text)"
    )
    t0 = time.perf_counter()
    for i in range(0, len(orders), PAGE):
        page = orders[i : i + PAGE]
        con.execute("begin")
        con.executemany(
            "insert into orders (store_id, oid, status, pstatus, buyer, total, placed, updated) "
            "values (1, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    o.platform_order_id,
                    o.status.value,
                    o.platform_status,
                    o.buyer_name,
                    _money(o.total),
                    _when(o.created_at),
                    _when(o.updated_at),
                )
                for o in page
            ],
        )
        ids = dict(
            con.execute(
                f"select oid, id from orders where store_id = 1 and oid in "
                f"({','.join('?' * len(page))})",
                [o.platform_order_id for o in page],
            ).fetchall()
        )
        items = [
            (
                ids[o.platform_order_id],
                it.platform_item_id,
                it.platform_sku,
                it.quantity,
                _money(it.unit_price),
                "reserved",
            )
            for o in page
            for it in o.items
        ]
        con.executemany(
            "insert into order_items (order_id, item, sku, qty, price, state) "
            "values (?, ?, ?, ?, ?, ?)",
            items,
        )
        con.executemany(
            "insert into ledger (item_id, d_oh, d_rs, ref) values (?, 0, ?, ?)",
            [(1, q, str(oid)) for oid, _i, _s, q, _p, _st in items],
        )
        con.execute("commit")
    return time.perf_counter() - t0
