"""Connected stores: add, list, settings, pause, remove, and the status a seller sees.
Secrets are not handled here."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.core.db.models import ChannelListing, Order, StockPush, Store, SyncJob
from app.core.db.types import utcnow
from app.core.domain import (
    Environment,
    JobKind,
    JobStatus,
    OutboxStatus,
    Platform,
    StoreStatus,
)
from app.core.services import audit
from app.core.services.channel_stock import touch_store_listings
from app.core.services.context import ServiceContext
from app.core.services.errors import ConflictError, NotFoundError, ValidationError
from app.core.services.order_items import release_open_items
from app.core.services.permissions import Permission, require
from app.core.settings import StoreSettings
from app.core.text import msg


@dataclass(frozen=True)
class StoreInput:
    """What connecting a store needs (besides secrets, which go to the keychain)."""

    platform: Platform
    name: str
    external_shop_id: str
    api_base_url: str
    environment: Environment = Environment.PRODUCTION
    auth_base_url: str | None = None
    region: str = "ID"
    app_id: str = ""
    shop_cipher: str | None = None


@dataclass(frozen=True)
class StoreDTO:
    """A store as the GUI and CLI show it."""

    id: int
    platform: Platform
    name: str
    external_shop_id: str
    region: str
    environment: Environment
    api_base_url: str
    auth_base_url: str | None
    app_id: str
    shop_cipher: str | None
    settings: StoreSettings
    status: StoreStatus
    status_reason: str
    paused: bool
    last_synced_at: datetime | None
    access_token_expires_at: datetime | None
    refresh_token_expires_at: datetime | None

    @property
    def secret_key(self) -> str:
        """The keychain key of this store's secrets."""
        return f"{self.platform.value}:{self.external_shop_id}"

    @property
    def authorization_expires_at(self) -> datetime | None:
        """When the seller must authorize the store again: the refresh token's end (the
        access token is renewed from it on its own, every few hours). The Stores page and
        ``storesync status`` both show this one as "authorization expires"."""
        return self.refresh_token_expires_at or self.access_token_expires_at

    @property
    def is_sandbox(self) -> bool:
        """Throwaway credentials on our own emulator."""
        return self.environment == Environment.LOCAL_SANDBOX


def _dto(st: Store) -> StoreDTO:
    return StoreDTO(
        st.id,
        Platform(st.platform),
        st.name,
        st.external_shop_id,
        st.region,
        st.environment,
        st.api_base_url,
        st.auth_base_url,
        st.app_id,
        st.shop_cipher,
        StoreSettings.from_json(st.settings),
        st.sync_status,
        st.status_reason,
        st.paused,
        st.last_synced_at,
        st.access_token_expires_at,
        st.refresh_token_expires_at,
    )


def _validate_url(url: str | None, field: str, required: bool = True) -> str | None:
    url = (url or "").strip().rstrip("/")
    if not url:
        if required:
            raise ValidationError(msg("base URL is required"), field=field)
        return None
    if not url.startswith(("https://", "http://127.0.0.1", "http://localhost")):
        raise ValidationError(msg("base URL must be https (http only for 127.0.0.1)"), field=field)
    return url


def check_store_input(data: StoreInput) -> tuple[str, str, str, str | None]:
    """What :func:`create_store` refuses in the fields alone (no database): connecting
    checks it before it spends an authorization code. Returns the cleaned name, shop id
    and URLs."""
    name = data.name.strip()
    shop_id = data.external_shop_id.strip()
    if not name:
        raise ValidationError(msg("store name is required"), field="name")
    if not shop_id:
        raise ValidationError(msg("shop id is required"), field="external_shop_id")
    api = _validate_url(data.api_base_url, "api_base_url")
    auth = _validate_url(data.auth_base_url, "auth_base_url", required=False)
    assert api is not None  # required
    return name, shop_id, api, auth


