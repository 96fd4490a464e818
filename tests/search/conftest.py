"""Standards written straight to the database and indexed, for search tests."""

import random

import pytest

from stdhub.search.indexing import index_standards
from stdhub.standards.codes import parse_code
from stdhub.standards.models import Standard

# Characters titles are drawn from, most common first (Zipf-like), with full-width
# forms, spaces, dashes and ASCII mixed in, so folding and short queries get exercised.
ALPHABET = ("数据规范标准信息安全电子证照政务服务管理技术要求第部分一二三公共目录编码平台"
            "指南接口系统 ＡＢ１２ab12-—（）：/")
PREFIXES = ["GB", "GB/T", "GB/Z", "JT/T", "GA/T", "DB33/T", "DB3301/T", "T/ZZB", "ISO", "ISO/IEC"]


def make_standard(code: str, title: str, **extra) -> Standard:
    parsed = parse_code(code)
    return Standard(code=parsed.canonical, code_base=parsed.base, prefix=parsed.prefix,
                    issuer=parsed.issuer or "", number=parsed.number, year=parsed.year,
                    level=parsed.level, nature=parsed.nature or "", title_zh=title, **extra)


@pytest.fixture
def make_standards(db):
    """``make_standards([(code, title), …])`` → saved, indexed standards, in order."""

    def make(specs, **extra) -> list[Standard]:
        made = Standard.objects.bulk_create([make_standard(c, t, **extra) for c, t in specs])
        index_standards(made)
        return made

    return make


def random_specs(n: int, seed: int) -> list[tuple[str, str]]:
    """``n`` (code, title) pairs: unique codes at every level, skewed random titles."""
    rng = random.Random(seed)
    weights = [1 / (rank + 1) for rank in range(len(ALPHABET))]
    specs, seen = [], set()
    while len(specs) < n:
        prefix = rng.choice(PREFIXES)
        sep = ":" if prefix.startswith("ISO") else "-"
        code = f"{prefix} {rng.randint(1, 30000)}{sep}{rng.randint(1995, 2025)}"
        if code in seen:
            continue
        seen.add(code)
        title = "".join(rng.choices(ALPHABET, weights, k=rng.randint(2, 24))).strip() or "数据"
        specs.append((code, title))
    return specs


@pytest.fixture
def registry(make_standards):
    """3,000 standards with random titles, indexed."""
    return make_standards(random_specs(3000, seed=7))
