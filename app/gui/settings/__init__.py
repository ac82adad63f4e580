"""Workspace settings, notifications, appearance and stock locations."""
