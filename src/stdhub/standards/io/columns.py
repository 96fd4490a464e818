"""The column headings people use for standards, mapped to the fields of ``clean_standard``.

Headings are matched after NFKC folding, lower-casing and removing spaces,
underscores and a trailing ``*`` (required marker), so ``ＩＣＳ 分类号``,
``English Title`` and ``title_en`` all find their field. A trailing
parenthesised note (``发布日期(YYYY-MM-DD)``) is ignored when the whole heading
is not known.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# field → headings (the first is the one exported); Chinese first, then English.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "code": ("标准号", "标准编号", "标准代号", "标准号码", "code", "standard code",
             "standard no", "standard number"),
    "title_zh": ("标准名称", "中文名称", "标准中文名称", "名称", "title", "title_zh",
                 "chinese title", "name"),
    "title_en": ("英文名称", "标准英文名称", "English title", "title_en", "English name"),
    "issued_on": ("发布日期", "发布时间", "issued", "issued_on", "issue date", "date of issue",
                  "publication date"),
    "effective_on": ("实施日期", "实施时间", "effective", "effective_on", "effective date",
                     "implementation date"),
    "withdrawn_on": ("废止日期", "作废日期", "withdrawn", "withdrawn_on", "withdrawal date"),
    "status": ("状态", "标准状态", "status"),
    "ics": ("ICS", "ICS分类号", "ICS号", "ICS分类", "ICS code"),
    "ccs": ("CCS", "中标分类", "中标分类号", "CCS分类号", "中国标准文献分类号", "CCS code"),
    "responsible_org": ("归口单位", "主管部门", "归口部门", "技术归口单位",
                        "responsible organization", "responsible_org"),
    "drafting_orgs": ("起草单位", "主要起草单位", "drafting organizations", "drafting_orgs",
                      "drafters"),
    "issuing_body": ("发布单位", "发布部门", "发布机构", "issuing body", "issuing_body",
                     "issued by"),
    # On a standard's row, 被代替标准 names the standards it replaces (as on openstd.samr.gov.cn).
    "replaces": ("代替标准", "被代替标准", "替代标准", "代替", "replaces", "supersedes"),
    "adopted_code": ("采用国际标准", "采用国际标准号", "采标号", "采标", "adopted",
                     "adopted standard", "adopted_code"),
    "adoption": ("采用程度", "采标程度", "一致性程度", "adoption", "adoption degree",
                 "degree of correspondence"),
    "scope": ("适用范围", "范围", "scope"),
    "last_reviewed_on": ("复审日期", "最近复审日期", "last reviewed", "last_reviewed_on"),
}
REQUIRED = ("code", "title_zh")

# Columns the export writes that are derived from the code or the dates; an
# import accepts and ignores them, so an exported file imports back unchanged.
DERIVED: dict[str, tuple[str, ...]] = {
    "row_number": ("序号", "No.", "#"),
    "level": ("层级", "标准层级", "level"),
    "nature": ("性质", "标准性质", "nature"),
    "review_due_on": ("复审到期", "复审到期日", "review due", "review_due_on"),
}

_NOTE = re.compile(r"[(\[].*[)\]]$")
_NOISE = re.compile(r"[\s_\-*.:]+")


def heading_key(text: str) -> str:
    """The comparable form of a heading (``'ＩＣＳ 分类号'`` → ``'ics分类号'``)."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", str(text)).casefold())


def _index(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {heading_key(h): name for name, headings in table.items() for h in headings}


_FIELDS = _index(SYNONYMS)
_DERIVED = _index(DERIVED)


def _lookup(heading: str, index: dict[str, str]) -> str | None:
    key = heading_key(heading)
    if key in index:
        return index[key]
    folded = unicodedata.normalize("NFKC", str(heading)).strip()
    return index.get(heading_key(_NOTE.sub("", folded))) if _NOTE.search(folded) else None


@dataclass(frozen=True)
class ColumnMap:
    """Which file column feeds which field; ``headings[field]`` is the heading as written."""

    positions: dict[str, int]
    headings: dict[str, str]

    def heading_of(self, name: str) -> str:
        """The heading to name in an error about ``name`` (its customary one if absent)."""
        return self.headings.get(name) or SYNONYMS.get(name, (name,))[0]


class HeadingError(ValueError):
    """The heading row cannot be used; ``problems`` holds every (column heading, message)."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__("; ".join(message for _, message in problems))
        self.problems = problems


def known_headings() -> str:
    """A readable list of accepted headings, for error messages and ``--help``."""
    return "; ".join(" / ".join(headings) for headings in SYNONYMS.values())


def map_headings(headings: list[str]) -> ColumnMap:
    """Map a heading row to fields; raise HeadingError naming every unknown or missing heading."""
    positions: dict[str, int] = {}
    written: dict[str, str] = {}
    problems: list[tuple[str, str]] = []
    for pos, heading in enumerate(headings):
        if not heading:
            continue  # an unnamed (usually empty) column
        name = _lookup(heading, _FIELDS)
        if name is None:
            if _lookup(heading, _DERIVED) is None:
                problems.append((heading, f"unknown column heading '{heading}'; "
                                          f"known headings: {known_headings()}"))
            continue
        if name in positions:
            problems.append((heading, f"columns '{written[name]}' and '{heading}' "
                                      f"both give {SYNONYMS[name][0]} ({name})"))
            continue
        positions[name], written[name] = pos, heading
    for name in REQUIRED:
        if name not in positions:
            problems.append((SYNONYMS[name][0],
                             f"required column {SYNONYMS[name][0]} ({name}) is missing"))
    if problems:
        raise HeadingError(problems)
    return ColumnMap(positions, written)
