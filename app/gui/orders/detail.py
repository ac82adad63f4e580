"""The order detail pane: items (mapped or flagged), buyer, address, amounts, history."""

from __future__ import annotations

import contextlib
from html import escape

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from app.core.services import order_views, orders
from app.core.services import returns as returns_service
from app.core.services.context import ServiceContext
from app.core.services.errors import NotFoundError
from app.gui.formatting import format_datetime, format_rupiah, humanize
from app.gui.i18n import tr
from app.gui.widgets.columns import ERROR, SUCCESS


def order_html(
    order: orders.OrderDTO,
    lines: list[order_views.OrderLine],
    store_name: str,
    returns: list[returns_service.ReturnRow] | None = None,
) -> str:
    """The detail pane's HTML; unmapped lines link to ``map:<listing id>``."""
    e = escape
    not_mapped = e(tr("Not mapped"))
    rows = []
    for line in lines:
        if line.variant_id is not None:
            mapped = f'<span style="color:{SUCCESS}">→ {e(line.variant_sku or "")}</span>'
        elif line.listing_id is not None:
            mapped = (
                f'<a href="map:{line.listing_id}" style="color:{ERROR}">'
                f"{e(tr('Not mapped — map it…'))}</a>"
            )
        else:
            mapped = f'<span style="color:{ERROR}">{not_mapped}</span>'
        sku = tr("SKU {sku}").format(sku=line.platform_sku or tr("(none)"))
        stock = tr("stock: {state}").format(state=humanize(line.inventory_state))
        rows.append(
            f"<tr><td>{e(line.name)}<br><small>{e(sku)}</small></td>"
            f'<td align="right">{line.quantity}</td>'
            f'<td align="right">{format_rupiah(line.unit_price)}</td>'
            f"<td>{mapped}<br><small>{e(stock)}</small></td></tr>"
        )
    history = "".join(
        f"<li>{format_datetime(at)} — {e(humanize(status))} <small>({e(ps)})</small></li>"
        for at, status, ps in order.history
    )
    amounts = [
        (tr("Subtotal"), order.subtotal),
        (tr("Shipping"), order.shipping_fee),
        (tr("Seller discount"), -order.seller_discount),
        (tr("Total paid by buyer"), order.total),
        (
            tr("Marketplace fees") if order.fees_final else tr("Marketplace fees (estimate)"),
            -order.fees,
        ),
    ]
    amount_rows = "".join(
        f'<tr><td>{e(k)}</td><td align="right">{format_rupiah(v)}</td></tr>' for k, v in amounts
    )
    address = e(order.shipping_address or "—").replace("\n", "<br>")
    tracking = (
        f"<p><b>{e(tr('Tracking:'))}</b> {e(order.tracking_number)}</p>"
        if order.tracking_number
        else ""
    )
    cancelled = _cancel_html(order)
    title = tr("Order {number}").format(number=order.platform_order_id)
    placed = tr("Placed {placed} · updated {updated}").format(
        placed=format_datetime(order.placed_at), updated=format_datetime(order.updated_at)
    )
    return (
        f"<h2>{e(title)}</h2>"
        f"<p>{e(store_name)} · <b>{e(humanize(order.status))}</b> "
        f"<small>({e(order.platform_status)})</small><br>"
        f"{e(placed)}"
        f"</p>{cancelled}{tracking}"
        f"<h3>{e(tr('Buyer'))}</h3><p>{e(order.buyer_name or '—')}<br>{address}</p>"
        f'<h3>{e(tr("Items"))}</h3><table width="100%" cellspacing="0" cellpadding="4">'
        f"<tr><th align='left'>{e(tr('Item'))}</th><th align='right'>{e(tr('Qty'))}</th>"
        f"<th align='right'>{e(tr('Price'))}</th>"
        f"<th align='left'>{e(tr('Master SKU'))}</th></tr>"
        f"{''.join(rows)}</table>"
        f"{_returns_html(returns or [])}"
        f'<h3>{e(tr("Amounts"))}</h3><table cellpadding="3">{amount_rows}</table>'
        f"<h3>{e(tr('Status history'))}</h3><ul>{history or '<li>—</li>'}</ul>"
    )


def _cancel_html(order: orders.OrderDTO) -> str:
    """Who cancelled and why (docs/ARCHITECTURE.md, "Fulfilment")."""
    if not (order.cancel_reason or order.cancelled_by):
        return ""
    who = humanize(order.cancelled_by) if order.cancelled_by else tr("unknown")
    text = tr("Cancelled by {who}: {reason}").format(
        who=who, reason=order.cancel_reason or tr("no reason given")
    )
    return f"<p><b>{escape(text)}</b></p>"


def _returns_html(rets: list[returns_service.ReturnRow]) -> str:
    if not rets:
        return ""
    items = []
    for r in rets:
        head = tr("Return {id}: {state}").format(id=r.platform_return_id, state=humanize(r.state))
        if r.reason:
            head += f" — {r.reason}"
        parts = []
        for ln in r.lines:
            sku = ln.variant_sku or ln.platform_sku
            if ln.restocked:
                parts.append(
                    tr("{sku} ×{n}: {k} restocked into {location}").format(
                        sku=sku, n=ln.quantity, k=ln.restocked, location=ln.location
                    )
                )
            if ln.written_off:
                parts.append(
                    tr("{sku} ×{n}: {k} written off").format(
                        sku=sku, n=ln.quantity, k=ln.written_off
                    )
                )
            if not ln.decided:
                parts.append(f"{sku} ×{ln.quantity}")
        items.append(f"<li>{escape(head)}<br><small>{escape('; '.join(parts))}</small></li>")
    return f"<h3>{escape(tr('Returns'))}</h3><ul>{''.join(items)}</ul>"


class OrderDetail(QTextBrowser):
    """Read-only HTML detail; links are keyboard reachable (Tab, Enter).

    Signals:
        map_requested(int): the seller clicked an unmapped line; the listing id.
    """

    map_requested = Signal(int)

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setObjectName("orderDetail")
        self.setAccessibleName(tr("Order detail"))
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._link)
        self.order_id: int | None = None
        self.show_order(None)

    def show_order(self, order_id: int | None, store_name: str = "") -> None:
        """Show one order (None: a hint)."""
        self.order_id = order_id
        if order_id is None:
            hint = escape(tr("Select an order to see its details."))
            self.setHtml(f"<p style='color:gray'>{hint}</p>")
            return
        try:
            order = orders.get_order(self._ctx, order_id)
        except NotFoundError:
            self.setHtml(f"<p>{escape(tr('This order no longer exists.'))}</p>")
            return
        lines = order_views.order_lines(self._ctx, order_id)
        rets = returns_service.list_returns(self._ctx, order_id=order_id)
        self.setHtml(order_html(order, lines, store_name, rets))

    def _link(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("map:"):
            with contextlib.suppress(ValueError):
                self.map_requested.emit(int(text[4:]))
