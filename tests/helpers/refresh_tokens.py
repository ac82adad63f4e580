"""Run by tests as a separate process: refresh one store's tokens the way the engine
does (``CredentialVault.refresh``), when told to on standard input.

    python -m tests.helpers.refresh_tokens DATA_DIR STORE_ID

Prints ``ready`` once it holds the tokens it would refresh, waits for a line, refreshes,
checks the tokens on a shop call, and prints a digest of the refresh token it ends with.
"""

from __future__ import annotations

import asyncio
import hashlib
import sys

import httpx

from app.core.domain import Endpoints
from app.core.paths import resolve_paths
from app.core.platforms.registry import build_adapter
from app.core.services import stores
from app.core.sync.credentials import CredentialVault, StoreTokenProvider
from app.core.workspace import open_workspace


async def main(data_dir: str, store_id: int) -> None:
    ws = open_workspace(resolve_paths(data_dir))
    try:
        store = stores.get_store(ws.ctx, store_id)
        vault = CredentialVault(ws.secrets, ws.paths.data_dir)
        stale = vault.tokens(store)
        assert stale is not None
        print("ready", flush=True)
        sys.stdin.readline()
        async with httpx.AsyncClient(timeout=30) as http:
            adapter = build_adapter(
                store.platform,
                http,
                Endpoints(store.api_base_url, store.auth_base_url),
                vault.app(store),
                store.external_shop_id,
                StoreTokenProvider(vault, store),
                shop_cipher=store.shop_cipher,
            )
            new = await vault.refresh(store, stale, adapter.refresh_tokens)
            assert new is not None
            info = await adapter.shop_info()  # the tokens we ended with work
        digest = hashlib.sha256(new.refresh_token.encode()).hexdigest()[:16]
        print(digest, info.shop_id, flush=True)
    finally:
        ws.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2])))
