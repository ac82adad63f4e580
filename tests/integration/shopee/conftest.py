"""Fixtures for the Shopee client/adapter tests: a started sandbox with only the Shopee sim.

Every test talks real HTTP to 127.0.0.1; nothing reaches the internet.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from app.core.domain import AppCredentials, Endpoints
from app.core.platforms.base import TokenProvider
from app.core.platforms.http import RetryPolicy, TokenBucket
from app.core.platforms.shopee import ShopeeAdapter, ShopeeClient
from app.core.platforms.shopee.records import ShopAuth
from app.sandbox.catalog import demo_catalog
from app.sandbox.core import Sandbox
from app.sandbox.shopee.sim import ShopeeSim

FAST_RETRY = RetryPolicy(attempts=4, base_delay=0.01, max_delay=0.05)


@dataclass
class ShopeeEnv:
    """A running sandbox with the Shopee sim and what a client needs to reach it."""

    sandbox: Sandbox
    sim: ShopeeSim

    @property
    def credentials(self) -> AppCredentials:
        return AppCredentials(str(self.sim.partner_id), self.sim.partner_key)

    @property
    def endpoints(self) -> Endpoints:
        return Endpoints(api_base_url=self.sandbox.base_url)

    @property
    def shop_ids(self) -> list[int]:
        return list(self.sim.shops)

    def client(self, http: httpx.AsyncClient, **kw: Any) -> ShopeeClient:
        """A client on the sandbox clock with fast retries and a generous limiter."""
        kw.setdefault("retry", FAST_RETRY)
        kw.setdefault("clock", self.sandbox.clock.now)
        kw.setdefault("limiter", TokenBucket(1000, 1000))
        kw.setdefault("options", {"rate_limit_pause": 0.01})
        return ShopeeClient(http, self.endpoints, self.credentials, **kw)

    def adapter(
        self,
        http: httpx.AsyncClient,
        tokens: TokenProvider,
        shop_id: int | None = None,
        **options: Any,
    ) -> ShopeeAdapter:
        """An adapter for one shop, on the sandbox clock with fast retries and polling."""
        opts = {
            "clock": self.sandbox.clock.now,
            "rate_limit_pause": 0.01,
            "document_poll_interval": 0.01,
            **options,
        }
        return ShopeeAdapter(
            http,
            self.endpoints,
            self.credentials,
            str(shop_id or self.shop_ids[0]),
            tokens,
            limiter=TokenBucket(1000, 1000),
            retry=FAST_RETRY,
            options=opts,
        )


@pytest.fixture
def anyio_backend() -> str:
    """Run async tests on asyncio only."""
    return "asyncio"


@pytest.fixture(scope="session")
def _sandboxes() -> Iterator[list[Sandbox]]:
    """Every sandbox the session started, stopped together at the end.

    ``Sandbox.stop`` waits for ``serve_forever``'s 0.5 s poll; stopping them all at once
    in parallel keeps that to one half-second for the whole run instead of one per test.
    """
    started: list[Sandbox] = []
    yield started
    threads = [threading.Thread(target=sb.stop) for sb in started]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=5)


@pytest.fixture
def make_env(_sandboxes: list[Sandbox]) -> Iterator[Callable[..., ShopeeEnv]]:
    """Factory: a started sandbox with a fresh ShopeeSim (options passed to the sim)."""
    started = _sandboxes

    def make(shops: int = 2, seed: int = 5, **options: Any) -> ShopeeEnv:
        sandbox = Sandbox(seed=seed)
        sim = ShopeeSim(sandbox, demo_catalog(seed), shops=shops, seed=seed, options=options)
        sandbox.add(sim)
        sandbox.start()
        started.append(sandbox)
        return ShopeeEnv(sandbox, sim)

    yield make


@pytest.fixture
def env(make_env: Callable[..., ShopeeEnv]) -> ShopeeEnv:
    """The default environment: two shops, seed 5."""
    return make_env()


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    """The shared long-lived AsyncClient, with short timeouts for loopback."""
    async with httpx.AsyncClient(timeout=httpx.Timeout(2.0, connect=1.0)) as client:
        yield client


@pytest.fixture
async def client(env: ShopeeEnv, http: httpx.AsyncClient) -> ShopeeClient:
    """A client for the default environment."""
    return env.client(http)


@pytest.fixture
async def auth(env: ShopeeEnv, client: ShopeeClient) -> ShopAuth:
    """Shop 0 authorized through the code flow."""
    shop_id = env.shop_ids[0]
    grant = await client.get_access_token(env.sim.issue_code(shop_id), shop_id=shop_id)
    return ShopAuth(shop_id, grant.access_token)
