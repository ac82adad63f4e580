"""Errors the services raise; each message is written for the seller to read."""

from __future__ import annotations

# a write that waited too long for another process's write (a long import); the engine
# and the interfaces catch it from here, never from app.core.db
from app.core.db.problems import DatabaseBusy as DatabaseBusy


class ServiceError(Exception):
    """Base of every rule violation. Nothing was changed when one is raised."""


class ValidationError(ServiceError):
    """Input broke a rule. ``field`` names the input at fault so the GUI can show it there."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class NotFoundError(ServiceError):
    """The thing asked for does not exist (any more)."""


class NegativeStockError(ServiceError):
    """The change would take stock below zero and the seller has not allowed that."""


class ConflictError(ServiceError):
    """The change conflicts with existing data (a duplicate SKU, a store already connected)."""
