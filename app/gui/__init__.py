"""The desktop app (PySide6). The only package that imports Qt.

Pages live in one package each (``dashboard``, ``stores``, ``catalog``, ``inventory``,
``orders``, ``activity``, ``settings``); ``bridge`` adapts the sync engine's plain events
to Qt signals; ``launch`` is the GUI composition root.
"""
