"""StoreSync: one catalog and one stock count for every marketplace store a seller runs."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("storesync")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"

APP_NAME = "StoreSync"
APP_AUTHOR = "StoreSync"
