"""PostgreSQL's side of the catalog search, built to find what SQLite's FTS5 finds.

One row per variant in ``catalog_search``, kept in step by triggers like the FTS5 table:
``words`` holds the variant's columns cut into FTS5's tokens (letters, digits, ``-_./``),
lower-cased, one space apart, with `` | `` between columns (an FTS5 phrase never spans two
columns). A typed word matches as ``words LIKE '% tok1 tok2%'``: token starts and phrases
exactly as FTS5 reads them. Since migration 0015 the rows are found through ``lexemes``
(the same tokens as a ``tsvector``, generated from ``words``, GIN-indexed): each typed
token's prefix is a GIN partial match (``'madu':*``), a range of the index's sorted
lexemes, like FTS5's prefix index; the ``LIKE`` then only rechecks the phrase order of
the rows found. (The ``pg_trgm`` index 0001 built on ``words`` read every trigram's
postings: 4 ms for a SKU prefix at 100,000 variants, whose "000" trigram is in every
SKU, against 0.03 ms by lexeme; 0015 drops it.) ``doc`` (a ``tsvector`` of the same words,
GIN-indexed) ranks the title words of the mapping suggestions, as FTS5's ``rank`` does.
Known difference: FTS5 folds diacritics (``remove_diacritics 2``), this side does not.
"""

from __future__ import annotations

import re

# characters that end an FTS5 token with our tokenizer (anything but letters, digits, -_./)
TOKEN_SPLIT = r"[^[:alnum:]_./-]+"
_PY_SPLIT = re.compile(r"[^\w\-./]+")

_WORDS = "' ' || regexp_replace(lower({col}), '" + TOKEN_SPLIT + "', ' ', 'g') || ' '"


def _words_sql(p: str, v: str) -> str:
    cols = [f"{p}.name", f"{v}.sku", f"{v}.name", f"{p}.brand", f"{p}.category"]
    return " || '|' || ".join(_WORDS.format(col=f"coalesce({c}, '')") for c in cols)


# one function per trigger, each reading only the rows it needs by key: a refresh keyed by
# an id array made PostgreSQL scan variants per inserted row (a 20,000-variant copy took
# 37 s instead of about one)
_VARIANT_ROW = f"""
CREATE OR REPLACE FUNCTION storesync_variants_search() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM catalog_search WHERE variant_id = NEW.id;
    INSERT INTO catalog_search (variant_id, words, doc)
    SELECT NEW.id, w.words, to_tsvector('simple', w.words)
    FROM products p
    CROSS JOIN LATERAL (SELECT {_words_sql("p", "NEW")} AS words) w
    WHERE p.id = NEW.product_id;
    RETURN NULL;
END $$
"""
_PRODUCT_ROWS = f"""
CREATE OR REPLACE FUNCTION storesync_products_search() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM catalog_search
    WHERE variant_id IN (SELECT id FROM variants WHERE product_id = NEW.id);
    INSERT INTO catalog_search (variant_id, words, doc)
    SELECT v.id, w.words, to_tsvector('simple', w.words)
    FROM variants v
    CROSS JOIN LATERAL (SELECT {_words_sql("NEW", "v")} AS words) w
    WHERE v.product_id = NEW.id;
    RETURN NULL;
END $$
"""

# the indexes as migration 0001 made them (0001 runs SEARCH_DDL; keep it as it was)
_INDEXES = [
    "CREATE INDEX ix_catalog_search_words ON catalog_search USING gin (words gin_trgm_ops)",
    "CREATE INDEX ix_catalog_search_doc ON catalog_search USING gin (doc)",
]
# and as they are at head (after 0015): what a bulk copy drops and builds again
_HEAD_INDEXES = [
    "CREATE INDEX ix_catalog_search_doc ON catalog_search USING gin (doc)",
    "CREATE INDEX ix_catalog_search_lexemes ON catalog_search USING gin (lexemes)",
]
SEARCH_DDL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """CREATE TABLE catalog_search (
        variant_id bigint PRIMARY KEY REFERENCES variants(id) ON DELETE CASCADE,
        words text NOT NULL,
        doc tsvector NOT NULL
    )""",
    *_INDEXES,
    _VARIANT_ROW,
    _PRODUCT_ROWS,
    """CREATE TRIGGER variants_search_aiu AFTER INSERT OR UPDATE OF sku, name, product_id
        ON variants FOR EACH ROW EXECUTE FUNCTION storesync_variants_search()""",
    """CREATE TRIGGER products_search_au AFTER UPDATE OF name, brand, category
        ON products FOR EACH ROW EXECUTE FUNCTION storesync_products_search()""",
]

