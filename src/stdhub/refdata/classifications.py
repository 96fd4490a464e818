"""The two standard classification schemes: ICS and CCS (中国标准文献分类法).

Rows come from ``data/ics.csv`` and ``data/ccs.csv``; each file names its public
source in its ``#`` lines (see ``stdhub.refdata.source_of``).

ICS codes have three levels: field ``35``, group ``35.240``, sub-group
``35.240.01``. CCS codes are a letter (一级类目, ``L``), a range of 二级类目
(``L70/84``) or a 二级类目 code (``L70``); a code's parent is its range and a
range's parent is its letter.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from stdhub.refdata import read_rows

ICS_FILE = "ics.csv"
CCS_FILE = "ccs.csv"


@dataclass(frozen=True)
class ICSClass:
    code: str
    name_zh: str  # empty where no public Chinese name is known
    name_en: str
    parent: str | None

    @property
    def name(self) -> str:
        """The Chinese name, or the English one where there is no Chinese name."""
        return self.name_zh or self.name_en


@dataclass(frozen=True)
class CCSClass:
    code: str
    name_zh: str
    parent: str | None


@cache
def ics_classes() -> tuple[ICSClass, ...]:
    return tuple(
        ICSClass(row["code"], row["name_zh"], row["name_en"], row["parent"] or None)
        for row in read_rows(ICS_FILE)
    )


@cache
def ccs_classes() -> tuple[CCSClass, ...]:
    return tuple(
        CCSClass(row["code"], row["name_zh"], row["parent"] or None) for row in read_rows(CCS_FILE)
    )


@cache
def _ics_by_code() -> dict[str, ICSClass]:
    return {c.code: c for c in ics_classes()}


@cache
def _ccs_by_code() -> dict[str, CCSClass]:
    return {c.code: c for c in ccs_classes()}


def ics_name(code: str) -> str | None:
    """Name of an ICS class (Chinese, else English); None if the code is not in the table.

    ``code`` is normalized first, so a malformed code raises ``ValueError``.
    """
    found = _ics_by_code().get(normalize_ics(code))
    return found.name if found else None


def ccs_name(code: str) -> str | None:
    """Chinese name of a CCS class; None if the code is not in the table.

    ``code`` is normalized first, so a malformed code raises ``ValueError``.
    """
    found = _ccs_by_code().get(normalize_ccs(code))
    return found.name_zh if found else None


_ICS_PREFIX = re.compile(r"^ICS[\s:]*", re.IGNORECASE)
_ICS_PART_LENGTHS = (2, 3, 2)  # field, group, sub-group


def normalize_ics(text: str) -> str:
    """Canonical ICS code: ``'35'``, ``'35.240'`` or ``'35.240.01'``.

    Accepts full-width characters, an ``ICS`` prefix and spaces instead of dots
    (``'ICS 35 240 01'``). Each part must have its full number of digits
    (2, 3, 2): ``'35.240.1'`` is rejected rather than guessed.
    """
    cleaned = _ICS_PREFIX.sub("", unicodedata.normalize("NFKC", text).strip())
    parts = re.split(r"\s*\.\s*|\s+", cleaned)
    if not cleaned or len(parts) > 3:
        raise ValueError(f"not an ICS code: {text!r} (expected e.g. 35, 35.240 or 35.240.01)")
    for part, length in zip(parts, _ICS_PART_LENGTHS, strict=False):
        if not (part.isascii() and part.isdigit() and len(part) == length):
            raise ValueError(
                f"not an ICS code: {text!r} (expected e.g. 35, 35.240 or 35.240.01; "
                f"{part!r} should be {length} digits)"
            )
    return ".".join(parts)


# The 24 CCS letters: A-Z without I and O.
_CCS_CODE = re.compile(r"[A-HJ-NP-Z](?:\d\d(?:/\d\d)?)?")


def normalize_ccs(text: str) -> str:
    """Canonical CCS code: a letter ``'L'``, a code ``'L70'`` or a range ``'L70/84'``.

    Accepts lower case, full-width characters and spaces (``'ｌ ７０'`` → ``'L70'``).
    """
    cleaned = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).upper()
    if not _CCS_CODE.fullmatch(cleaned):
        raise ValueError(
            f"not a CCS code: {text!r} (expected a letter A-Z other than I and O, "
            "optionally followed by two digits or a range, e.g. L, L70 or L70/84)"
        )
    if "/" in cleaned and cleaned[1:3] > cleaned[4:6]:
        raise ValueError(f"not a CCS range: {text!r} (the range is reversed)")
    return cleaned
