"""The domain: enums and normalized records every layer shares. Imports nothing of ours.

See docs/ARCHITECTURE.md for the layers.
"""

from app.core.domain.aftersale import *  # noqa: F403
from app.core.domain.aftersale import __all__ as _aftersale
from app.core.domain.enums import *  # noqa: F403
from app.core.domain.enums import __all__ as _enums
from app.core.domain.prices import *  # noqa: F403
from app.core.domain.prices import __all__ as _prices
from app.core.domain.records import *  # noqa: F403
from app.core.domain.records import __all__ as _records
from app.core.domain.shipping import *  # noqa: F403
from app.core.domain.shipping import __all__ as _shipping

__all__ = [*_enums, *_records, *_shipping, *_aftersale, *_prices]
