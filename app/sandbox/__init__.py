"""A faithful emulator of the Shopee Open Platform v2 and TikTok Shop 202309 APIs.

Served over real HTTP on 127.0.0.1 (no Qt, no internet). Used by ``--demo`` and by every
integration test. See :mod:`app.sandbox.core` for the server, clock and fault injection.
"""

from app.sandbox.core import FaultRule, Sandbox, SandboxClock

__all__ = ["FaultRule", "Sandbox", "SandboxClock"]
