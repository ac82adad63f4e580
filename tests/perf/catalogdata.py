"""A big catalog with its search index filled, built fast (the catalog bench, GUI tests).

Products are named from small vocabularies so that a typed word has a known number of
matches at any size: each of the 25 nouns is in 4 % of the variants (40,000 of 1,000,000),
each of the 100 descriptors in 1 % (10,000), a noun and a descriptor together in 0.04 %
(400), and ``SKU-00012`` is the prefix of exactly 100 SKUs.

The FTS triggers of migration 0001 would index rows one by one; they are dropped for the
bulk insert, the index is filled with the triggers' own row (the same columns from the same
join, one ``INSERT … SELECT``), and the triggers are put back. The index then holds what
the triggers would have written; only its segment layout differs (fewer, larger segments).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

PER_PRODUCT = 4
NOUNS = [
    "Kopi",
    "Madu",
    "Teh",
    "Gula",
    "Beras",
    "Kecap",
    "Sambal",
    "Keripik",
    "Sabun",
    "Sampo",
    "Minyak",
    "Tepung",
    "Susu",
    "Roti",
    "Mie",
    "Sarden",
    "Saus",
    "Cokelat",
    "Biskuit",
    "Permen",
    "Sirup",
    "Garam",
    "Lada",
    "Kacang",
    "Jahe",
]
_SYL = ("ba", "ka", "la", "ma", "na", "pa", "ra", "sa", "ta", "wa")
# 100 five-letter descriptors ("bakan", "balan", ...): none is the start of another
DESCRIPTORS = [a + b + "n" for a in _SYL for b in _SYL]
SIZES = ("250 g", "500 g", "1 kg", "2 kg")
CATEGORIES = [
    "Minuman",
    "Makanan",
    "Bumbu",
    "Camilan",
    "Kebersihan",
    "Perawatan",
    "Dapur",
    "Sarapan",
    "Bayi",
    "Hewan",
    "Kesehatan",
    "Kecantikan",
    "Rumah",
    "Kantor",
    "Olahraga",
    "Mainan",
    "Elektronik",
    "Otomotif",
    "Hadiah",
    "Lainnya",
]
BUILD_VERSION = 1  # bump when the data changes (the bench caches built databases)
_NOW = "2026-11-01 03:00:00.000000"

# the typed searches and how many active variants each matches in a full-size catalog
SEARCHES = {
    "sku prefix": "SKU-00012",  # 100
    "word, 1 %": "bakan",  # 10,000 (less the archived)
    "word, 4 %": "madu",  # 40,000
    "two words, 0.04 %": "madu bakan",  # 400
    "two words, 1 %": "teh 500",  # 10,000
}
CATEGORY = "Minuman"


def product_row(p: int, workspace_id: int) -> tuple:
    """The products row of product ``p`` (1-based)."""
    name = f"{NOUNS[p % 25]} {DESCRIPTORS[(p // 25) % 100].capitalize()} {p:06d}"
    mixed = (p * 2654435761) & 0xFFFFFFFF  # brand and category independent of the name
    brand = f"Merek{(mixed >> 8) % 500:03d}"
    category = CATEGORIES[(mixed >> 16) % 20]
    status = "archived" if p % 50 == 0 else "active"
    return (p, workspace_id, name, brand, category, status, _NOW, _NOW)


def variant_row(v: int, workspace_id: int) -> tuple:
    """The variants row of variant ``v`` (1-based); its product is ``(v-1)//4 + 1``."""
    p = (v - 1) // PER_PRODUCT + 1
    price = (10_000 + (v * 7919) % 90_000) * 100
    status = "archived" if p % 50 == 0 else "active"
    return (
        v,
        workspace_id,
        p,
        f"SKU-{v:07d}",
        f"sku-{v:07d}",
        SIZES[(v - 1) % PER_PRODUCT],
        price,
        price * 6 // 10,
        status,
        _NOW,
        _NOW,
    )


def build_search_catalog(db_path: Path, workspace_id: int, n: int) -> None:
    """Insert ``n`` variants (``n / 4`` products) and fill ``catalog_fts`` for them."""
    con = sqlite3.connect(db_path)
    try:
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=OFF")
        triggers = con.execute(
            "SELECT name, sql FROM sqlite_master WHERE type='trigger' AND tbl_name='variants'"
        ).fetchall()
        for name, _sql in triggers:
            con.execute(f"DROP TRIGGER {name}")
        con.executemany(
            "INSERT INTO products (id, workspace_id, name, description, brand, category, status,"
            " created_at, updated_at) VALUES (?, ?, ?, '', ?, ?, ?, ?, ?)",
            (product_row(p, workspace_id) for p in range(1, n // PER_PRODUCT + 1)),
        )
        con.executemany(
            "INSERT INTO variants (id, workspace_id, product_id, sku, sku_key, name, attributes,"
            " barcode, price, cost, weight_grams, images, status, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, '{}', '', ?, ?, 100, '[]', ?, ?, ?)",
            (variant_row(v, workspace_id) for v in range(1, n + 1)),
        )
        # the row the insert trigger writes (migration 0001, _FTS_ROW), for every variant
        con.execute(
            "INSERT INTO catalog_fts(rowid, name, sku, variant_name, brand, category)"
            " SELECT v.id, p.name, v.sku, v.name, p.brand, p.category"
            " FROM variants v JOIN products p ON p.id = v.product_id"
        )
        for _name, sql in triggers:
            con.execute(sql)
        con.commit()
    finally:
        con.close()
