"""TikTok Shop (Partner API 202309): signing, a typed async client and the adapter."""

from app.core.platforms.tiktok.adapter import TikTokAdapter
from app.core.platforms.tiktok.client import PRODUCTION_ENDPOINTS, TikTokClient

__all__ = ["PRODUCTION_ENDPOINTS", "TikTokAdapter", "TikTokClient"]
