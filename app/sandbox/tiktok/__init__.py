"""The TikTok Shop 202309 emulator; :mod:`app.sandbox.tiktok.sim` composes it."""
