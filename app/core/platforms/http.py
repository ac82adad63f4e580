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
from email.utils import parsedate_to_datetime
from typing import TypeVar

import httpx

from app.core.platforms.base import (
    MalformedResponseError,
    NoAnswerError,
    PlatformError,
    RateLimitedError,
)

T = TypeVar("T")

# Per HTTP attempt: a store that does not answer within this is given up on (and the call
# retried while its budget lasts, see RetryPolicy.budget; docs/ARCHITECTURE.md, deadlines).
DEFAULT_TIMEOUT = httpx.Timeout(20.0, connect=5.0)
DEFAULT_LIMITS = httpx.Limits(max_connections=20, max_keepalive_connections=10)

# Query/body keys whose values are secrets wherever they appear.
SECRET_KEYS = (
    "sign",
    "access_token",
    "refresh_token",
    "partner_key",
    "app_secret",
    "auth_code",
    "x-tts-access-token",
    "consumer_key",
    "consumer_secret",
    "x-storesync-key",
)
_KEYS_ALT = "|".join(re.escape(k) for k in SECRET_KEYS)
_SECRET_RE = re.compile(
    rf"(?P<k>(?:{_KEYS_ALT}))(?P<sep>[\"']?\s*[=:]\s*[\"']?)(?P<v>[^&\"',\s}}]+)",
    re.IGNORECASE,
)
# ``code`` is an authorization code only as a URL query parameter (the consent redirect's
# ``?code=…``) or as a JSON string (Shopee's token/get body). Elsewhere ``code`` is the
# platform's error code (``code=error_param``, TikTok's ``"code": 36009002``), which a
# seller or support needs to see, so it is not masked.
_AUTH_CODE_RE = re.compile(
    r"(?P<k>(?<=[?&])code=|\"code\"\s*:\s*\")(?P<v>[^&\"'\s#]+)", re.IGNORECASE
)


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """Blank out secret values in a URL, header dump, JSON text or message.

    Known secret keys (``sign=``, ``"access_token": ...``) and authorization codes
    (``?code=…``) are masked by pattern, and any literal secret passed in ``secrets`` is
    masked wherever it occurs. Platform error codes (``code=error_param``) stay readable.
    """
    out = _SECRET_RE.sub(lambda m: f"{m.group('k')}{m.group('sep')}***", text)
    out = _AUTH_CODE_RE.sub(lambda m: f"{m.group('k')}***", out)
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
    """Exponential back-off with full jitter, honouring Retry-After up to a cap.

    ``budget`` bounds one call with all its retries and waits (seconds; None: no bound):
    past it the call fails, so a store that hangs costs a job at most this long per call
    (docs/ARCHITECTURE.md, deadlines).
    """

    attempts: int = 4
    base_delay: float = 0.5
    max_delay: float = 20.0
    max_retry_after: float = 60.0
    budget: float | None = 45.0

    def delay(self, attempt: int, error: Exception | None = None) -> float:
        """Seconds to wait before retry number ``attempt`` (1-based).

        A platform's ``Retry-After`` (on a 429 or a 503) is the wait, capped at
        ``max_retry_after``; otherwise exponential back-off with jitter.
        """
        after = getattr(error, "retry_after", None)
        if after is not None:
            return min(max(0.0, float(after)), self.max_retry_after)
        ceiling = min(self.max_delay, self.base_delay * (2 ** (attempt - 1)))
        return random.uniform(ceiling / 2, ceiling)


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """A ``Retry-After`` header in seconds: the seconds form (``"2"``) or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def note_retry_after(error: PlatformError, response: httpx.Response) -> PlatformError:
    """Give ``error`` the response's ``Retry-After`` when it is a rate limit or the status
    is 429 or 503, and the platform's own classification did not already set a wait."""
    limited = isinstance(error, RateLimitedError) or response.status_code in (429, 503)
    if error.retry_after is None and limited:
        error.retry_after = retry_after_seconds(response.headers.get("retry-after"))
    return error


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
        return NoAnswerError(f"timed out: {type(error).__name__}")
    if isinstance(error, httpx.TransportError):
        return NoAnswerError(f"connection failed: {type(error).__name__}")
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

    The whole call, retries and waits included, ends within ``policy.budget`` seconds: an
    attempt still running then is abandoned (:class:`NoAnswerError`), and a wait that would
    pass it is not started. Raises the last failure as a :class:`PlatformError`.
    """
    loop = asyncio.get_running_loop()
    ends = None if policy.budget is None else loop.time() + policy.budget
    attempt = 0
    while True:
        attempt += 1
        try:
            timer = asyncio.timeout_at(ends)
            async with timer:
                return await call()
        except TimeoutError as exc:
            if not timer.expired():
                raise
            raise NoAnswerError(f"no answer within {policy.budget:g} s") from exc
        except Exception as exc:
            err = as_platform_error(exc)
            wait = policy.delay(attempt, err)
            give_up = not (safe_to_repeat and is_retryable(exc)) or attempt >= policy.attempts
            if give_up or (ends is not None and loop.time() + wait >= ends):
                if err is exc:
                    raise
                raise err from None
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
