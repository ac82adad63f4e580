"""Connecting a store: exchange the consent code, keep the secrets, register the shop(s).

An authorization code is single-use, so connecting never wastes one: everything that can
fail here on this computer (the keychain for this environment, the store's fields, a
writable data folder) is checked before the exchange, and the store rows and secrets are
written only after it succeeded, and removed again if writing them fails halfway
(docs/ARCHITECTURE.md, "Sync, platforms, data safety").
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from pathlib import Path

from app.core.domain import Environment, ShopInfo, TokenSet
from app.core.platforms.registry import build_adapter
from app.core.services import stores as store_service
from app.core.services.stores import StoreDTO, StoreInput
from app.core.sync.api import ConnectRequest
from app.core.sync.credentials import FixedTokens
from app.core.text import msg

log = logging.getLogger(__name__)


class DataFolderNotWritable(RuntimeError):
    """The data folder (or its database) cannot be written: nothing could be kept."""


async def connect(engine, req: ConnectRequest) -> list[StoreDTO]:
    """Check locally, run the token exchange, then register (or update) every shop the
    grant covers."""
    check_before_exchange(engine, req)
    tokens = FixedTokens()
    adapter = build_adapter(
        req.platform,
        engine.http,
        req.endpoints,
        req.credentials,
        req.shop_id or "",
        tokens,
        retry=engine.options.retry,
        options=engine.options.adapter_options.get(req.platform.value),
    )
    tokens.tokens = await adapter.exchange_code(req.code, req.shop_id)
    shops = await adapter.authorized_shops()
    if req.shop_id:
        shops = [s for s in shops if s.shop_id == req.shop_id] or shops[:1]
    created: list[StoreDTO] = []
    try:
        return [_register(engine, req, shop, tokens.tokens, created) for shop in shops]
    except BaseException:
        _roll_back(engine, req, created)
        raise


def check_before_exchange(engine, req: ConnectRequest) -> None:
    """Raise with a one-line reason for anything that would fail after the code is spent."""
    # the name and shop id may come from the platform; what is given must be valid
    name = "?" if req.name is None else req.name
    store_service.check_store_input(_input(req, name, req.shop_id or "?"))
    _check_writable(engine.ws.paths.data_dir, engine.ws.paths.database)
    # no keychain (and no opt-in fallback) for a production store: refuse now, not after
    engine.vault.check_writable(sandbox=req.environment == Environment.LOCAL_SANDBOX)


def _input(req: ConnectRequest, name: str, shop_id: str) -> StoreInput:
    return StoreInput(
        platform=req.platform,
        name=name,
        external_shop_id=shop_id,
        api_base_url=req.endpoints.api_base_url,
        environment=req.environment,
        auth_base_url=req.endpoints.auth_base_url,
        app_id=shown_app_id(req),
    )


def shown_app_id(req: ConnectRequest) -> str:
    """The app id kept in the database for display. A website's key is half of its key pair,
    so only its last four characters are kept there (the whole pair lives in the keychain)."""
    app_id = req.credentials.app_id
    if req.platform.is_website and len(app_id) > 8:
        return f"{app_id[:3]}…{app_id[-4:]}"
    return app_id


def _check_writable(folder: Path, database: Path) -> None:
    try:  # a probe file: os.access says yes on read-only mounts and always for root
        fd, probe = tempfile.mkstemp(prefix=".storesync-probe-", dir=folder)
        os.close(fd)
        os.unlink(probe)
        writable = not database.exists() or os.access(database, os.W_OK)
    except OSError:
        writable = False
    if not writable:
        raise DataFolderNotWritable(
            msg(
                "the data folder {folder} cannot be written: make it writable (or choose "
                "another with --data-dir), then connect again",
                folder=str(folder),
            )
        )


def _register(
    engine, req: ConnectRequest, shop: ShopInfo, tokens: TokenSet, created: list[StoreDTO]
) -> StoreDTO:
    ctx = _acting(engine, req)
    existing_id = store_service.find_store_id(ctx, req.platform, shop.shop_id)
    if existing_id is None:
        store = store_service.create_store(
            ctx,
            StoreInput(
                platform=req.platform,
                name=req.name or shop.name,
                external_shop_id=shop.shop_id,
                api_base_url=req.endpoints.api_base_url,
                environment=req.environment,
                auth_base_url=req.endpoints.auth_base_url,
                region=shop.region,
                app_id=shown_app_id(req),
                shop_cipher=shop.cipher,
            ),
        )
        created.append(store)
    else:
        store_service.update_connection(
            ctx,
            existing_id,
            api_base_url=req.endpoints.api_base_url,
            auth_base_url=req.endpoints.auth_base_url,
            app_id=shown_app_id(req),
            shop_cipher=shop.cipher,
            environment=req.environment,
        )
        store = store_service.get_store(ctx, existing_id)
    # secrets first, then the expiry times the GUI shows
    engine.vault.save_app(store, req.credentials)
    engine.vault.save_tokens(store, tokens)
    if req.platform.is_website:  # keys do not expire: nothing to count down on screen
        store_service.set_token_expiry(ctx, store.id, None, None)
    else:
        store_service.set_token_expiry(
            ctx, store.id, tokens.access_expires_at, tokens.refresh_expires_at
        )
    return store_service.get_store(ctx, store.id)


def _acting(engine, req: ConnectRequest):
    """The context that connects: the signed-in user's, or the demo's (``acting_as``)."""
    ctx = engine.ws.ctx
    return ctx if req.acting_as is None else ctx.as_actor(req.acting_as)


def _roll_back(engine, req: ConnectRequest, created: list[StoreDTO]) -> None:
    """Writing failed after the exchange: no half-connected store stays behind."""
    for store in created:
        with contextlib.suppress(Exception):
            engine.vault.forget(store)
        try:
            store_service.remove_store(_acting(engine, req), store.id)
        except Exception:
            log.warning("could not remove the half-connected store %s", store.id, exc_info=True)
