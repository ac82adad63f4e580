"""Catalog: the 1M-variant table, the product editor, bulk actions and the Mapping view."""