def create_store(ctx: ServiceContext, data: StoreInput) -> StoreDTO:
    """Register a store; one per (platform, shop id)."""
    require(ctx, Permission.MANAGE_STORES)
    name, shop_id, api, auth = check_store_input(data)
    with ctx.write() as s:
        dup = s.scalar(
            select(Store.id).where(
                Store.workspace_id == ctx.workspace_id,
                Store.platform == data.platform.value,
                Store.external_shop_id == shop_id,
            )
        )
        if dup:
            raise ConflictError(
                msg(
                    "this {platform} shop ({shop_id}) is already connected as store {store}",
                    platform=data.platform.value,
                    shop_id=shop_id,
                    store=dup,
                )
            )
        st = Store(
            workspace_id=ctx.workspace_id,
            platform=data.platform.value,
            name=name,
            external_shop_id=shop_id,
            region=data.region,
            environment=data.environment,
            api_base_url=api,
            auth_base_url=auth,
            app_id=data.app_id.strip(),
            shop_cipher=data.shop_cipher,
            settings=StoreSettings().to_json(),
        )
        s.add(st)
        s.flush()
        audit.record(
            s,
            ctx,
            "store",
            st.id,
            "create",
            None,
            {
                "platform": data.platform.value,
                "name": name,
                "shop_id": shop_id,
                "environment": data.environment.value,
                "api_base_url": api,
            },
        )
        return _dto(st)


def list_stores(ctx: ServiceContext, *, engine_running: bool | None = None) -> list[StoreDTO]:
    """All stores, by name, with the status and error that are true now (see
    :func:`current_status`). ``engine_running``: whether a sync engine runs on this data
    folder (None: not known)."""
    with ctx.read() as s:
        rows = [
            _dto(st)
            for st in s.scalars(
                select(Store).where(Store.workspace_id == ctx.workspace_id).order_by(Store.name)
            )
        ]
        running = _running_stores(s, engine_running)
        return [current_status(s, st, st.id in running) for st in rows]


# ----------------------------------------------------------------- status truth
# What a seller reads about a store is derived from its jobs, not only from the status the
# engine last wrote (docs/ARCHITECTURE.md): "syncing" while one of its jobs runs, and as
# last error what still fails now. A stored status can be stale: a process that died
# mid-job never wrote "idle", and an error stays written until the engine writes again.

# A job row left "running" by a process that died is ignored after this long when no one
# can say whether an engine runs: longer than any job may run (engine job deadlines).
RUNNING_STALE_AFTER = timedelta(hours=1)
_LASTING = (StoreStatus.ERROR, StoreStatus.NEEDS_REAUTH, StoreStatus.DISCONNECTED)


def _running_stores(session: Session, engine_running: bool | None) -> set[int]:
    """Stores with a job running now. No engine: nothing runs, whatever rows say."""
    if engine_running is False:
        return set()
    query = select(SyncJob.store_id).where(SyncJob.status == JobStatus.RUNNING)
    if engine_running is None:
        query = query.where(SyncJob.started_at >= utcnow() - RUNNING_STALE_AFTER)
    return set(session.scalars(query.distinct()))


def current_errors(session: Session, store_id: int) -> list[tuple[JobKind, str]]:
    """The job kinds failing now: each kind whose newest finished run failed, with its
    error. A later success of the same kind clears it; cancelled or interrupted runs
    say nothing about the store and are skipped."""
    out = []
    for kind in JobKind:
        row = session.execute(
            select(SyncJob.status, SyncJob.error)
            .where(
                SyncJob.store_id == store_id,
                SyncJob.kind == kind,
                SyncJob.status.in_([JobStatus.SUCCEEDED, JobStatus.FAILED]),
            )
            .order_by(SyncJob.id.desc())
            .limit(1)
        ).first()
        if row is not None and row.status == JobStatus.FAILED:
            out.append((kind, row.error or "failed"))
    return out


