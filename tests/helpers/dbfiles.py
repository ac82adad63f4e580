"""Real database files in known states: filled, damaged, from a newer StoreSync."""

from __future__ import annotations

import sqlite3
from pathlib import Path

WEIRD_FOLDER = "Dédé Hömé 100% a%20b \"q\" 'x'"
"""A data folder name with non-ASCII letters, spaces, ``%`` (also as ``%20``) and quotes."""


def make_filled(data_dir: Path, skus: tuple[str, ...] = ("KAOS-01", "KAOS-02", "KAOS-03")):
    """A migrated database under ``data_dir`` with a product; returns its AppPaths."""
    from app.core.paths import resolve_paths
    from app.core.workspace import open_workspace
    from tests.helpers import factories

    paths = resolve_paths(data_dir)
    ws = open_workspace(paths)
    try:
        factories.product(ws.ctx, skus=skus)
        factories.store(ws.ctx)
    finally:
        ws.close()  # the last connection checkpoints the WAL into the file
    return paths


def row_counts(db: Path) -> dict[str, int]:
    """Rows in every table of the file."""
    conn = sqlite3.connect(db)
    try:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        conn.close()


def damage_sku_index(db: Path, sku: bytes = b"KAOS-02") -> None:
    """Change one SKU inside the variants' SKU index page only (the table keeps it), so
    SQLite's integrity_check reports a row missing from the index."""
    conn = sqlite3.connect(db)
    try:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        rows = conn.execute(
            "SELECT name, rootpage FROM sqlite_master WHERE type = 'index' "
            "AND tbl_name = 'variants' AND sql LIKE '%sku%'"
        ).fetchall()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    assert rows, "no SKU index on variants"
    _name, root = rows[0]
    data = bytearray(db.read_bytes())
    start = (root - 1) * page_size
    page = data[start : start + page_size]
    at = page.find(sku)
    assert at >= 0, "the SKU is not on the index's root page"
    page[at : at + len(sku)] = sku[:-1] + b"9"
    data[start : start + page_size] = page
    db.write_bytes(bytes(data))


def truncate(db: Path) -> None:
    """Cut the file to a third of its length."""
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 3])


def break_header(db: Path) -> None:
    """Overwrite the 16-byte "SQLite format 3" magic."""
    data = bytearray(db.read_bytes())
    data[0:16] = b"garbage garbage!"
    db.write_bytes(bytes(data))


def mark_newer(db: Path, revision: str = "0099", written_by: int = 0) -> None:
    """Pretend a newer StoreSync migrated the file to ``revision``."""
    conn = sqlite3.connect(db)
    try:
        conn.execute("UPDATE alembic_version SET version_num = ?", (revision,))
        if written_by:
            conn.execute(f"PRAGMA user_version = {written_by}")
        conn.commit()
    finally:
        conn.close()
