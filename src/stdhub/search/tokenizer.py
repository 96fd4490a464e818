"""Search keys and tokens: the one folding that both indexing and querying use.

Pure: no Django. A title or code is folded into a *key* (NFKC, full-width to
half-width, dashes to ``-``, lower case, whitespace dropped); a record matches a
query when the query's key is a substring of the record's title key or code key.

The index holds every character of a key (unigrams) and every pair of adjacent
characters (bigrams), Lucene CJKAnalyzer-style but for all characters, not only
CJK: a query of one character looks up its unigram, a longer one the bigrams it
is made of. Chinese is never segmented into words, so recall does not depend on
a dictionary (jieba splits 一网通办 wrongly); ASCII is treated the same way, so
``2260`` finds ``GB/T 22601`` just as ``数据`` finds ``公共数据``.

On PostgreSQL the index side's tokens come from the SQL function
``stdhub_search_tokens`` (migration 0001), the same unigrams and bigrams.
"""

from __future__ import annotations

from stdhub.standards.codes import normalize_code_text


def fold(text: str) -> str:
    """The search key of ``text``: ``'ＧＢ／Ｔ　２２６０—２００７'`` → ``'gb/t2260-2007'``.

    Whitespace is dropped, not kept, because it is typed inconsistently
    (``GB/T2260``, ``第 1 部分``) and a Chinese title's spaces carry no meaning
    a searcher relies on.
    """
    return normalize_code_text(text or "").lower().replace(" ", "")


def bigrams(key: str) -> list[str]:
    """Adjacent pairs in order: ``'数据规范'`` → ``['数据', '据规', '规范']``."""
    return [key[i:i + 2] for i in range(len(key) - 1)]


def query_tokens(key: str) -> list[str]:
    """The tokens a record's key must hold to contain ``key``: itself if short, else bigrams."""
    return [key] if len(key) <= 2 else bigrams(key)


# --- SQLite FTS5 form --------------------------------------------------------
# FTS5's own tokenizers split on punctuation and fold diacritics; writing each
# token as the hex of its UTF-8 bytes makes every token one opaque ASCII word, so
# FTS5 stores exactly our tokens, in order, and a phrase of bigrams matches a
# substring exactly. A mark letter (not a hex digit) before the hex keeps the
# tokens of codes apart from those of titles: FTS5 keeps one list of rows per
# token, and 数 in titles should not be read to find 数 in codes.

_HEX: dict[str, str] = {}  # character -> hex of its UTF-8 bytes; titles use few characters


def _hexes(key: str) -> list[str]:
    hexes = []
    for c in key:
        h = _HEX.get(c)
        if h is None:
            h = _HEX[c] = c.encode().hex()
        hexes.append(h)
    return hexes


def hex_token(text: str, mark: str = "") -> str:
    return mark + text.encode().hex()


def hex_grams(key: str, mark: str = "") -> tuple[str, str]:
    """``(hex_unigrams(key, mark), hex_bigrams(key, mark))``, encoding each character once."""
    hexes = _hexes(key)
    pairs = map(str.__add__, hexes, hexes[1:])
    if mark:
        return (" ".join([mark + h for h in hexes]), " ".join([mark + p for p in pairs]))
    return " ".join(hexes), " ".join(pairs)


def hex_unigrams(key: str, mark: str = "") -> str:
    return hex_grams(key, mark)[0]


def hex_bigrams(key: str, mark: str = "") -> str:
    return hex_grams(key, mark)[1]


EXACT_MARK = "x"


def hex_exact(*keys: str) -> str:
    """Whole keys (the code, without year, without prefix…), each as one token."""
    return " ".join(dict.fromkeys(hex_token(k, EXACT_MARK) for k in keys if k))
