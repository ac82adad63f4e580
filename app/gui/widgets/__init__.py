"""Widgets and models shared by the pages."""
