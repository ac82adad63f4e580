"""Business rules: plain Python over SQLAlchemy sessions, no Qt, no HTTP.

Every public function is one unit of work taking a :class:`ServiceContext` and returning
plain data (frozen dataclasses, ids). The GUI, the sync engine, the CLI and the tests all
go through here.
"""

from app.core.services.context import ServiceContext
from app.core.services.errors import (
    ConflictError,
    NegativeStockError,
    NotFoundError,
    ServiceError,
    ValidationError,
)

__all__ = [
    "ConflictError",
    "NegativeStockError",
    "NotFoundError",
    "ServiceContext",
    "ServiceError",
    "ValidationError",
]