def current_status(session: Session, store: StoreDTO, running: bool) -> StoreDTO:
    """``store`` with the status and reason that are true now.

    Paused, needs re-authorization and disconnected last until someone acts, so they stay
    as written, and so does a tripped circuit (error) until a later job of the store
    succeeds (:func:`_recovered`); otherwise the store is "syncing" exactly while
    a job runs, else idle, and its reason lists what fails now, by job kind.
    """
    if store.paused:
        return replace(store, status=StoreStatus.PAUSED)
    if store.status in _LASTING and not (
        store.status == StoreStatus.ERROR and _recovered(session, store.id)
    ):
        return store
    errors = current_errors(session, store.id)
    reason = "; ".join(f"{kind.value}: {error}" for kind, error in errors)
    return replace(
        store, status=StoreStatus.SYNCING if running else StoreStatus.IDLE, status_reason=reason
    )


def _recovered(session: Session, store_id: int) -> bool:
    """A tripped circuit ("error") closes with the store's next success (the engine's
    ``reset_circuit``): whether its newest finished job succeeded, even if the "idle"
    the engine then writes was never stored (a database busy with an import)."""
    newest = session.scalar(
        select(SyncJob.status)
        .where(
            SyncJob.store_id == store_id,
            SyncJob.status.in_([JobStatus.SUCCEEDED, JobStatus.FAILED]),
        )
        .order_by(SyncJob.id.desc())
        .limit(1)
    )
    return newest == JobStatus.SUCCEEDED


def clear_stale_syncing(ctx: ServiceContext) -> None:
    """At engine start: stores left "syncing" by a stopped or crashed process are idle.

    Looked at first without the write lock: an engine starting while another process
    writes (a long import) does not wait for it when there is nothing to clear."""
    stale = (Store.workspace_id == ctx.workspace_id) & (Store.sync_status == StoreStatus.SYNCING)
    with ctx.read() as s:
        if s.scalar(select(Store.id).where(stale).limit(1)) is None:
            return
    with ctx.write() as s:
        s.execute(
            update(Store)
            .where(Store.workspace_id == ctx.workspace_id, Store.sync_status == StoreStatus.SYNCING)
            .values(sync_status=StoreStatus.IDLE)
        )


def queued_pushes(ctx: ServiceContext) -> dict[int, int]:
    """Per store, the pushes not yet done."""
    with ctx.read() as s:
        return dict(
            s.execute(
                select(StockPush.store_id, func.count())
                .where(StockPush.status != OutboxStatus.DONE)
                .group_by(StockPush.store_id)
            ).all()
        )


def get_store(ctx: ServiceContext, store_id: int) -> StoreDTO:
    """One store."""
    with ctx.read() as s:
        st = s.get(Store, store_id)
        if st is None or st.workspace_id != ctx.workspace_id:
            raise NotFoundError(msg("store {store} does not exist", store=store_id))
        return _dto(st)


def update_settings(ctx: ServiceContext, store_id: int, settings: StoreSettings) -> StoreDTO:
    """Replace a store's policy (validated by :class:`StoreSettings`)."""
    require(ctx, Permission.MANAGE_STORES)
    with ctx.write() as s:
        st = s.get(Store, store_id)
        if st is None or st.workspace_id != ctx.workspace_id:
            raise NotFoundError(msg("store {store} does not exist", store=store_id))
        before = dict(st.settings or {})
        st.settings = settings.to_json()
        # a new buffer, share or cap changes what every listing of the store should show
        touch_store_listings(s, store_id)
        audit.record(s, ctx, "store", store_id, "settings", before, st.settings)
        return _dto(st)


def set_paused(ctx: ServiceContext, store_id: int, paused: bool) -> StoreDTO:
    """Pause or resume syncing a store."""
    require(ctx, Permission.MANAGE_STORES)
    with ctx.write() as s:
        st = s.get(Store, store_id)
        if st is None or st.workspace_id != ctx.workspace_id:
            raise NotFoundError(msg("store {store} does not exist", store=store_id))
        if st.paused != paused:
            audit.record(
                s,
                ctx,
                "store",
                store_id,
                "pause" if paused else "resume",
                {"paused": st.paused},
                {"paused": paused},
            )
            st.paused = paused
            st.sync_status = StoreStatus.PAUSED if paused else StoreStatus.IDLE
            st.status_reason = ""
        return _dto(st)


