"""Price push states (docs/ARCHITECTURE.md, "Prices"). Imports nothing of ours."""

from __future__ import annotations

import enum

__all__ = ["PricePushStatus"]


class PricePushStatus(enum.StrEnum):
    """A price outbox row's state.

    Unlike stock, a price is never sent on a rule change alone: a row exists only for a
    change the seller confirmed. A platform refusal (a price locked by a running
    promotion, under the minimum) is *held*: shown per listing until the seller retries
    or dismisses it, never retried on its own.
    """

    PENDING = "pending"  # confirmed, waiting to be sent
    FAILED = "failed"  # the call failed (no answer): retried with back-off, a few times
    HELD = "held"  # the platform refused it, or retries ran out: waits for the seller
    DONE = "done"
    DISMISSED = "dismissed"  # the seller dropped it