# a bulk copy (db copy-to) fills the index once at the end instead of row by row
# (its GIN indexes built once on the filled table, several times faster than row by row)
BULK_BEFORE = [
    "ALTER TABLE variants DISABLE TRIGGER variants_search_aiu",
    "ALTER TABLE products DISABLE TRIGGER products_search_au",
    "DROP INDEX ix_catalog_search_doc",
    "DROP INDEX ix_catalog_search_lexemes",
]
BULK_AFTER = [
    "DELETE FROM catalog_search",
    f"""INSERT INTO catalog_search (variant_id, words, doc)
    SELECT v.id, w.words, to_tsvector('simple', w.words)
    FROM variants v JOIN products p ON p.id = v.product_id
    CROSS JOIN LATERAL (SELECT {_words_sql("p", "v")} AS words) w""",
    *_HEAD_INDEXES,
    "ALTER TABLE variants ENABLE TRIGGER variants_search_aiu",
    "ALTER TABLE products ENABLE TRIGGER products_search_au",
]

# migration 0015: ``lexemes``, the tokens of ``words`` as a tsvector. array_to_tsvector
# takes them as they are, without a parser ("sku-0000001" stays one lexeme, as in FTS5;
# to_tsvector would cut it in three); the column separators and empty strings are left
# out, and so is a token too long for a lexeme (2 kB), which nobody types.
LEXEMES_FUNCTION = """
CREATE OR REPLACE FUNCTION storesync_lexemes(words text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT array_to_tsvector(ARRAY(
        SELECT DISTINCT t FROM unnest(string_to_array(words, ' ')) t
        WHERE t <> '' AND t <> '|' AND octet_length(t) < 2047))
$$
"""
# the column is generated from ``words``: the triggers and the bulk copy above fill it
# without naming it
LEXEMES_EXPRESSION = "storesync_lexemes(words)"
DROP_SEARCH_DDL = [
    "DROP TRIGGER IF EXISTS products_search_au ON products",
    "DROP TRIGGER IF EXISTS variants_search_aiu ON variants",
    "DROP FUNCTION IF EXISTS storesync_products_search()",
    "DROP FUNCTION IF EXISTS storesync_variants_search()",
    "DROP TABLE IF EXISTS catalog_search",
]


def tokens(word: str) -> list[str]:
    """A typed word cut into FTS5's tokens, lower-cased (``"Madu#250"`` -> madu, 250)."""
    return [t for t in _PY_SPLIT.split(word.lower()) if t]


def like_pattern(word: str) -> str | None:
    """The ``LIKE`` pattern of one typed word (a phrase, its last token a prefix), with
    ``_`` escaped; None for a word without tokens."""
    toks = tokens(word)
    if not toks:
        return None
    return "% " + " ".join(toks).replace("\\", "\\\\").replace("_", "\\_") + "%"


def rank_query(words: tuple[str, ...]) -> str:
    """A ``to_tsquery('simple', …)`` text that ranks by how many words' prefixes occur
    (only the plain letter-and-digit tokens; the LIKE decides what matches)."""
    plain = {t for w in words for t in tokens(w) if t.isalnum()}
    return " | ".join(f"{t}:*" for t in sorted(plain)) or "''"


def _lexeme(token: str, prefix: bool) -> str:
    quoted = "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"
    return quoted + ":*" if prefix else quoted


def lexeme_query(words: tuple[str, ...], any_word: bool, category: str | None = None) -> str:
    """The ``tsquery`` text (cast, not parsed) that finds through ``lexemes`` every row the
    words' ``LIKE`` patterns can match: a word's tokens all present, its last one as a
    prefix (``'madu' & '250':*``); the words joined by ``&`` (``|`` with ``any_word``);
    a category's tokens narrow it further (its equality stays the caller's). It may find
    a few rows too many (tokens present but not in that order); never one too few."""
    parts = []
    for word in words:
        toks = tokens(word)
        if toks:
            lexemes = [_lexeme(t, i == len(toks) - 1) for i, t in enumerate(toks)]
            parts.append("(" + " & ".join(lexemes) + ")")
    if not parts:
        return ""
    query = "(" + (" | " if any_word else " & ").join(parts) + ")"
    narrow = [_lexeme(t, False) for t in tokens(category or "")]
    return " & ".join([query, *narrow])
