"""Connecting a store: exchange the consent code, keep the secrets, register the shop(s)."""

from __future__ import annotations

from app.core.domain import ShopInfo, TokenSet
from app.core.platforms.registry import build_adapter
from app.core.services import stores as store_service
from app.core.services.stores import StoreDTO, StoreInput
from app.core.sync.api import ConnectRequest
from app.core.sync.credentials import FixedTokens


async def connect(engine, req: ConnectRequest) -> list[StoreDTO]:
    """Run the token exchange and register (or update) every shop the grant covers."""
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
    return [_register(engine, req, shop, tokens.tokens) for shop in shops]


def _register(engine, req: ConnectRequest, shop: ShopInfo, tokens: TokenSet) -> StoreDTO:
    ctx = engine.ws.ctx
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
                app_id=req.credentials.app_id,
                shop_cipher=shop.cipher,
            ),
        )
    else:
        store_service.update_connection(
            ctx,
            existing_id,
            api_base_url=req.endpoints.api_base_url,
            auth_base_url=req.endpoints.auth_base_url,
            app_id=req.credentials.app_id,
            shop_cipher=shop.cipher,
            environment=req.environment,
        )
        store = store_service.get_store(ctx, existing_id)
    # secrets first, then the expiry times the GUI shows
    engine.vault.save_app(store, req.credentials)
    engine.vault.save_tokens(store, tokens)
    store_service.set_token_expiry(
        ctx, store.id, tokens.access_expires_at, tokens.refresh_expires_at
    )
    return store_service.get_store(ctx, store.id)
