"""HTTP plumbing shared by every marketplace client: rate limiting, retries, redaction.

Each client builds on one long-lived ``httpx.AsyncClient`` owned by the engine loop; these
helpers never create clients of their own.
"""

from __future__ import annotations

import asyncio
import logging
import random
import re
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

import httpx

from app.core.platforms.base import (
    MalformedResponseError,
    PlatformError,
    RateLimitedError,
    ServerError,
)

T = TypeVar("T")

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
DEFAULT_LIMITS = httpx.Limits(max_connections=20, max_keepalive_connections=10)

# Query/body keys whose values are secrets wherever they appear.
SECRET_KEYS = (
    "sign",
    "access_token",
    "refresh_token",
    "partner_key",
    "app_secret",
    "code",
    "auth_code",
    "x-tts-access-token",
)
_KEYS_ALT = "|".join(re.escape(k) for k in SECRET_KEYS)
_SECRET_RE = re.compile(
    rf"(?P<k>(?:{_KEYS_ALT}))(?P<sep>[\"']?\s*[=:]\s*[\"']?)(?P<v>[^&\"',\s}}]+)",
    re.IGNORECASE,
)


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """Blank out secret values in a URL, header dump, JSON text or message.

    Known secret keys (``sign=``, ``"access_token": ...``) are masked by pattern, and any
    literal secret passed in ``secrets`` is masked wherever it occurs.
    """
    out = _SECRET_RE.sub(lambda m: f"{m.group('k')}{m.group('sep')}***", text)
    for s in secrets:
        if s and len(s) >= 4:
            out = out.replace(s, "***")
    return out


def redact_url(url: httpx.URL | str) -> str:
    """A URL safe to log: secret query values masked."""
    return redact(str(url))


class TokenBucket:
    """An asyncio token bucket: ``rate`` requests per second with bursts up to ``capacity``.

    One per store (and per API family where the platform limits them separately). A 429
    calls :meth:`penalize` so the bucket stops handing out tokens for a while.
    """

    def __init__(self, rate: float, capacity: float | None = None, clock=time.monotonic):
        self.rate = float(rate)
        self.capacity = float(capacity if capacity is not None else max(1.0, rate))
        self._tokens = self.capacity
        self._clock = clock
        self._last = clock()
        self._blocked_until = 0.0
        self._lock = asyncio.Lock()

    def _refill(self) -> None:
        now = self._clock()
        self._tokens = min(self.capacity, self._tokens + (now - self._last) * self.rate)
        self._last = now

    async def acquire(self) -> None:
        """Wait until a request may be sent."""
        async with self._lock:
            while True:
                now = self._clock()
                if now < self._blocked_until:
                    await asyncio.sleep(self._blocked_until - now)
                    continue
                self._refill()
                if self._tokens >= 1.0:
                    self._tokens -= 1.0
                    return
                await asyncio.sleep((1.0 - self._tokens) / self.rate)

    def penalize(self, seconds: float) -> None:
        """Hand out nothing for ``seconds`` (after a 429)."""
        self._blocked_until = max(self._blocked_until, self._clock() + seconds)
        self._tokens = 0.0


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential back-off with full jitter, honouring Retry-After up to a cap."""

    attempts: int = 4
    base_delay: float = 0.5
    max_delay: float = 20.0
    max_retry_after: float = 60.0

    def delay(self, attempt: int, error: Exception | None = None) -> float:
        """Seconds to wait before retry number ``attempt`` (1-based)."""
        if isinstance(error, RateLimitedError) and error.retry_after is not None:
            return min(error.retry_after, self.max_retry_after)
        ceiling = min(self.max_delay, self.base_delay * (2 ** (attempt - 1)))
        return random.uniform(ceiling / 2, ceiling)


def is_retryable(error: BaseException) -> bool:
    """Whether a failure is worth repeating for a call that is safe to repeat."""
    if isinstance(error, PlatformError):
        return error.retryable
    return isinstance(error, httpx.TimeoutException | httpx.TransportError)


def as_platform_error(error: BaseException) -> PlatformError:
    """Map transport failures to our typed errors (message without URL, hence no secrets)."""
    if isinstance(error, PlatformError):
        return error
    if isinstance(error, httpx.TimeoutException):
        return ServerError(f"timed out: {type(error).__name__}")
    if isinstance(error, httpx.TransportError):
        return ServerError(f"connection failed: {type(error).__name__}")
    return MalformedResponseError(f"unexpected failure: {type(error).__name__}")


async def with_retries(
    call: Callable[[], Awaitable[T]],
    *,
    policy: RetryPolicy,
    safe_to_repeat: bool,
    on_retry: Callable[[int, PlatformError, float], None] | None = None,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> T:
    """Run ``call``; repeat it on retryable failures when it is safe to repeat.

    Raises the last failure as a :class:`PlatformError`.
    """
    attempt = 0
    while True:
        attempt += 1
        try:
            return await call()
        except Exception as exc:
            err = as_platform_error(exc)
            if not (safe_to_repeat and is_retryable(exc)) or attempt >= policy.attempts:
                if err is exc:
                    raise
                raise err from None
            wait = policy.delay(attempt, err)
            if on_retry is not None:
                on_retry(attempt, err, wait)
            await sleep(wait)


class RedactingFilter(logging.Filter):
    """A logging filter that masks secret values in every record it passes."""

    def filter(self, record: logging.LogRecord) -> bool:
        msg = record.getMessage()
        red = redact(msg)
        if red != msg:
            record.msg, record.args = red, None
        return True
