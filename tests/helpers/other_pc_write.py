"""Run by tests as a separate process: another PC's writes to a shared workspace.

    python -m tests.helpers.other_pc_write DATA_DIR SKU

Adds a product with SKU (as a colleague's window would), takes the lease of the first
store for a made-up engine "PC-OTHER", and exits.
"""

from __future__ import annotations

import sys

from app.core.paths import resolve_paths
from app.core.services import catalog, leases
from app.core.services import stores as store_service
from app.core.services.catalog import ProductInput, VariantInput
from app.core.services.leases import Holder
from app.core.workspace import open_workspace


def main(data_dir: str, sku: str) -> None:
    ws = open_workspace(resolve_paths(data_dir))
    try:
        variant = VariantInput(sku=sku, name=sku, price=12000, cost=8000)
        catalog.create_product(
            ws.ctx, ProductInput(name=f"From another PC {sku}", variants=(variant,))
        )
        first = store_service.list_stores(ws.ctx)[0]
        leases.take_or_renew(ws.ctx, [first.id], Holder("PC-OTHER pid 7 #0ther", "elsewhere"))
    finally:
        ws.close()
    print("written", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
