"""Codes of technical committees (技术委员会编号), checked and written one way.

Pure: no Django. A national committee is ``SAC/TC n`` (全国专业标准化技术委员会), a
national subcommittee ``SAC/TC n/SC m``, a national working group ``SAC/SWG n``; a
provincial one carries its province's two-letter prefix (``ZJ/TC n`` in Zhejiang, as
浙江省专业标准化技术委员会 are numbered), optionally with ``/SC m``. Spacing and case are
forgiven on input; the canonical form is ``SAC/TC 28/SC 1``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CODE = re.compile(r"^(?P<body>[A-Z]{2,3})\s*/\s*(?P<kind>TC|SWG)\s*(?P<number>\d{1,4})"
                   r"(?:\s*/\s*SC\s*(?P<sc>\d{1,4}))?$")
NATIONAL_BODY = "SAC"


class CodeError(ValueError):
    """Text that is not a committee code."""


@dataclass(frozen=True)
class CommitteeCode:
    canonical: str
    level: str  # "national" (SAC) or "provincial" (a province's prefix)


def parse(text: str) -> CommitteeCode:
    match = _CODE.match(" ".join(str(text or "").upper().split()))
    if not match or (match["body"] != NATIONAL_BODY and len(match["body"]) != 2):
        raise CodeError(f"'{text}' is not a committee code: write SAC/TC 28, SAC/TC 28/SC 1, "
                        f"SAC/SWG 5 or a province's, such as ZJ/TC 12")
    canonical = f"{match['body']}/{match['kind']} {int(match['number'])}"
    if match["sc"]:
        canonical += f"/SC {int(match['sc'])}"
    return CommitteeCode(canonical, "national" if match["body"] == NATIONAL_BODY
                         else "provincial")
