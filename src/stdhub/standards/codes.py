"""Parse standard codes (标准编号) as people type them into their parts.

Pure: no Django; reference data comes from ``stdhub.refdata``.

Recognised codes, after folding (see ``normalize_code_text``):

- national ``GB``, ``GB/T``, ``GB/Z``, and the older ``GBJ`` (engineering) and ``GBZ``
  (occupational health) series;
- industry: every sector code of 《行业标准代号》 (``refdata/data/industry_sectors.csv``)
  with ``/T`` and ``/Z``, plus the engineering-construction series named by a sector code
  and a trailing ``J`` (``JGJ`` 建筑工程, ``CJJ`` 城镇建设). ``DB/T`` is the earthquake
  sector; ``DB`` followed by a GB/T 2260 code is a local standard;
- local ``DB`` + 2-digit province or 4-digit prefecture code, checked against GB/T 2260;
- group ``T/<association>``, enterprise ``Q/<enterprise>`` (enterprise codes may hold a
  space: ``Q/320102 ABC 001-2020``);
- ``ISO``, ``IEC`` and their joint codes with document types (``ISO/TS``,
  ``ISO/IEC TR``, ``IEC TS``, ``ISO/IEC Guide``), and ITU recommendations (``ITU-T X.509``).

Decisions:

- ``canonical`` is ``prefix``, one space, ``number``, then ``-year`` for Chinese codes or
  ``:year`` for international ones. An adoption suffix (``GB/T 22080-2016/ISO/IEC
  27001:2013``) is not part of ``canonical``: ``adopts`` holds the adopted code's canonical
  form. ITU editions (``ITU-T X.509 (10/2019)``) keep their year only: ``ITU-T X.509:2019``.
- ISO and IEC years follow a colon; a hyphen starts a part number (``ISO/IEC 20000-1``).
- Two-digit years are 19xx (``GB 1-80`` → 1980): they went out of use before 2000.
- ``nature`` is mandatory / recommended (``/T``) / guidance (``/Z``) for national,
  industry and local codes; ``None`` for international, group and enterprise codes, which
  carry no such mark (``ISO/TS`` is a document type and stays in the prefix).
- Mandatory local codes take their official form with a trailing slash: ``DB11/ 501-2017``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from functools import cache

from stdhub.refdata import read_rows
from stdhub.refdata.divisions import prefecture_codes, province_codes


class CodeError(ValueError):
    """The text is not a standard code; the message says what is wrong."""


@dataclass(frozen=True)
class ParsedCode:
    input: str
    canonical: str
    level: str
    nature: str | None
    prefix: str
    issuer: str | None
    number: str
    year: int | None
    adopts: str | None

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def base(self) -> str:
        """The canonical code without its year, e.g. ``GB/T 2260``."""
        return f"{self.prefix} {self.number}"


# --- folding ---------------------------------------------------------------

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63"
_SLASHES = "\u2044\u2215"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_FOLD = str.maketrans(
    dict.fromkeys(_DASHES, "-") | dict.fromkeys(_SLASHES, "/") | dict.fromkeys(_INVISIBLE)
)
_SPACED_PUNCT = re.compile(r" ?([/\-:.]) ?")


def normalize_code_text(text: str) -> str:
    """Fold the ways a code gets typed into one: full-width forms, dashes, case, spaces.

    ``'ＧＢ／Ｔ　２２６０－２００７'`` and ``'gb /t 2260 — 2007'`` both give ``'GB/T 2260-2007'``.
    Spaces are collapsed and dropped around ``/ - : .``; a missing space stays missing.
    """
    # NFKC again after upper(): a few letters upper-case into decomposed sequences.
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).upper())
    folded = " ".join(folded.translate(_FOLD).split())
    return _SPACED_PUNCT.sub(r"\1", folded)


# --- grammar ---------------------------------------------------------------

_NATURES = {None: "mandatory", "T": "recommended", "Z": "guidance"}
_NATIONAL = frozenset({"GB", "GBJ", "GBZ"})
_ISO_BODIES = frozenset({"ISO", "IEC"})
_CO_PUBLISHERS = frozenset({"IEC", "IEEE", "ASTM", "SAE", "CIE", "HL7"})
_DOC_TYPES = {"TS": "TS", "TR": "TR", "PAS": "PAS", "DIS": "DIS", "FDIS": "FDIS",
              "GUIDE": "Guide"}

# Number, optional year, optional adoption suffix of a Chinese code.
_TAIL = re.compile(r" ?(?P<number>\d+(?:\.\d+)*)(?:-(?P<year>[^/ ]*))?(?:/(?P<adopts>.+))?",
                   re.ASCII)
_CHINESE_HEAD = re.compile(
    r"(?P<head>[A-Z]+)(?:/(?P<mark>[TZ])| (?P<spaced>[TZ])(?= ?\d))?", re.ASCII
)
# 'DB 15-2009' and 'DB 15' are earthquake-sector codes; 'DB15' alone is a local prefix.
_LOCAL_START = re.compile(r"DB(?: ?\d+[/TZ ]|\d+$)", re.ASCII)
_LOCAL_HEAD = re.compile(
    r"DB ?(?P<region>\d+)(?:/(?P<mark>[TZ])?| ?(?P<spaced>[TZ])(?= ?\d))?", re.ASCII
)
_ORG_NO_SPACE = re.compile(r"(?P<issuer>[A-Z0-9]*[A-Z])(?P<tail>\d.*)")
_ORG_ISSUER = re.compile(r"[A-Z0-9]+(?: [A-Z0-9]+)*")
_ISO = re.compile(
    r"(?P<head>(?:ISO|IEC)[A-Z0-9/ ]*?) ?(?P<number>\d+(?:-\d+)*)(?::(?P<year>[^/ ]*))?",
    re.ASCII,
)
_ITU = re.compile(
    r"ITU-(?P<sector>[TRD]) ?(?P<number>[A-Z]{1,3}\.\d+(?:\.\d+)*(?:-\d+)?)"
    r"(?: ?\((?:\d{1,2}/)?(?P<edition>\d+)\)|:(?P<year>[^ ]*))?",
    re.ASCII,
)


@cache
def _sectors() -> frozenset[str]:
    return frozenset(row["code"] for row in read_rows("industry_sectors.csv"))


def _year(token: str | None) -> int | None:
    if token is None:
        return None
    if token.isascii() and token.isdigit():
        if len(token) == 2:
            return 1900 + int(token)
        if len(token) == 4 and 1900 <= int(token) <= 2099:
            return int(token)
    raise CodeError(f"bad year '{token}'")


def _tail(s: str, pos: int) -> tuple[str, int | None, str | None]:
    """Number, year and adopted code that follow a Chinese prefix ending at ``pos``."""
    m = _TAIL.match(s, pos)
    if not m:
        rest = s[pos:].strip()
        raise CodeError(f"bad standard number '{rest}' in '{s}'" if rest
                        else f"missing standard number in '{s}'")
    if m.end() < len(s):
        raise CodeError(f"unexpected text '{s[m.end():].strip()}' after '{s[:m.end()]}'")
    adopts = m["adopts"]
    if adopts is not None:
        try:
            adopts = parse_code(adopts).canonical
        except CodeError as exc:
            raise CodeError(f"bad adopted code '{adopts}': {exc}") from None
    return m["number"], _year(m["year"]), adopts


def _chinese_issuer(head: str) -> tuple[str, str | None] | None:
    """``(level, issuer)`` of a national or industry code letters, or None if unknown."""
    if head in _NATIONAL:
        return "national", None
    if head in _sectors():
        return "industry", head
    if len(head) == 3 and head.endswith("J") and head[:2] in _sectors():
        return "industry", head[:2]
    return None


def _national_or_industry(s: str) -> dict:
    m = _CHINESE_HEAD.match(s)
    if not m:
        raise CodeError(f"no standard prefix in '{s}'")
    head, mark = m["head"], m["mark"] or m["spaced"]
    known = _chinese_issuer(head)
    # 'GBT 2260' and 'JTT 1234' lack the slash before T or Z.
    if known is None and mark is None and head[-1] in "TZ":
        known = _chinese_issuer(head[:-1])
        head, mark = head[:-1], head[-1]
    if known is None:
        raise CodeError(f"unknown prefix '{m['head']}'")
    level, issuer = known
    number, year, adopts = _tail(s, m.end())
    prefix = f"{head}/{mark}" if mark else head
    return dict(level=level, nature=_NATURES[mark], prefix=prefix, issuer=issuer,
                number=number, year=year, adopts=adopts)


def _local(s: str) -> dict:
    m = _LOCAL_HEAD.match(s)
    region, mark = m["region"], m["mark"] or m["spaced"]
    if len(region) == 2:
        if region not in province_codes():
            raise CodeError(f"unknown province code '{region}'")
    elif len(region) == 4:
        if region not in prefecture_codes():
            raise CodeError(f"unknown city code '{region}'")
    else:
        raise CodeError(f"bad region code '{region}': expected 2 (province) or 4 (city) digits")
    number, year, adopts = _tail(s, m.end())
    return dict(level="local", nature=_NATURES[mark], prefix=f"DB{region}/{mark or ''}",
                issuer=region, number=number, year=year, adopts=adopts)


def _group_or_enterprise(s: str) -> dict:
    kind, rest = s[0], s[2:]
    main, slash, adopted = rest.partition("/")
    if " " in main:
        issuer, tail = main.rsplit(" ", 1)
    elif split := _ORG_NO_SPACE.fullmatch(main):
        issuer, tail = split["issuer"], split["tail"]
    else:
        raise CodeError(f"missing standard number in '{s}'")
    if not _ORG_ISSUER.fullmatch(issuer):
        raise CodeError(f"bad {'association' if kind == 'T' else 'enterprise'} code '{issuer}'")
    number, year, adopts = _tail(s, len(s) - len(tail + slash + adopted))
    return dict(level="group" if kind == "T" else "enterprise", nature=None,
                prefix=f"{kind}/{issuer}", issuer=issuer, number=number, year=year,
                adopts=adopts)


def _international(s: str) -> dict:
    m = _ISO.fullmatch(s)
    if not m:
        raise CodeError(f"not an ISO or IEC code: '{s}'")
    head = m["head"].strip()
    *bodies, last = re.split(r"[/ ]", head)
    doc_type = _DOC_TYPES.get(last)
    if doc_type is None:
        bodies.append(last)
    if bodies[0] not in _ISO_BODIES or not _CO_PUBLISHERS.issuperset(bodies[1:]):
        raise CodeError(f"unknown prefix '{head}'")
    issuer = "/".join(bodies)
    if doc_type is None:
        prefix = issuer
    elif issuer == "ISO" and doc_type != "Guide":
        prefix = f"ISO/{doc_type}"  # ISO/TS 16949; joint and IEC codes use a space
    else:
        prefix = f"{issuer} {doc_type}"
    return dict(level="international", nature=None, prefix=prefix, issuer=issuer,
                number=m["number"], year=_year(m["year"]), adopts=None)


def _itu(s: str) -> dict:
    m = _ITU.fullmatch(s)
    if not m:
        raise CodeError(f"not an ITU recommendation: '{s}'")
    sector = f"ITU-{m['sector']}"
    return dict(level="international", nature=None, prefix=sector, issuer=sector,
                number=m["number"], year=_year(m["edition"] or m["year"]), adopts=None)


def parse_code(text: str) -> ParsedCode:
    """Parse one standard code; raise ``CodeError`` saying what is wrong."""
    if not isinstance(text, str):
        raise CodeError(f"expected text, got {type(text).__name__}")
    s = normalize_code_text(text)
    if not s:
        raise CodeError("empty code")
    if s.startswith("ITU-"):
        fields = _itu(s)
    elif s.startswith(("ISO", "IEC")):
        fields = _international(s)
    elif s.startswith(("T/", "Q/")):
        fields = _group_or_enterprise(s)
    elif _LOCAL_START.match(s):
        fields = _local(s)
    else:
        fields = _national_or_industry(s)
    year = fields["year"]
    canonical = f"{fields['prefix']} {fields['number']}"
    if year is not None:
        canonical += f"{':' if fields['level'] == 'international' else '-'}{year}"
    return ParsedCode(input=text, canonical=canonical, **fields)


def parse_many(texts: Iterable[str]) -> list[dict]:
    """``ParsedCode.to_dict()`` per text, or ``{"input": text, "error": message}``."""
    results = []
    for text in texts:
        try:
            results.append(parse_code(text).to_dict())
        except CodeError as exc:
            results.append({"input": text, "error": str(exc)})
    return results
