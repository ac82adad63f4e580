"""Marketplace clients and adapters, one package per platform, behind one protocol.

``base`` holds what every platform shares: the normalized records the sync engine sees,
the :class:`~app.core.platforms.base.PlatformAdapter` protocol and the typed errors.
"""
