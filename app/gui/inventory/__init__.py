"""Inventory: stock per variant and location, stock dialogs, movements, per-channel view."""
