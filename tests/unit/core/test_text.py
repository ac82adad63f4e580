"""Core messages: English text that keeps its template for translation."""

from __future__ import annotations

import pickle

from app.core.text import Message, msg


def test_a_message_is_its_english_text_and_keeps_its_template():
    m = msg("SKU {sku} is already used by {product}", sku="KAOS-01", product="Kaos")
    assert m == "SKU KAOS-01 is already used by Kaos"
    assert isinstance(m, str) and f"{m}!" == "SKU KAOS-01 is already used by Kaos!"
    assert (m.template, m.params) == (
        "SKU {sku} is already used by {product}",
        {"sku": "KAOS-01", "product": "Kaos"},
    )
    back = pickle.loads(pickle.dumps(m))
    assert isinstance(back, Message) and back.template == m.template and back == m


def test_format_specs_stay_in_the_template():
    assert msg("{n:,} rows", n=12345) == "12,345 rows"
