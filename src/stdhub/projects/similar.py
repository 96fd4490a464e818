"""查重: the existing standards and active projects whose titles are closest to a new one.

Titles are normalised (NFKC, lower case, punctuation → space, 第N部分 / Part N dropped),
cut into character 2- and 3-grams and indexed with TF-IDF weights; the candidates sharing
the most weight are re-scored with rapidfuzz (plain ratio, and token-sort ratio so that
reordered parts still match) and the best returned with a score from 0 to 1.

:class:`TitleIndex` is pure (plain tuples in, dicts out); :func:`similar` builds it from
the database once and keeps it until a standard or project is added or changed.
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

_PART = re.compile(r"第\s*[0-9一二三四五六七八九十百零〇两]+\s*部分|\bpart\s*[0-9]+\b")
_PUNCT = re.compile(r"[\W_]+")
CANDIDATES = 60
# Grams found in more than this share of titles (数据, 规范 …) add nothing to finding
# candidates and cost the most: they are left to the re-score.
COMMON_SHARE = 0.05


def normalise(title: str) -> str:
    """Folded title with single spaces between its parts."""
    text = unicodedata.normalize("NFKC", title or "").lower()
    text = _PART.sub(" ", text)
    return " ".join(_PUNCT.sub(" ", text).split())


def grams(normalised: str) -> set[str]:
    text = normalised.replace(" ", "")
    out = {text[i:i + 2] for i in range(len(text) - 1)}
    out |= {text[i:i + 3] for i in range(len(text) - 2)}
    return out or ({text} if text else set())


@dataclass(frozen=True)
class Entry:
    kind: str   # "standard" | "project"
    code: str   # the standard's code, or the project's plan number
    title: str


class TitleIndex:
    def __init__(self, entries: Iterable[Entry]):
        self.entries: list[Entry] = []
        self.normalised: list[str] = []
        postings: dict[str, list[int]] = defaultdict(list)
        for entry in entries:
            key = len(self.entries)
            norm = normalise(entry.title)
            self.entries.append(entry)
            self.normalised.append(norm)
            for g in grams(norm):
                postings[g].append(key)
        n = max(len(self.entries), 1)
        common = max(int(n * COMMON_SHARE), 50)
        self.idf = {g: math.log(1 + n / len(keys)) for g, keys in postings.items()}
        self.postings = {g: keys for g, keys in postings.items() if len(keys) <= common}

    def __len__(self):
        return len(self.entries)

    def search(self, title: str, limit: int = 10) -> list[dict]:
        norm = normalise(title)
        if not norm:
            return []
        weights: dict[int, float] = defaultdict(float)
        for g in grams(norm):
            for key in self.postings.get(g, ()):
                weights[key] += self.idf[g]
        shortlist = sorted(weights, key=weights.__getitem__, reverse=True)[:CANDIDATES]
        if not shortlist:  # every gram is common: fall back to the common ones' owners
            shortlist = self._common_candidates(norm)
        scored = []
        bare = norm.replace(" ", "")
        for key in shortlist:
            other = self.normalised[key]
            score = max(fuzz.ratio(bare, other.replace(" ", "")),
                        fuzz.token_sort_ratio(norm, other)) / 100
            scored.append((score, key))
        scored.sort(key=lambda item: (-item[0], item[1]))
        return [{"kind": self.entries[k].kind, "code": self.entries[k].code,
                 "title": self.entries[k].title, "score": round(s, 4)}
                for s, k in scored[:limit]]

    def _common_candidates(self, norm: str) -> list[int]:
        bare = norm.replace(" ", "")
        return [k for k, other in enumerate(self.normalised) if bare in other.replace(" ", "")][
            :CANDIDATES]


# ---------------------------------------------------------------- from the database

_lock = threading.Lock()
_cached: tuple[tuple, TitleIndex] | None = None


def _signature() -> tuple:
    from django.db.models import Count, Max

    from stdhub.standards.models import Standard

    from .models import Project

    return (tuple(Standard.objects.aggregate(n=Count("pk"), t=Max("updated_at")).values()),
            tuple(Project.objects.aggregate(n=Count("pk"), t=Max("updated_at")).values()))


def _load() -> TitleIndex:
    from stdhub.standards.choices import Status
    from stdhub.standards.models import Standard

    from .models import Project
    from .stages import ACTIVE, Sub

    standards = (Standard.objects.exclude(status__in=[Status.SUPERSEDED, Status.WITHDRAWN])
                 .order_by("pk").values_list("code", "title_zh"))
    projects = (Project.objects.filter(stage__in=ACTIVE).exclude(substate=Sub.CANCELLED)
                .order_by("pk").values_list("plan_number", "title"))
    return TitleIndex([*(Entry("standard", c, t) for c, t in standards.iterator()),
                       *(Entry("project", c, t) for c, t in projects.iterator())])


def index() -> TitleIndex:
    """The index over the current registry and projects, rebuilt when either changes."""
    global _cached
    signature = _signature()
    with _lock:
        if _cached is None or _cached[0] != signature:
            _cached = (signature, _load())
        return _cached[1]


def similar(title: str, limit: int = 10) -> list[dict]:
    return index().search(title, limit)
