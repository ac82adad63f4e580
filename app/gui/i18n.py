"""The interface language: English source text, Bahasa Indonesia through Qt's translator.

Every text a user reads goes through :func:`tr` where it is shown. Texts fixed at import
time (column titles, option lists) are marked with :func:`N_` and passed through
:func:`tr` where they are displayed. Texts with values use placeholders:
``tr("Stopped the {kind} job of {store}").format(kind=..., store=...)``, so that a
translation can reorder them.

``build/i18n.py`` collects every ``tr``/``N_`` literal into
``resources/translations/storesync_id.ts`` (Qt Linguist's format, for translators) and
compiles the ``.qm`` file loaded here. The language is read once at start-up, before
any window is built; nothing may be translated at import time (the check flags it).
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from app.core.text import Message

log = logging.getLogger(__name__)

CONTEXT = "StoreSync"
TRANSLATIONS_DIR = Path(__file__).resolve().parents[2] / "resources" / "translations"
LANGUAGES = (("English", "en"), ("Bahasa Indonesia", "id"))
_installed = ["en"]  # the language the interface speaks now (dates and numbers follow it)


def current_language() -> str:
    """``en`` or ``id``: the interface language installed now."""
    return _installed[0]


def tr(text: str) -> str:
    """``text`` in the interface language."""
    return QCoreApplication.translate(CONTEXT, text)


@lru_cache(maxsize=4096)
def tr_cached(text: str) -> str:
    """:func:`tr` for texts shown over and over (table headers, per-row labels)."""
    return tr(text)


def tr_message(text: object) -> str:
    """A core message (:class:`app.core.text.Message`) in the interface language; any
    other text as it is (a platform's own words, a path, an old log line)."""
    if isinstance(text, BaseException):  # its message if the core wrote it, else as before
        first = getattr(text, "message", None) or (text.args[0] if text.args else None)
        text = first if isinstance(first, Message) else str(text)
    if not isinstance(text, Message):
        return str(text)
    params = {k: tr_message(v) if isinstance(v, Message) else v for k, v in text.params.items()}
    try:
        return tr(text.template).format(**params)
    except (KeyError, IndexError, ValueError):  # a translation with a broken placeholder
        return str(text)


def N_(text: str) -> str:  # the gettext name translators know
    """Mark a literal for translation without translating it yet (see the module doc)."""
    return text


def qm_path(language: str) -> Path:
    """The compiled translation of ``language``."""
    return TRANSLATIONS_DIR / f"storesync_{language}.qm"


def _set_default_locale(language: str) -> None:
    """Qt's default locale follows the interface language (as spoken in Indonesia), so
    every widget built from now on -- date edits, their calendar popups, number boxes --
    names months and writes decimals like the tables (docs/ARCHITECTURE.md, "Money, time,
    analytics"); the widgets take the default when they are built, hence before any window."""
    lang = QLocale.Language.Indonesian if language == "id" else QLocale.Language.English
    QLocale.setDefault(QLocale(lang, QLocale.Country.Indonesia))


def install_language(app: QCoreApplication, language: str) -> QTranslator | None:
    """Load ``language`` into the application; English needs nothing. Returns the
    translator (kept alive by its parent, the application) or None. Qt's default locale
    is set to match either way."""
    if language in ("", "en"):
        _set_default_locale("en")
        return None
    translator = QTranslator(app)
    if not translator.load(str(qm_path(language))):
        log.warning("no translation for language %r; the interface stays in English", language)
        _set_default_locale("en")
        return None
    app.installTranslator(translator)
    _installed[0] = language
    _set_default_locale(language)
    tr_cached.cache_clear()
    return translator


def remove_language(app: QCoreApplication, translator: QTranslator | None) -> None:
    """Back to English (tests switch languages; the app itself restarts for it)."""
    if translator is not None:
        app.removeTranslator(translator)
    _installed[0] = "en"
    _set_default_locale("en")
    tr_cached.cache_clear()
