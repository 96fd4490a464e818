"""What a query asks for: an ordered list of tiers, each a set of key matches. Pure.

A standard matches a query when the query's key is a substring of its title key
or its code key (see ``tokenizer.fold``). It ranks in the first tier it
satisfies, so exact code matches come first, then code prefixes, then codes
containing the query, then titles; within a tier shorter titles come first.

A query made of a standard code and words (``GB/T 2260 行政区划``) also matches
standards whose code contains the code and whose title contains the words;
those rank above everything else.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from stdhub.standards.codes import CodeError, parse_code

from .tokenizer import fold

TITLE, CODE = "title", "code"
EXACT, PREFIX, CONTAINS = "exact", "prefix", "contains"


@dataclass(frozen=True)
class Keys:
    """The folded text of one standard, as the index holds it.

    For ``GB/T 2260-2007``: code ``gb/t2260-2007``, base ``gb/t2260``, number
    ``2260-2007`` and number base ``2260`` (the code after its prefix), so that
    typing the number alone is an exact match too.
    """

    standard_id: int
    title_key: str
    code_key: str
    base_key: str  # the code without its year
    number_key: str = ""  # the code without its prefix
    number_base: str = ""  # neither prefix nor year

    @property
    def exact_keys(self) -> tuple[str, ...]:
        return tuple(k for k in dict.fromkeys(
            (self.code_key, self.base_key, self.number_key, self.number_base)) if k)

    @property
    def rank(self) -> tuple[int, int]:
        """The static score within a tier: shorter titles first, then the older record."""
        return len(self.title_key), self.standard_id


@dataclass(frozen=True)
class Match:
    """One condition: ``field``'s key equals / starts with / contains ``key``.

    ``EXACT`` and ``PREFIX`` apply to codes only. An exact code match also
    accepts the code without its year or without its prefix (``GB/T 2260``,
    ``2260-2007`` and ``2260`` are all ``GB/T 2260-2007``); a prefix is the
    beginning of the code or of its number. All of these are parts of the code,
    so a code matching them also contains the key.
    """

    field: str
    how: str
    key: str

    def holds(self, keys: Keys) -> bool:
        if self.field == TITLE:
            return self.key in keys.title_key
        if self.how == EXACT:
            return self.key in keys.exact_keys
        if self.how == PREFIX:
            return keys.code_key.startswith(self.key) or keys.number_key.startswith(self.key)
        return self.key in keys.code_key


Clause = tuple[Match, ...]  # every match must hold


@dataclass(frozen=True)
class Plan:
    key: str
    tiers: tuple[Clause, ...]

    @property
    def mixed(self) -> bool:
        """True for a code plus words (``GB/T 2260 行政区划``)."""
        return len(self.tiers) > len(_PLAIN_TIERS)

    @property
    def matches(self) -> tuple[Clause, ...]:
        """The tiers' union in fewest clauses: an exact or prefix code match is a code
        containing the key, so only the ``CONTAINS`` form of each clause is needed."""
        widened = (tuple(Match(m.field, CONTAINS, m.key) for m in clause) for clause in self.tiers)
        return tuple(dict.fromkeys(widened))

    def tier_of(self, keys: Keys) -> int:
        """The first tier ``keys`` satisfies; ``len(tiers)`` when it matches none."""
        for number, clause in enumerate(self.tiers):
            if all(m.holds(keys) for m in clause):
                return number
        return len(self.tiers)

    def order(self, found: Iterable[Keys]) -> list[int]:
        """Standard ids of ``found`` (all matching) in rank order."""
        ranked = sorted((self.tier_of(k), k.rank) for k in found)
        return [standard_id for _, (_, standard_id) in ranked]


MAX_QUERY_CHARS = 200  # a title is rarely longer; anything longer is pasted by mistake
MAX_CODE_PARTS = 4  # "DB 33/T 1000 - 2020" at most
_PLAIN_TIERS = ((CODE, EXACT), (CODE, PREFIX), (CODE, CONTAINS), (TITLE, CONTAINS))


def plan_query(text: str) -> Plan | None:
    """The plan for what someone typed, or None when it folds to nothing."""
    key = fold(text)
    if not key:
        return None
    tiers = [(Match(field, how, key),) for field, how in _PLAIN_TIERS]
    if split := code_and_words(text):
        code_key, words_key = split
        words = Match(TITLE, CONTAINS, words_key)
        tiers[:0] = [(Match(CODE, how, code_key), words) for how in (EXACT, PREFIX, CONTAINS)]
    return Plan(key, tuple(tiers))


def code_and_words(text: str) -> tuple[str, str] | None:
    """``'GB/T 2260 行政区划'`` → ``('gb/t2260', '行政区划')``; None unless code plus Chinese words.

    The code may come first or last; it must parse as a standard code. A code is a few
    words at most, so only that many cuts are tried at either end: a long query costs
    linear time, not quadratic.
    """
    parts = text.split()
    for cut in range(1, min(len(parts), MAX_CODE_PARTS + 1)):
        for code, words in ((parts[:cut], parts[cut:]), (parts[-cut:], parts[:-cut])):
            words_text = "".join(words)
            if words_text.isascii() or not _is_code(" ".join(code)):
                continue
            return fold(" ".join(code)), fold(words_text)
    return None


def _is_code(text: str) -> bool:
    try:
        parse_code(text)
    except CodeError:
        return False
    return True
