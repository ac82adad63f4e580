"""Fixtures: a started loopback Sandbox with only the TikTok Shop emulator, and clients for it.

Every test gets a fresh sandbox (fresh shops, tokens and fault rules); starting one takes a
few milliseconds. Async tests run on asyncio through anyio's pytest plugin.
"""

from __future__ import annotations

import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest

from app.core.domain import AppCredentials, Endpoints, TokenSet
from app.core.platforms.http import RetryPolicy, TokenBucket
from app.core.platforms.tiktok.adapter import TikTokAdapter
from app.core.platforms.tiktok.client import TikTokClient
from app.core.platforms.tiktok.signing import sign
from app.sandbox.catalog import demo_catalog
from app.sandbox.core import Sandbox
from app.sandbox.tiktok.sim import TikTokSim

FAST_RETRY = RetryPolicy(attempts=4, base_delay=0.01, max_delay=0.05)


@pytest.fixture
def anyio_backend() -> str:
    """Run async tests on asyncio (the engine's loop)."""
    return "asyncio"


@pytest.fixture(scope="session")
def _stoppers() -> Iterator[list[threading.Thread]]:
    """Sandboxes stopping in the background; joined once at the end of the session.

    ``Sandbox.stop`` waits up to the server's 0.5 s poll interval; doing that per test
    would dominate the suite's runtime.
    """
    threads: list[threading.Thread] = []
    yield threads
    for thread in threads:
        thread.join(timeout=5)


@pytest.fixture
def sandbox(_stoppers: list[threading.Thread]) -> Iterator[Sandbox]:
    """A started sandbox serving only the TikTok emulator (2 shops, seeded)."""
    sb = Sandbox(seed=11)
    sb.add(TikTokSim(sb, demo_catalog(11), shops=2, seed=11))
    sb.start()
    try:
        yield sb
    finally:
        sb.clear_faults()
        stopper = threading.Thread(target=sb.stop, name="sandbox-stop", daemon=True)
        stopper.start()
        _stoppers.append(stopper)


@pytest.fixture
def sim(sandbox: Sandbox) -> TikTokSim:
    """The TikTok emulator inside the sandbox."""
    return sandbox.sim("tiktok_shop")


@pytest.fixture
def endpoints(sandbox: Sandbox) -> Endpoints:
    """Both TikTok 'hosts' on the sandbox's one port."""
    return Endpoints(api_base_url=sandbox.base_url, auth_base_url=sandbox.base_url)


@pytest.fixture
def creds(sim: TikTokSim) -> AppCredentials:
    """The emulated app's key, secret and service id."""
    return AppCredentials(sim.app_key, sim.app_secret, sim.service_id)


@pytest.fixture
def shops(sim: TikTokSim) -> list[Any]:
    """The emulated shops: [0] has one sales warehouse, [1] has two."""
    return list(sim.shops.values())


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    """The long-lived client the engine would inject (short timeout for the timeout test)."""
    async with httpx.AsyncClient(timeout=httpx.Timeout(1.0, connect=1.0)) as client:
        yield client


@dataclass
class Tokens:
    """A TokenProvider holding one TokenSet (the engine keeps them in the keychain)."""

    tokens: TokenSet | None = None

    def current(self) -> TokenSet | None:
        return self.tokens


@pytest.fixture
def make_client(
    http: httpx.AsyncClient, endpoints: Endpoints, creds: AppCredentials, sandbox: Sandbox
) -> Callable[..., TikTokClient]:
    """Build a TikTokClient on the sandbox; ``token`` may be a str or a Tokens holder."""

    def build(
        *, cipher: str | None = None, token: str | Tokens | None = None, **kw: Any
    ) -> TikTokClient:
        if isinstance(token, Tokens):
            holder = token

            def getter() -> str | None:
                return holder.tokens.access_token if holder.tokens else None

        else:

            def getter() -> str | None:
                return token

        kw.setdefault("retry", FAST_RETRY)
        kw.setdefault("limiter", TokenBucket(1000, 1000))
        kw.setdefault("clock", sandbox.clock.now)  # the emulator's clock may be moved
        kw.setdefault("credentials", creds)
        credentials = kw.pop("credentials")
        return TikTokClient(
            http, endpoints, credentials, shop_cipher=cipher, access_token=getter, **kw
        )

    return build


@pytest.fixture
async def authorized(
    make_client: Callable[..., TikTokClient], sim: TikTokSim, shops: list[Any]
) -> Callable[..., Any]:
    """``await authorized(shop)`` -> (client with cipher and token, Tokens holder)."""

    async def build(shop: Any, **kw: Any) -> tuple[TikTokClient, Tokens]:
        holder = Tokens()
        client = make_client(cipher=shop.cipher, token=holder, **kw)
        holder.tokens = (await client.get_access_token(sim.issue_code(shop.id))).tokens
        return client, holder

    return build


@pytest.fixture
async def make_adapter(
    http: httpx.AsyncClient,
    endpoints: Endpoints,
    creds: AppCredentials,
    sim: TikTokSim,
    sandbox: Sandbox,
) -> Callable[..., Any]:
    """``await make_adapter(shop, cipher=True)`` -> (authorized TikTokAdapter, Tokens)."""

    async def build(shop: Any, *, cipher: bool = True, **options: Any) -> Any:
        holder = Tokens()
        adapter = TikTokAdapter(
            http,
            endpoints,
            creds,
            shop.id,
            holder,
            shop_cipher=shop.cipher if cipher else None,
            limiter=TokenBucket(1000, 1000),
            retry=FAST_RETRY,
            options={"clock": sandbox.clock.now, **options},
        )
        holder.tokens = await adapter.exchange_code(sim.issue_code(shop.id))
        return adapter, holder

    return build


async def raw_signed(
    http: httpx.AsyncClient,
    base_url: str,
    sim: TikTokSim,
    method: str,
    path: str,
    *,
    token: str | None = None,
    cipher: str | None = None,
    query: dict[str, str] | None = None,
    body: bytes | None = None,
    secret: str | None = None,
    timestamp: int | None = None,
) -> httpx.Response:
    """A hand-built signed request, for gateway rules our client never breaks."""
    params = {"app_key": sim.app_key, "timestamp": str(timestamp or int(sim.clock.now()))}
    if cipher:
        params["shop_cipher"] = cipher
    params.update(query or {})
    params["sign"] = sign(secret or sim.app_secret, path, params, body)
    headers = {"content-type": "application/json"}
    if token:
        headers["x-tts-access-token"] = token
    return await http.request(
        method, f"{base_url}{path}?{urlencode(params)}", content=body, headers=headers
    )


def wall() -> float:
    """Real time, for the few assertions about elapsed time."""
    return time.monotonic()
