"""Accounts and roles through the real services on a real SQLite file: each role may do
what docs/ARCHITECTURE.md "Accounts and permissions" says, and nothing else."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.core.db.models import AuditEntry, User
from app.core.services import accounts, catalog, inventory, labels, locations, picking, shipping
from app.core.services import stores as store_svc
from app.core.services.audit import AuditFilter, search
from app.core.services.errors import ValidationError
from app.core.services.permissions import PermissionDenied
from app.core.settings import LOW_STOCK_DEFAULT_POINT, StoreSettings, set_setting
from tests.helpers.factories import product, store

OWNER_PW = "owner-secret-1"
PW = "packer-pass-9"


@pytest.fixture
def team(ctx):
    """The owner with a password, a store, a product, and one user per other role."""
    accounts.set_password(ctx, "owner", OWNER_PW)
    owner = accounts.sign_in(ctx, "owner", OWNER_PW)
    st = store(owner)
    p = product(owner)
    for name, role in (("ani", "admin"), ("budi", "staff"), ("citra", "viewer")):
        accounts.add_user(owner, name, PW, role)
    loc = locations.list_locations(ctx)[0].id
    return {
        "owner": owner,
        "admin": accounts.sign_in(ctx, "ani", PW),
        "staff": accounts.sign_in(ctx, "budi", PW),
        "viewer": accounts.sign_in(ctx, "citra", PW),
        "store": st,
        "variant": p.variants[0].id,
        "product": p,
        "location": loc,
    }


def test_a_workspace_starts_with_a_silent_owner_and_a_second_user_turns_sign_in_on(ctx):
    assert not accounts.accounts_on(ctx)
    me = accounts.silent_owner(ctx)
    assert (me.actor, me.role) == ("owner", "owner")
    with pytest.raises(ValidationError, match="give an owner a password first"):
        accounts.add_user(me, "budi", PW, "staff")
    assert not accounts.accounts_on(ctx)  # nothing changed
    accounts.set_password(me, "owner", OWNER_PW)
    accounts.add_user(me, "budi", PW, "staff")
    assert accounts.accounts_on(ctx)


def test_staff_ships_prints_and_adjusts_with_a_reason(team):
    staff = team["staff"]
    assert shipping.to_ship(staff) == []
    assert labels.label_targets(staff, []) == []
    with pytest.raises(ValidationError, match="select at least one order"):  # past the check
        picking.picking_list(staff, [])
    inventory.adjust(staff, team["variant"], team["location"], 5, "found a box")
    with pytest.raises(ValidationError, match="say why"):
        inventory.adjust(staff, team["variant"], team["location"], 1, "  ")
    rows = search(team["owner"], AuditFilter(user="budi", kind="stock"))
    assert [(r.action, r.note) for r in rows] == [("adjust", "found a box")]


def test_staff_cannot_change_store_settings_costs_settings_or_users(team):
    staff, sid = team["staff"], team["store"].id
    with pytest.raises(PermissionDenied) as denied:
        store_svc.update_settings(staff, sid, StoreSettings(buffer=3))
    assert str(denied.value) == (
        "budi (staff) may not change stores or their settings; ask an owner or admin"
    )
    assert "\n" not in str(denied.value)
    assert store_svc.get_store(team["owner"], sid).settings.buffer == 0  # unchanged
    with pytest.raises(PermissionDenied, match="change the catalog"):
        catalog.bulk_update(staff, [team["product"].id], cost="1")
    with pytest.raises(PermissionDenied, match="change costs"):
        inventory.receive(staff, team["variant"], team["location"], 3, unit_cost="1000")
    with pytest.raises(PermissionDenied, match="change settings"):
        set_setting(staff, LOW_STOCK_DEFAULT_POINT, 9)
    with pytest.raises(PermissionDenied, match="manage users"):
        accounts.add_user(staff, "dedi", PW, "viewer")
    with pytest.raises(PermissionDenied, match="manage users"):
        accounts.list_users(staff)
    with pytest.raises(PermissionDenied, match="audit log"):
        search(staff, AuditFilter())
    with pytest.raises(PermissionDenied):
        store_svc.set_paused(staff, sid, True)


def test_viewer_cannot_write_anything(team):
    viewer, sid, vid, loc = team["viewer"], team["store"].id, team["variant"], team["location"]
    writes = [
        lambda: inventory.adjust(viewer, vid, loc, 1, "why"),
        lambda: inventory.receive(viewer, vid, loc, 1),
        lambda: inventory.set_reorder(viewer, vid, loc, 3, 10),
        lambda: shipping.to_ship(viewer),
        lambda: labels.label_targets(viewer, [1]),
        lambda: picking.picking_list(viewer, [1]),
        lambda: picking.set_shelf(viewer, vid, loc, "A-1"),
        lambda: product(viewer, skus=("NEW-1",)),
        lambda: catalog.set_status(viewer, [team["product"].id], team["product"].status),
        lambda: store_svc.update_settings(viewer, sid, StoreSettings(buffer=1)),
        lambda: store_svc.remove_store(viewer, sid),
        lambda: set_setting(viewer, LOW_STOCK_DEFAULT_POINT, 2),
        lambda: locations.create_location(viewer, "B", "Gudang B"),
        lambda: accounts.set_role(viewer, "budi", "admin"),
        lambda: accounts.set_password(viewer, "budi", "another-pass"),
    ]
    before = len(search(team["owner"], AuditFilter(), limit=None))
    for write in writes:
        with pytest.raises(PermissionDenied, match=r"^citra \(viewer\) may not "):
            write()
    assert len(search(team["owner"], AuditFilter(), limit=None)) == before
    # reading is allowed
    assert [s.id for s in store_svc.list_stores(viewer)] == [sid]
    assert catalog.get_product(viewer, team["product"].id).name == "Kaos Polos"


def test_admin_manages_users_but_not_the_owner_role(team):
    admin = team["admin"]
    accounts.set_role(admin, "citra", "staff")
    with pytest.raises(ValidationError, match="only an owner"):
        accounts.add_user(admin, "dedi", PW, "owner")
    with pytest.raises(ValidationError, match="only an owner"):
        accounts.set_role(admin, "owner", "admin")
    store_svc.update_settings(admin, team["store"].id, StoreSettings(buffer=2))


def test_the_last_owner_cannot_be_demoted_or_deactivated(team):
    owner = team["owner"]
    with pytest.raises(ValidationError, match="last owner"):
        accounts.set_role(owner, "owner", "admin")
    with pytest.raises(ValidationError, match="last owner"):
        accounts.set_active(owner, "owner", False)
    accounts.set_role(owner, "ani", "owner")
    accounts.set_role(owner, "owner", "admin")  # now allowed: ani is an owner


def test_wrong_password_and_deactivated_accounts(team, ctx):
    for name, pw in (("budi", "wrong-password"), ("nobody", PW), ("budi", "")):
        with pytest.raises(accounts.SignInFailed) as failed:
            accounts.sign_in(ctx, name, pw)
        assert str(failed.value) == "wrong user name or password"
    accounts.set_active(team["owner"], "budi", False)
    with pytest.raises(accounts.SignInFailed, match="deactivated; ask an owner"):
        accounts.sign_in(ctx, "budi", PW)


def test_password_hashes_are_argon2_and_never_the_password(team, ctx, workspace):
    with ctx.read() as s:
        hashes = dict(s.execute(select(User.username, User.password_hash)).all())
        trail = [f"{e.before} {e.after} {e.note}" for e in s.scalars(select(AuditEntry))]
    assert all(h.startswith("$argon2id$") for h in hashes.values())
    assert PW not in " ".join(hashes.values()) and OWNER_PW not in " ".join(hashes.values())
    blob = " ".join(trail)
    assert PW not in blob and OWNER_PW not in blob and "$argon2" not in blob
    raw = workspace.paths.database.read_bytes()
    assert PW.encode() not in raw and OWNER_PW.encode() not in raw


def test_the_engine_acts_as_sync_without_user_management(team):
    engine = team["staff"].as_actor("sync")
    assert (engine.actor, engine.role, engine.user_id) == ("sync", "sync", None)
    store_svc.update_settings(engine, team["store"].id, StoreSettings(buffer=1))
    with pytest.raises(PermissionDenied):
        accounts.add_user(engine, "x1", PW, "viewer")
    with pytest.raises(ValidationError, match="kept for the sync engine"):
        accounts.add_user(team["owner"], "sync", PW, "viewer")


def test_prices_are_the_store_terms_staff_and_viewers_cannot_push_or_fix_them(team):
    """Pushing reviewed prices, fixing a listing's price and retrying or dismissing a held
    one need the store permission: refused with one line, nothing queued or kept."""
    from app.core.services import prices

    calls = (
        lambda c: prices.confirm(c, [object()]),
        lambda c: prices.set_fixed_price(c, 1, None),
        lambda c: prices.retry(c, [1]),
        lambda c: prices.dismiss(c, [1]),
    )
    for who in ("staff", "viewer"):
        for call in calls:
            with pytest.raises(PermissionDenied, match="may not change stores"):
                call(team[who])
    assert prices.confirm(team["admin"], []) == (0, 0)


def test_bundles_are_catalog_edits_staff_and_viewers_cannot_make_them(team):
    from app.core.services import bundles

    sku = team["product"].variants[0].sku
    for who in ("staff", "viewer"):
        with pytest.raises(PermissionDenied, match="may not change the catalog"):
            bundles.set_components_by_sku(team[who], sku, "")
        with pytest.raises(PermissionDenied, match="may not change the catalog"):
            bundles.clear_by_sku(team[who], sku)
