"""accounts: passwords for local users, the role ``member`` renamed ``staff``, audit by user

``users.password_hash`` holds an argon2id hash (never the password; services/accounts.py)
and ``users.last_sign_in_at`` when the user last signed in; both nullable, so SQLite adds
them in place. The role the seed called ``member`` is the packer's role ``staff``
(docs/ARCHITECTURE.md, "Accounts and permissions"); stored rows are renamed. The audit page
filters by user, so ``audit_log`` gets an index on ``actor``.

Portable: alembic op calls only, the same on SQLite and PostgreSQL (issue 16).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 16:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

_users = sa.table('users', sa.column('role', sa.String(20)))


def upgrade() -> None:
    op.add_column('users', sa.Column('password_hash', sa.String(255), nullable=True))
    op.add_column('users', sa.Column('last_sign_in_at', sa.DateTime(), nullable=True))
    op.execute(_users.update().where(_users.c.role == 'member').values(role='staff'))
    op.create_index('ix_audit_log_actor', 'audit_log', ['actor', 'id'])


def downgrade() -> None:
    op.drop_index('ix_audit_log_actor', table_name='audit_log')
    op.execute(_users.update().where(_users.c.role == 'staff').values(role='member'))
    # plain DROP COLUMN (no batch rebuild of users), as 0009 does
    op.drop_column('users', 'last_sign_in_at')
    op.drop_column('users', 'password_hash')
