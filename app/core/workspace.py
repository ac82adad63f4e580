"""Open a data folder: migrate its database, make sure the default workspace exists."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.core.db.engine import make_engine, make_sessionmaker
from app.core.db.migrate import upgrade_to_head
from app.core.paths import AppPaths
from app.core.secrets import SecretStore
from app.core.services.bootstrap import ensure_workspace
from app.core.services.channel_stock import OutboxHooks, install_outbox_hooks
from app.core.services.context import ServiceContext
from app.core.settings import upgrade_settings


@dataclass
class OpenWorkspace:
    """Everything the composition root builds once per process."""

    paths: AppPaths
    engine: Engine
    sessions: sessionmaker[Session]
    ctx: ServiceContext
    secrets: SecretStore
    outbox: OutboxHooks  # the engine listens here for stores with pushes waiting

    def close(self) -> None:
        """Release the database."""
        self.engine.dispose()


def open_workspace(paths: AppPaths, *, actor: str = "owner") -> OpenWorkspace:
    """Create or migrate the database under ``paths`` and return the ready services."""
    paths.ensure()
    engine = make_engine(paths.database)
    upgrade_to_head(engine)
    sessions = make_sessionmaker(engine)
    # every stock change, whoever writes it, queues its pushes in its own transaction
    # (the hook and why it is one: app.core.services.channel_stock)
    outbox = install_outbox_hooks(sessions)
    workspace_id = ensure_workspace(sessions)
    ctx = ServiceContext(sessions=sessions, workspace_id=workspace_id, actor=actor)
    upgrade_settings(ctx)
    _summarise_old_orders(ctx)
    secrets = SecretStore(paths.data_dir / "insecure-secrets.json")
    return OpenWorkspace(paths, engine, sessions, ctx, secrets, outbox)


def _summarise_old_orders(ctx: ServiceContext) -> None:
    """A database from before the analytics summary: build it once from its orders."""
    from sqlalchemy import exists, select

    from app.core.db.models import Order, SalesDaily
    from app.core.services.analytics.summary import rebuild_sales_summary

    with ctx.read() as s:
        needed = s.scalar(select(exists().where(Order.id.is_not(None)))) and not s.scalar(
            select(exists().where(SalesDaily.store_id.is_not(None)))
        )
    if needed:
        rebuild_sales_summary(ctx)
