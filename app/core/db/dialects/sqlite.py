"""SQLite's side of the catalog search: an FTS5 table, one row per variant (rowid =
variant id), kept in step with products and variants by triggers (created by migration
0001; moved here unchanged so the engine-specific parts live in one place)."""

from __future__ import annotations

# FTS5 tokens: letters and digits plus - _ . / (a SKU like "MADU-250" is one token); the
# PostgreSQL side (.postgresql.TOKEN_SPLIT) cuts text at the same characters
_FTS_ROW = """
    SELECT v.id, p.name, v.sku, v.name, p.brand, p.category
    FROM variants v JOIN products p ON p.id = v.product_id
"""
FTS_DDL = [
    """CREATE VIRTUAL TABLE catalog_fts USING fts5(
        name, sku, variant_name, brand, category,
        tokenize = "unicode61 remove_diacritics 2 tokenchars '-_./'",
        prefix = '2 3'
    )""",
    f"""CREATE TRIGGER variants_fts_ai AFTER INSERT ON variants BEGIN
        INSERT INTO catalog_fts(rowid, name, sku, variant_name, brand, category)
        {_FTS_ROW} WHERE v.id = new.id;
    END""",
    f"""CREATE TRIGGER variants_fts_au AFTER UPDATE OF sku, name, product_id ON variants BEGIN
        DELETE FROM catalog_fts WHERE rowid = old.id;
        INSERT INTO catalog_fts(rowid, name, sku, variant_name, brand, category)
        {_FTS_ROW} WHERE v.id = new.id;
    END""",
    """CREATE TRIGGER variants_fts_ad AFTER DELETE ON variants BEGIN
        DELETE FROM catalog_fts WHERE rowid = old.id;
    END""",
    f"""CREATE TRIGGER products_fts_au AFTER UPDATE OF name, brand, category ON products BEGIN
        DELETE FROM catalog_fts WHERE rowid IN (SELECT id FROM variants WHERE product_id = new.id);
        INSERT INTO catalog_fts(rowid, name, sku, variant_name, brand, category)
        {_FTS_ROW} WHERE v.product_id = new.id;
    END""",
]


def fts5_query(words: tuple[str, ...], any_word: bool) -> str:
    """Typed words as an FTS5 query: each word a phrase matched as a prefix."""
    joiner = " OR " if any_word else " "
    return joiner.join('"' + w.replace('"', '""') + '"*' for w in words)
