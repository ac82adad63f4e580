"""The sync engine: an asyncio loop in its own thread that keeps every store in step.

It reports through a plain callback of immutable events (:mod:`app.core.sync.events`);
the GUI adapts them to Qt signals in ``app.gui.bridge``. No Qt here.
"""
