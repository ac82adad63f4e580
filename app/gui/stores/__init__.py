"""Stores: the list, the Connect-store wizard, per-store settings, re-authorize, remove."""
