"""Prices: the review of price changes before anything is pushed."""
