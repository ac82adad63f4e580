"""Texts the core writes for a seller to read, translatable without Qt.

The core speaks English. A message built with :func:`msg` is an ordinary ``str`` (so logs,
exceptions, tests and the command line see the English text), but it remembers its
template and values, so an interface in another language can translate the template
and fill the values in again (``app.gui.i18n.tr_message`` does). ``build/i18n.py``
collects every ``msg("…")`` literal for the translators.
"""

from __future__ import annotations

from typing import Any


class Message(str):
    """English text with its template and values kept."""

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, /, **params: Any) -> Message:
        text = template.format(**params) if params else template
        obj = super().__new__(cls, text)
        obj.template = template
        obj.params = params
        return obj

    def __reduce__(self):  # pickling keeps the template (messages cross process bounds)
        return (_rebuild, (self.template, self.params))


def _rebuild(template: str, params: dict[str, Any]) -> Message:
    return Message(template, **params)


def msg(template: str, /, **params: Any) -> Message:
    """A message for the seller: ``msg("SKU {sku} is already used", sku=sku)``.

    Use named placeholders (a translation may reorder them) and a literal template (the
    translators' tool reads it from the code).
    """
    return Message(template, **params)
