"""Cheaper argon2 parameters for the many sign-ins of these tests.

The production hasher (argon2-cffi's RFC 9106 defaults: 64 MiB, 3 passes) takes about a
second per hash on a loaded 2-core machine; the rules tested here do not depend on the
cost. ``test_accounts_hash.py`` checks the production parameters and the rehash."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from app.core.services import accounts

PRODUCTION_HASHER = accounts._hasher


@pytest.fixture(autouse=True)
def cheap_hasher(monkeypatch, request):
    if "production_hasher" not in request.keywords:
        monkeypatch.setattr(
            accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
        )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "production_hasher: use the real argon2 parameters")
