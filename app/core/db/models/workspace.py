"""Workspaces, users, platforms, settings and the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db.models.base import Base, created_at, intpk, str40, str80, str255, str_enum
from app.core.db.types import UTCDateTime
from app.core.domain import Role


class Workspace(Base):
    """An organization: one per installation by default."""

    __tablename__ = "workspaces"

    id: Mapped[intpk]
    name: Mapped[str255]
    currency: Mapped[str] = mapped_column(String(3), default="IDR")
    timezone: Mapped[str40] = mapped_column(default="Asia/Jakarta")
    created_at: Mapped[created_at]


class User(Base):
    """A local user of the workspace, for audit and permissions."""

    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("workspace_id", "username"),)

    id: Mapped[intpk]
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    username: Mapped[str80]
    display_name: Mapped[str255] = mapped_column(default="")
    role: Mapped[Role] = mapped_column(str_enum(Role), default=Role.STAFF)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[created_at]
    # an argon2id hash (services/accounts.py, migration 0010); None: no password yet (the
    # silent single owner of a workspace without accounts)
    password_hash: Mapped[str | None] = mapped_column(String(255), default=None)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class PlatformRow(Base):
    """The marketplaces we support (seeded by migration)."""

    __tablename__ = "platforms"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str80]


class Setting(Base):
    """A workspace-level preference, declared and typed in :mod:`app.core.settings`."""

    __tablename__ = "settings"
    __table_args__ = (UniqueConstraint("workspace_id", "key"),)

    id: Mapped[intpk]
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    key: Mapped[str80]
    value: Mapped[Any] = mapped_column(JSON)


class AuditEntry(Base):
    """Who changed what, when, with the values before and after."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_entity", "entity_type", "entity_id", "id"),
        Index("ix_audit_log_created_at", "created_at"),
        Index("ix_audit_log_actor", "actor", "id"),  # the audit page's user filter (0010)
    )

    id: Mapped[intpk]
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    actor: Mapped[str80]
    entity_type: Mapped[str40]
    entity_id: Mapped[str40]
    action: Mapped[str40]
    before: Mapped[Any | None] = mapped_column(JSON)
    after: Mapped[Any | None] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[created_at]
