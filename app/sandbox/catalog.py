"""A seeded, realistic Indonesian demo catalog shared by every emulated shop.

Shops of both platforms list the same master SKUs (as a real multi-channel seller does),
some as products with variations, some without.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

# (name, sku prefix, base price in IDR, variation axis name, variation values or None)
_BASE_PRODUCTS: list[tuple[str, str, int, str | None, list[str] | None]] = [
    ("Kaos Polos Katun Combed 30s", "KAOS", 45000, "Warna", ["Hitam", "Putih", "Navy", "Maroon"]),
    ("Kemeja Batik Pria Lengan Panjang", "BATIK", 185000, "Ukuran", ["M", "L", "XL"]),
    ("Hijab Segi Empat Voal Premium", "HIJAB", 65000, "Warna", ["Dusty Pink", "Mocca", "Sage"]),
    ("Sambal Bawang Pedas 200gr", "SMBL", 28000, None, None),
    ("Kopi Bubuk Arabika Gayo 250gr", "KOPI", 95000, "Gilingan", ["Halus", "Sedang", "Kasar"]),
    ("Keripik Singkong Balado 500gr", "KRPK", 35000, None, None),
    ("Tas Selempang Kanvas Unisex", "TAS", 120000, "Warna", ["Hitam", "Khaki"]),
    ("Sandal Jepit Karet Anti Slip", "SNDL", 25000, "Ukuran", ["38", "39", "40", "41", "42"]),
    ("Madu Hutan Murni 500ml", "MADU", 150000, None, None),
    ("Masker Kain 3 Lapis (isi 5)", "MSKR", 30000, "Warna", ["Hitam", "Abu"]),
    ("Sabun Cuci Piring Jeruk Nipis 800ml", "SABUN", 18500, None, None),
    ("Celana Chino Pria Slim Fit", "CHINO", 159000, "Ukuran", ["30", "32", "34"]),
    ("Botol Minum Tumbler Stainless 500ml", "TMBLR", 79000, "Warna", ["Silver", "Hitam", "Biru"]),
    ("Minyak Kayu Putih 60ml", "MKP", 22000, None, None),
    ("Mukena Katun Rayon Dewasa", "MUKENA", 210000, "Warna", ["Putih", "Lilac"]),
    ("Kerupuk Udang Sidoarjo 250gr", "KRPU", 42000, None, None),
]


# What the seller knows and the marketplaces do not: each product's brand and what a unit
# costs the seller (a share of the base price, in percent). Demo mode fills these into the
# master catalog after the first sync (app/demo.py), so profit and filters show real figures.
_SELLER_DATA: dict[str, tuple[str, int]] = {
    "KAOS": ("Katunku", 55),
    "BATIK": ("Batik Pekalongan", 60),
    "HIJAB": ("Hijab Ayu", 45),
    "SMBL": ("Dapur Bunda", 50),
    "KOPI": ("Gayo Highland", 58),
    "KRPK": ("Dapur Bunda", 48),
    "TAS": ("Kanvasindo", 52),
    "SNDL": ("Langkah", 40),
    "MADU": ("Lebah Rimba", 62),
    "MSKR": ("Katunku", 35),
    "SABUN": ("Bersih Jaya", 55),
    "CHINO": ("Urban Pria", 57),
    "TMBLR": ("Minum Terus", 50),
    "MKP": ("Cap Lang Putih", 65),
    "MUKENA": ("Sajadah Indah", 58),
    "KRPU": ("Sidoarjo Asli", 45),
}


@dataclass(frozen=True)
class DemoVariant:
    """One sellable unit of a demo product."""

    sku: str
    name: str  # variation value, "" for products without variations
    price: Decimal
    stock: int
    weight_grams: int
    cost: Decimal = Decimal(0)  # what a unit costs the seller (never sent to a platform)


@dataclass(frozen=True)
class DemoProduct:
    """A demo product with its variants (one variant with name "" when no variations)."""

    name: str
    description: str
    category: str
    variation_axis: str | None
    variants: tuple[DemoVariant, ...]
    brand: str = ""

    @property
    def has_variations(self) -> bool:
        """Whether the product is sold in variations (Shopee models, TikTok multi-SKU)."""
        return self.variation_axis is not None


# A bundle the demo lists on two stores (the first Shopee and the first TikTok shop):
# listed with no stock of its own, since StoreSync computes it from its components once the
# seller defines them (app/demo.py does, as the seller would; docs/ARCHITECTURE.md, bundles
# and kits). Kept out of demo_catalog() so the seeded shops stay as they were.
DEMO_BUNDLE = DemoProduct(
    name="Paket Hemat Kopi Gayo + Madu Hutan",
    description="Paket hemat: 2 kopi bubuk Arabika Gayo 250gr dan 1 madu hutan murni 500ml.",
    category="Makanan & Minuman",
    variation_axis=None,
    variants=(
        DemoVariant(
            sku="PAKET-KOPI-MADU", name="", price=Decimal(319000), stock=0, weight_grams=1000
        ),
    ),
)
#: what one bundle is made of (seller knowledge: the marketplaces know nothing of it)
DEMO_BUNDLE_COMPONENTS = (("KOPI-01", 2), ("MADU-00", 1))


def demo_catalog(seed: int = 0, size: int | None = None) -> list[DemoProduct]:
    """The demo catalog; ``size`` products (default: every base product once)."""
    rng = random.Random(seed)
    base = (
        _BASE_PRODUCTS
        if size is None
        else [_BASE_PRODUCTS[i % len(_BASE_PRODUCTS)] for i in range(size)]
    )
    out: list[DemoProduct] = []
    for i, (name, prefix, price, axis, values) in enumerate(base):
        suffix = "" if size is None or i < len(_BASE_PRODUCTS) else f" #{i // len(_BASE_PRODUCTS)}"
        code = prefix if not suffix else f"{prefix}{i // len(_BASE_PRODUCTS)}"
        brand, cost_percent = _SELLER_DATA.get(prefix, ("", 0))
        cost = Decimal(price * cost_percent // 100)
        variants = []
        for j, value in enumerate(values or [""]):
            sku = f"{code}-{j + 1:02d}" if values else f"{code}-00"
            variants.append(
                DemoVariant(
                    sku=sku,
                    name=value,
                    price=Decimal(price + 5000 * (j % 2)),
                    stock=rng.randint(5, 60),
                    weight_grams=rng.choice([150, 250, 400, 600, 1000]),
                    cost=cost,
                )
            )
        out.append(
            DemoProduct(
                name=name + suffix,
                description=f"{name}. Produk asli, siap kirim dari Jakarta.",
                category=_category_for(prefix),
                variation_axis=axis,
                variants=tuple(variants),
                brand=brand,
            )
        )
    return out


def _category_for(prefix: str) -> str:
    food = {"SMBL", "KOPI", "KRPK", "MADU", "KRPU"}
    fashion = {"KAOS", "BATIK", "HIJAB", "TAS", "SNDL", "MSKR", "CHINO", "MUKENA"}
    if prefix in food:
        return "Makanan & Minuman"
    if prefix in fashion:
        return "Fashion"
    return "Rumah Tangga"


BUYER_NAMES = [
    "Budi Santoso",
    "Siti Rahayu",
    "Agus Setiawan",
    "Dewi Lestari",
    "Rizky Pratama",
    "Putri Ayu",
    "Andi Wijaya",
    "Nur Hidayah",
    "Fajar Nugroho",
    "Rina Kartika",
]
CITIES = [
    ("Jakarta Selatan", "DKI Jakarta"),
    ("Bandung", "Jawa Barat"),
    ("Surabaya", "Jawa Timur"),
    ("Medan", "Sumatera Utara"),
    ("Makassar", "Sulawesi Selatan"),
    ("Yogyakarta", "DI Yogyakarta"),
    ("Denpasar", "Bali"),
    ("Semarang", "Jawa Tengah"),
]
