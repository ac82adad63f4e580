"""Rows written by the bulk path read back exactly like rows the ORM wrote."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.core.db.bulk import formats, insert_rows
from app.core.db.models import InventoryTransaction
from app.core.db.types import to_minor_units
from app.core.domain import OrderStatus, TxnType
from app.core.services.ledger import LEDGER_COLUMNS, ensure_item
from app.core.services.locations import default_location_id
from tests.helpers.factories import product

WIB = timezone(timedelta(hours=7))


@pytest.mark.parametrize(
    ("amount", "minor"),
    [
        (Decimal("125000"), 12_500_000),
        (Decimal("12.34"), 1234),
        (Decimal("1.005"), 101),  # half-up, as an accountant rounds
        (Decimal("-2.675"), -268),
        (7, 700),
        ("19.99", 1999),
    ],
)
def test_money_is_stored_in_exact_hundredths(amount, minor):
    assert to_minor_units(amount) == minor


def test_money_refuses_floats():
    with pytest.raises(TypeError):
        to_minor_units(0.1)


def test_bulk_rows_read_back_like_orm_rows(ctx, workspace):
    variant_id = product(ctx, skus=("KAOS-01",)).variants[0].id
    times = [
        datetime(2026, 3, 1, 17, 0, 0, tzinfo=WIB),  # whole second: microseconds still written
        datetime(2026, 3, 1, 10, 0, 0, 123456, tzinfo=UTC),
        datetime(2026, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
    ]
    with workspace.sessions.begin() as s:
        item_id = ensure_item(s, variant_id, default_location_id(s, ctx.workspace_id))
        conn = s.connection()
        fmt = formats(conn.dialect)
        insert_rows(
            conn,
            InventoryTransaction.__table__,
            LEDGER_COLUMNS,
            [
                (item_id, TxnType.SALE.value, -1, 0, "bulk", None, "t", "", fmt.time(t))
                for t in times
            ],
        )
        for t in times:
            s.add(
                InventoryTransaction(
                    item_id=item_id,
                    type=TxnType.SALE,
                    delta_on_hand=-1,
                    reference_type="orm",
                    actor="t",
                    created_at=t,
                )
            )
    with workspace.sessions() as s:
        rows = s.execute(
            select(InventoryTransaction.reference_type, InventoryTransaction.created_at)
            .where(InventoryTransaction.reference_type.in_(("bulk", "orm")))
            .order_by(InventoryTransaction.created_at, InventoryTransaction.reference_type)
        ).all()
        raw = (
            s.connection()
            .exec_driver_sql(
                "select reference_type, created_at from inventory_transactions "
                "where reference_type in ('bulk', 'orm') order by created_at, reference_type"
            )
            .all()
        )
    # sorted by time in SQL, each time once from each path, read back aware and equal
    assert [t for _r, t in rows] == [t.astimezone(UTC) for t in sorted(times) for _ in "ab"]
    assert [r for r, _t in rows] == ["bulk", "orm"] * 3
    stored = [text for _r, text in raw]
    assert stored[0::2] == stored[1::2]  # the very same text in the file


def test_bulk_refuses_naive_times_and_unknown_columns(workspace):
    with workspace.sessions.begin() as s:
        conn = s.connection()
        with pytest.raises(ValueError, match="naive"):
            formats(conn.dialect).time(datetime(2026, 1, 1))
        with pytest.raises(KeyError, match="no column nope"):
            insert_rows(conn, InventoryTransaction.__table__, ("item_id", "nope"), [(1, 2)])
        with pytest.raises(ValueError, match=r"leaves out .*delta_on_hand"):
            insert_rows(conn, InventoryTransaction.__table__, ("item_id", "type"), [(1, "sale")])


def test_new_orders_are_inserted_with_every_field_an_update_writes():
    """order_insert builds its rows by hand for speed; a field added to the order model
    and to _order_fields must not be silently left out of new orders."""
    from app.core.db.models import Order
    from app.core.services.order_insert import ORDER_COLUMNS
    from app.core.services.orders import _order_fields
    from tests.helpers.factories import order

    updated = set(_order_fields(order("X1", OrderStatus.UNPAID, [("A", 1)])))
    assert updated <= set(ORDER_COLUMNS)
    required = {c.name for c in Order.__table__.c if not c.nullable and c.name != "id"}
    assert required <= set(ORDER_COLUMNS)
