"""A JSON-over-HTTPS client for a seller's own website: WooCommerce or the open contract.

Website shops authenticate with a key pair (or one API key) given once by the seller, not
with OAuth tokens. Each call goes through the store's rate limiter and the shared retry
policy (docs/ARCHITECTURE.md, "Sync, platforms"); every error body is mapped to our typed
errors by the shop's own ``classify`` function, and the keys are masked in anything that is
logged or raised.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from app.core.platforms.base import MalformedResponseError, PlatformError, RateLimitedError
from app.core.platforms.http import (
    RetryPolicy,
    TokenBucket,
    note_retry_after,
    redact,
    with_retries,
)

log = logging.getLogger(__name__)

#: builds the typed error for a non-2xx answer: (HTTP status, parsed body or None)
Classify = Callable[[int, Any], PlatformError]


@dataclass(frozen=True)
class WebAnswer:
    """A decoded 2xx answer with the headers the shop pages with."""

    data: Any
    headers: httpx.Headers


class WebClient:
    """Calls to one website shop. ``auth`` gives headers and query parameters per call."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        base_url: str,
        *,
        name: str,
        classify: Classify,
        auth_headers: Mapping[str, str] = (),  # type: ignore[assignment]
        auth_query: Mapping[str, str] = (),  # type: ignore[assignment]
        secrets: Sequence[str] = (),
        limiter: TokenBucket | None = None,
        retry: RetryPolicy | None = None,
        timeout: httpx.Timeout | None = None,
    ) -> None:
        self._http = http
        self.base_url = base_url.rstrip("/")
        self.name = name
        self._classify = classify
        self._headers = {"accept": "application/json", **dict(auth_headers)}
        self._query = dict(auth_query)
        self._secrets = [s for s in secrets if s]
        self._limiter = limiter or TokenBucket(5.0, 10.0)
        self._retry = retry or RetryPolicy()
        self._timeout = timeout

    async def call(
        self,
        method: str,
        path: str,
        *,
        query: Mapping[str, Any] | None = None,
        body: Any = None,
        safe_to_repeat: bool,
    ) -> WebAnswer:
        """One call with retries; raises a :class:`PlatformError` subclass on failure."""
        raw = None if body is None else json.dumps(body, separators=(",", ":")).encode()

        async def attempt() -> WebAnswer:
            await self._limiter.acquire()
            return await self._send(method, path, query or {}, raw)

        return await with_retries(
            attempt,
            policy=self._retry,
            safe_to_repeat=safe_to_repeat,
            on_retry=lambda n, err, wait: self._on_retry(method, path, n, err, wait),
        )

    async def _send(
        self, method: str, path: str, query: Mapping[str, Any], body: bytes | None
    ) -> WebAnswer:
        params = {**{k: str(v) for k, v in query.items()}, **self._query}
        headers = dict(self._headers)
        if body is not None:
            headers["content-type"] = "application/json"
        started = time.monotonic()
        kw: dict[str, Any] = {} if self._timeout is None else {"timeout": self._timeout}
        response = await self._http.request(
            method, self.base_url + path, params=params, content=body, headers=headers, **kw
        )
        log.debug(
            "%s %s %s -> HTTP %s (%.0f ms)",
            self.name,
            method,
            path,
            response.status_code,
            (time.monotonic() - started) * 1000,
        )
        try:
            return self._unwrap(response)
        except PlatformError as exc:
            note_retry_after(exc, response)
            raise

    def _unwrap(self, response: httpx.Response) -> WebAnswer:
        status = response.status_code
        try:
            payload = json.loads(response.content) if response.content else None
        except ValueError:
            payload = None
            if 200 <= status < 300:
                raise MalformedResponseError(
                    f"{self.name} answered HTTP {status} with a body that is not JSON "
                    "(is the address the shop's own, and is its REST API on?)",
                    http_status=status,
                ) from None
        if 200 <= status < 300:
            return WebAnswer(payload, response.headers)
        error = self._classify(status, payload)
        error.message = redact(error.message, self._secrets)
        error.args = (error.message,)
        raise error

    def _on_retry(self, method: str, path: str, attempt: int, err: PlatformError, wait: float):
        if isinstance(err, RateLimitedError):
            self._limiter.penalize(wait)
        log.warning(
            "%s %s %s failed (%s); retry %d in %.2fs",
            self.name,
            method,
            path,
            redact(str(err), self._secrets),
            attempt,
            wait,
        )


def int_header(headers: httpx.Headers, name: str) -> int | None:
    """A paging header as an integer, None when absent or not a number."""
    try:
        return int(headers.get(name, ""))
    except ValueError:
        return None
