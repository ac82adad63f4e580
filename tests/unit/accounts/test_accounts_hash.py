"""The production password hash: argon2id with the library's defaults, and a hash made
with weaker parameters replaced at the next sign-in."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from app.core.db.models import User
from app.core.services import accounts


@pytest.mark.production_hasher
def test_a_weak_hash_is_replaced_by_the_production_one_at_sign_in(ctx):
    with ctx.write() as s:
        owner = s.scalar(select(User).where(User.username == "owner"))
        owner.password_hash = PasswordHasher(time_cost=1, memory_cost=1024).hash("pw-123456")
    me = accounts.sign_in(ctx, "Owner ", "pw-123456")
    assert (me.actor, me.role) == ("owner", "owner")
    with ctx.read() as s:
        stored = s.scalar(select(User.password_hash).where(User.username == "owner"))
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert "pw-123456" not in stored
    assert not accounts._hasher.check_needs_rehash(stored)
