"""The Orders page's fulfilment actions (ship, labels, picking list, cancel, restock).

Each action module under ``app/gui/orders/`` has ``install(page)``, which builds its
QActions and hands them to :meth:`OrdersPage.add_order_action`: the page shows them as
buttons above the list, in the list's context menu, and their shortcuts work while the
list has focus.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.gui.orders import labels, printing, returns, ship_dialog

if TYPE_CHECKING:
    from app.gui.orders.page import OrdersPage


def install(page: OrdersPage) -> None:
    """Add every fulfilment action to the page (one line per action module)."""
    ship_dialog.install(page)
    labels.install(page)
    printing.install(page)
    returns.install(page)
