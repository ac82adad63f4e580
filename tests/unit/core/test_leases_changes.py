"""Store leases (services/leases.py) and change counters (services/changes.py) on a real
SQLite file: the rules a second engine or PC relies on."""

from __future__ import annotations

from sqlalchemy import select

from app.core.db.models import SyncJob
from app.core.domain import JobKind, JobStatus
from app.core.services import changes, inventory, leases, sync_jobs
from app.core.services.leases import Holder
from tests.helpers import factories


def holder(name: str, site: str = "pc-a") -> Holder:
    return Holder(f"{name} pid 1 #x", site)


def test_one_holder_at_a_time_and_take_over_after_expiry(ctx):
    s1 = factories.store(ctx, "A", "1")
    s2 = factories.store(ctx, "B", "2")
    a, b = holder("PC-A", "site-a"), holder("PC-B", "site-b")
    assert leases.take_or_renew(ctx, [s1.id, s2.id], a) == ({s1.id, s2.id}, {s1.id, s2.id})
    assert leases.take_or_renew(ctx, [s1.id, s2.id], b) == (set(), set())
    assert leases.take_or_renew(ctx, [s1.id], a) == ({s1.id}, set())  # a renewal
    assert leases.still_held(ctx, s1.id, a) and not leases.still_held(ctx, s1.id, b)
    # a's leases run out (a TTL of 0 renews into the past): b takes them, a has lost them
    leases.take_or_renew(ctx, [s1.id, s2.id], a, ttl=-1)
    assert leases.take_or_renew(ctx, [s1.id, s2.id], b) == ({s1.id, s2.id}, {s1.id, s2.id})
    assert leases.take_or_renew(ctx, [s1.id], a) == (set(), set())
    assert not leases.still_held(ctx, s1.id, a)
    shown = leases.list_leases(ctx)
    assert shown[s1.id].holder == b.name and shown[s1.id].live
    assert [e for _h, e, _t in leases.lease_history(ctx, s1.id)] == ["taken", "taken"]
    leases.release(ctx, [s1.id], b)
    assert not leases.list_leases(ctx)[s1.id].live
    assert leases.take_or_renew(ctx, [s1.id], a) == ({s1.id}, {s1.id})  # free at once


def test_same_site_lease_is_a_gone_engines_unless_it_runs_here(ctx):
    s1 = factories.store(ctx, "A", "1")
    dead, me = holder("PC-A old"), holder("PC-A new")
    leases.take_or_renew(ctx, [s1.id], dead)
    # another engine of this process: alive, its lease stays
    assert leases.take_or_renew(ctx, [s1.id], me, others_here={dead.name}) == (set(), set())
    # not running here although our folder's engine lock is ours: a crashed engine's
    assert leases.take_or_renew(ctx, [s1.id], me) == ({s1.id}, {s1.id})


def test_taking_over_marks_the_gone_engines_jobs_interrupted(ctx):
    s1 = factories.store(ctx, "A", "1")
    a, b = holder("PC-A", "site-a"), holder("PC-B", "site-b")
    leases.take_or_renew(ctx, [s1.id], a, ttl=-1)
    job = sync_jobs.start_job(ctx, s1.id, JobKind.ORDERS, "schedule")
    leases.take_or_renew(ctx, [s1.id], b)
    with ctx.read() as s:
        row = s.get(SyncJob, job)
        assert row.status == JobStatus.INTERRUPTED and row.finished_at is not None


def test_every_write_bumps_its_areas_counter_in_its_transaction(workspace):
    ctx = workspace.ctx
    hooks = workspace.changes
    before = changes.snapshot(ctx)
    assert set(before.revisions) == {"orders", "stock", "products", "listings", "stores", "leases"}
    product = factories.product(ctx, skus=("KOPI-1",))
    after = changes.snapshot(ctx)
    assert changes.changed_areas(before, after) == {"products"}
    # this process's own commits are left out when its hooks are asked
    mine_before, mine_after = changes.snapshot(ctx, hooks), None
    from app.core.services import locations

    loc = locations.list_locations(ctx)[0]
    inventory.adjust(ctx, product.variants[0].id, loc.id, 5, "count")
    mine_after = changes.snapshot(ctx, hooks)
    assert changes.changed_areas(mine_before, mine_after) == set()
    assert changes.changed_areas(after, changes.snapshot(ctx)) == {"stock"}
    # a read moves nothing
    with ctx.read() as s:
        s.scalars(select(SyncJob.id)).all()
    assert changes.snapshot(ctx).revisions == mine_after.revisions


def test_a_lease_taken_or_released_bumps_leases(ctx):
    s1 = factories.store(ctx, "A", "1")
    before = changes.snapshot(ctx)
    leases.take_or_renew(ctx, [s1.id], holder("PC-A"))
    taken = changes.snapshot(ctx)
    assert changes.changed_areas(before, taken) == {"leases"}
    leases.take_or_renew(ctx, [s1.id], holder("PC-A"))  # a renewal: nothing to show
    assert changes.changed_areas(taken, changes.snapshot(ctx)) == set()
    leases.release(ctx, [s1.id], holder("PC-A"))
    assert changes.changed_areas(taken, changes.snapshot(ctx)) == {"leases"}
