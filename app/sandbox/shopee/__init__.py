"""The Shopee Open Platform v2 emulator; :mod:`app.sandbox.shopee.sim` composes it."""
