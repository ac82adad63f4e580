"""A website speaking the open StoreSync custom-store contract (docs/custom-store-api.md)."""

from app.core.platforms.custom.adapter import CONTRACT_VERSION, CustomStoreAdapter

__all__ = ["CONTRACT_VERSION", "CustomStoreAdapter"]