def find_store_id(ctx: ServiceContext, platform: Platform, external_shop_id: str) -> int | None:
    """The id of the store for this platform shop, if it is connected."""
    with ctx.read() as s:
        return s.scalar(
            select(Store.id).where(
                Store.workspace_id == ctx.workspace_id,
                Store.platform == platform.value,
                Store.external_shop_id == external_shop_id,
            )
        )


def update_connection(
    ctx: ServiceContext,
    store_id: int,
    *,
    api_base_url: str,
    auth_base_url: str | None,
    app_id: str,
    shop_cipher: str | None,
    environment: Environment,
) -> None:
    """A store connected again: its endpoints and app, and a clean status."""
    with ctx.write() as s:
        s.execute(
            update(Store)
            .where(Store.id == store_id)
            .values(
                api_base_url=api_base_url.rstrip("/"),
                auth_base_url=(auth_base_url or "").rstrip("/") or None,
                app_id=app_id,
                shop_cipher=shop_cipher,
                environment=environment,
                sync_status=StoreStatus.IDLE,
                status_reason="",
            )
        )


def set_token_expiry(
    ctx: ServiceContext,
    store_id: int,
    access_expires_at: datetime | None,
    refresh_expires_at: datetime | None,
) -> None:
    """When the store's tokens expire (the tokens themselves live in the keychain)."""
    with ctx.write() as s:
        s.execute(
            update(Store)
            .where(Store.id == store_id)
            .values(
                access_token_expires_at=access_expires_at,
                refresh_token_expires_at=refresh_expires_at,
            )
        )


def set_sync_status(
    ctx: ServiceContext,
    store_id: int,
    status: StoreStatus,
    reason: str = "",
    synced_at: datetime | None = None,
) -> None:
    """Record a store's sync status (and, after a successful job, when it last synced)."""
    values: dict[str, object] = {"sync_status": status, "status_reason": reason[:1000]}
    if synced_at is not None:
        values["last_synced_at"] = synced_at
    with ctx.write() as s:
        s.execute(update(Store).where(Store.id == store_id).values(**values))


@dataclass(frozen=True)
class RemovalSummary:
    """What removing a store deletes, and what it keeps, told to the seller first."""

    listings: int
    orders: int
    queued_pushes: int


def removal_summary(ctx: ServiceContext, store_id: int) -> RemovalSummary:
    """Counts for the removal confirmation."""
    with ctx.read() as s:
        return RemovalSummary(
            s.scalar(select(func.count()).where(ChannelListing.store_id == store_id)) or 0,
            s.scalar(select(func.count()).where(Order.store_id == store_id)) or 0,
            s.scalar(
                select(func.count()).where(
                    StockPush.store_id == store_id, StockPush.status != OutboxStatus.DONE
                )
            )
            or 0,
        )


def remove_store(ctx: ServiceContext, store_id: int) -> None:
    """Delete a store with its listings, orders and sync history.

    The master catalog, stock counts and ledger are kept; ledger rows that referenced
    the store's orders stay as history.
    """
    require(ctx, Permission.MANAGE_STORES)
    with ctx.write() as s:
        st = s.get(Store, store_id)
        if st is None or st.workspace_id != ctx.workspace_id:
            raise NotFoundError(msg("store {store} does not exist", store=store_id))
        audit.record(
            s,
            ctx,
            "store",
            store_id,
            "remove",
            {"name": st.name, "platform": st.platform, "shop_id": st.external_shop_id},
            None,
        )
        release_open_items(
            s, store_id, actor=ctx.actor, why=f"store {st.name} removed: open orders no longer held"
        )
        s.delete(st)
