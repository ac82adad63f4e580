"""A 1,000,000-variant catalog built fast with raw SQL (session fixture and perf checks).

The FTS triggers on ``variants`` would index every row one by one; they are dropped for
the bulk insert and recreated after, and ``catalog_fts`` is left empty (the scrolling
tests never search; searching is covered on the small seeded database).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

N_VARIANTS = 1_000_000
PER_PRODUCT = 4
_NOW = "2026-11-01 03:00:00.000000"


def build_big_catalog(db_path: Path, workspace_id: int, n: int = N_VARIANTS) -> None:
    """Insert ``n`` active variants (``n / 4`` products) into a migrated database."""
    con = sqlite3.connect(db_path)
    try:
        # alone on the file: written straight into it, not through a WAL of every row that
        # each later read would consult and the last close would copy back (40 s under load)
        con.execute("PRAGMA journal_mode=DELETE")
        con.execute("PRAGMA synchronous=OFF")
        triggers = con.execute(
            "SELECT name, sql FROM sqlite_master WHERE type='trigger' AND tbl_name='variants'"
        ).fetchall()
        for name, _sql in triggers:
            con.execute(f"DROP TRIGGER {name}")
        n_products = n // PER_PRODUCT
        con.executemany(
            "INSERT INTO products (id, workspace_id, name, description, brand, category, status,"
            " created_at, updated_at) VALUES (?, ?, ?, '', ?, ?, 'active', ?, ?)",
            (
                (p, workspace_id, f"Produk {p:07d}", f"Brand{p % 50}", f"Kat{p % 20}", _NOW, _NOW)
                for p in range(1, n_products + 1)
            ),
        )
        con.executemany(
            "INSERT INTO variants (id, workspace_id, product_id, sku, sku_key, name, attributes,"
            " barcode, price, cost, weight_grams, images, status, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, '{}', '', ?, ?, 100, '[]', 'active', ?, ?)",
            (
                (
                    v,
                    workspace_id,
                    (v - 1) // PER_PRODUCT + 1,
                    f"SKU-{v:07d}",
                    f"sku-{v:07d}",
                    f"V{v % PER_PRODUCT}",
                    (10000 + v % 90000) * 100,
                    (5000 + v % 40000) * 100,
                    _NOW,
                    _NOW,
                )
                for v in range(1, n + 1)
            ),
        )
        for _name, sql in triggers:
            con.execute(sql)
        con.commit()
        con.execute("PRAGMA journal_mode=WAL")  # as the app keeps it
    finally:
        con.close()
