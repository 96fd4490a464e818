"""查重: the existing standards and active projects whose titles are closest to a new one.

Titles are normalised (NFKC, lower case, punctuation → space, 第N部分 / Part N dropped)
and cut into character 2- and 3-grams. Each title is a TF-IDF vector of its grams,
normalised to length 1 and stored gram by gram (a CSR matrix with one row per gram), so
finding candidates is a sparse dot product: the query's grams' rows, weighted by their
IDF, summed per title with ``numpy.bincount``. Only the best ``CANDIDATES`` are re-scored
with rapidfuzz (plain ratio, and token-sort ratio so that reordered parts still match), in
its C loop. Titles that normalise alike are one row: they score alike.

:class:`TitleIndex` is pure (entries in, dicts out) and takes changes as they come:
``put`` adds a title (a new text is kept apart, in a small table scanned in Python, until
there are ``MERGE_AT`` of them), ``drop`` hides one. :func:`similar` keeps one index per process
and, when a standard or project has changed since (one cheap query), reads only the
changed rows.
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain

import numpy as np
from rapidfuzz import fuzz, process

_PART = re.compile(r"第\s*[0-9一二三四五六七八九十百零〇两]+\s*部分|\bpart\s*[0-9]+\b")
_PUNCT = re.compile(r"[\W_]+")
# Measured at 300,000 standards (benchmarks/projects_bench.py): 600 candidates keep 95 %
# of the exhaustive scan's top 10; re-scoring them in rapidfuzz's C loop costs ~1 ms.
CANDIDATES = 600
# Grams found in more than this share of titles (数据, 规范 …) add little to finding
# candidates and cost the most: they count in a title's length, not in the search.
COMMON_SHARE = 0.2
MERGE_AT = 2000  # titles added since the last build, after which the matrix is rebuilt


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
    pk: int = 0  # the record's id, for ``put`` and ``drop``


class _Matrix:
    """The TF-IDF matrix of a fixed list of titles, gram by gram (CSR), rows normalised."""

    def __init__(self, normalised: list[str]):
        postings: dict[str, list[int]] = defaultdict(list)
        for row, norm in enumerate(normalised):
            for g in grams(norm):
                postings[g].append(row)
        n = max(len(normalised), 1)
        self.size = len(normalised)
        self.idf = {g: math.log(1 + n / len(rows)) for g, rows in postings.items()}
        self.default_idf = math.log(1 + n)  # a gram no title has
        common = max(int(n * COMMON_SHARE), 50)
        # Every gram's rows, the rare grams first: all count in a title's length, only the
        # rare ones are kept for lookups.
        ordered = sorted(postings, key=lambda g: len(postings[g]) > common)
        lengths = np.fromiter((len(postings[g]) for g in ordered), dtype=np.int64,
                              count=len(ordered))
        indptr = np.zeros(len(ordered) + 1, dtype=np.int64)
        np.cumsum(lengths, out=indptr[1:])
        titles = np.fromiter(chain.from_iterable(postings[g] for g in ordered), dtype=np.int32,
                             count=int(indptr[-1]))
        idf = np.repeat(np.fromiter((self.idf[g] for g in ordered), dtype=np.float32,
                                    count=len(ordered)), lengths)
        norms = np.sqrt(np.bincount(titles, weights=idf * idf, minlength=self.size))
        norms[norms == 0] = 1
        rare = sum(1 for g in ordered if len(postings[g]) <= common)
        self.gram_row = {g: i for i, g in enumerate(ordered[:rare])}
        self.indptr = indptr[:rare + 1]
        self.titles = titles[:indptr[rare]]
        self.weights = (idf[:indptr[rare]] / norms[self.titles]).astype(np.float32)

    def scores(self, query_grams: Iterable[str]) -> tuple[np.ndarray, np.ndarray, int] | None:
        """Cosine similarity (up to the query's own length) of every title, the rows that
        share a gram with the query (with repeats) and how many grams were looked up;
        None if the query has no gram rare enough to be looked up."""
        slices = [(self.gram_row[g], self.idf[g]) for g in query_grams if g in self.gram_row]
        if not slices:
            return None
        parts = [slice(self.indptr[i], self.indptr[i + 1]) for i, _ in slices]
        titles = np.concatenate([self.titles[p] for p in parts])
        weights = np.concatenate([self.weights[p] * w for p, (_, w) in zip(parts, slices,
                                                                          strict=True)])
        return np.bincount(titles, weights=weights, minlength=self.size), titles, len(slices)


class TitleIndex:
    """Titles grouped by their normalised text: registries repeat titles (editions, parts,
    the same subject in many provinces), and copies score alike, so the matrix holds each
    text once and a text's entries come out together, oldest first."""

    def __init__(self, entries: Iterable[Entry]):
        self._build(list(entries))

    def _build(self, entries: list[Entry]) -> None:
        self.entries: list[Entry] = []
        self.texts: list[str] = []  # distinct normalised titles
        self.bare: list[str] = []  # the same without spaces
        self.text_of: dict[str, int] = {}
        self.members: list[list[int]] = []  # entry rows per text
        self.rows: dict[tuple[str, int], int] = {}  # (kind, pk) -> entry row
        self.added: dict[str, list[int]] = defaultdict(list)  # gram -> texts past the matrix
        self.matrix = None
        self._arrays: tuple[np.ndarray, np.ndarray] | None = None
        for entry in entries:
            self._add(entry)
        self.matrix = _Matrix(self.texts)
        self.added.clear()
        self.dead_rows = np.zeros(0, dtype=np.int64)  # texts of the matrix left with no entry

    def __len__(self):
        return len(self.rows)

    def _add(self, entry: Entry) -> None:
        row = len(self.entries)
        self.entries.append(entry)
        self.rows[(entry.kind, entry.pk)] = row
        norm = normalise(entry.title)
        text = self.text_of.get(norm)
        if text is None:
            text = self.text_of[norm] = len(self.texts)
            self.texts.append(norm)
            self.bare.append(norm.replace(" ", ""))
            self.members.append([])
            if self.matrix is not None:
                for g in grams(norm):
                    self.added[g].append(text)
        self.members[text].append(row)

    # --- changes -------------------------------------------------------------

    def put(self, entry: Entry) -> None:
        """Add ``entry``, or replace the entry of the same record."""
        row = self.rows.get((entry.kind, entry.pk))
        if row is not None and self.entries[row] == entry:
            return
        self.drop(entry.kind, entry.pk)
        self._add(entry)
        if len(self.texts) - self.matrix.size >= MERGE_AT:
            self.compact()
        else:
            self._revive(self.text_of[normalise(entry.title)])

    def drop(self, kind: str, pk: int) -> None:
        row = self.rows.pop((kind, pk), None)
        if row is None:
            return
        text = self.text_of[normalise(self.entries[row].title)]
        self.members[text].remove(row)
        if not self.members[text] and text < self.matrix.size:
            self.dead_rows = np.append(self.dead_rows, text)

    def _revive(self, text: int) -> None:
        if text < self.matrix.size and text in self.dead_rows:
            self.dead_rows = self.dead_rows[self.dead_rows != text]

    def compact(self) -> None:
        """Rebuild the matrix from the live entries (after many changes)."""
        self._build([self.entries[row] for row in sorted(self.rows.values())])

    # --- search --------------------------------------------------------------

    def search(self, title: str, limit: int = 10) -> list[dict]:
        norm = normalise(title)
        if not norm:
            return []
        query = grams(norm)
        texts = self._shortlist(query)
        if not len(texts):
            texts = np.asarray(self._common_candidates(norm), dtype=np.int64)
        if not len(texts):
            return []
        spaced, bare = self._strings()
        plain = process.cdist([norm.replace(" ", "")], bare[texts], scorer=fuzz.ratio,
                              dtype=np.float64)[0]
        reordered = process.cdist([norm], spaced[texts], scorer=fuzz.token_sort_ratio,
                                  dtype=np.float64)[0]
        scores = np.maximum(plain, reordered) / 100
        out = []
        for i in np.lexsort((texts, -scores)):
            score, text = float(scores[i]), int(texts[i])
            for row in self.members[text]:
                e = self.entries[row]
                out.append({"kind": e.kind, "code": e.code, "title": e.title,
                            "score": round(score, 4)})
            if len(out) >= limit:
                break
        return out[:limit]

    def _strings(self) -> tuple[np.ndarray, np.ndarray]:
        """The texts, with and without spaces, as arrays to pick candidates from at once."""
        if self._arrays is None or len(self._arrays[0]) != len(self.texts):
            self._arrays = (np.array(self.texts, dtype=object),
                            np.array(self.bare, dtype=object))
        return self._arrays

    def _shortlist(self, query: set[str]) -> np.ndarray:
        """The ``CANDIDATES`` live texts sharing the most TF-IDF weight with ``query``."""
        m = self.matrix
        found: dict[int, float] = {}
        looked_up = m.scores(query)
        if looked_up is not None:
            scores, rows, grams_used = looked_up
            scores[self.dead_rows] = 0
            # Select among the rows found, not among every title: most scores are 0, and a
            # selection over many equal values is slow (16 ms instead of 1 at 250,000
            # titles). A row is repeated once per gram it shares, so taking that many
            # times the candidates keeps at least the candidates' worth of distinct rows.
            pick = CANDIDATES * grams_used
            if len(rows) > pick:
                rows = rows[np.argpartition(scores[rows], -pick)[-pick:]]
            rows = np.unique(rows)
            rows = rows[scores[rows] > 0]
            if len(rows) > CANDIDATES:
                rows = rows[np.argpartition(scores[rows], -CANDIDATES)[-CANDIDATES:]]
            if not self.added:
                return rows
            found = {int(r): float(scores[r]) for r in rows}
        if self.added:  # texts added since the build, few: scored the same way in Python
            extra: dict[int, float] = defaultdict(float)
            for g in query:
                idf = m.idf.get(g, m.default_idf)
                for text in self.added.get(g, ()):
                    if self.members[text]:
                        extra[text] += idf * idf
            for text, weight in extra.items():
                length = math.sqrt(sum(m.idf.get(g, m.default_idf) ** 2
                                       for g in grams(self.texts[text])))
                found[text] = weight / length
        return np.asarray(sorted(found, key=found.__getitem__, reverse=True)[:CANDIDATES],
                          dtype=np.int64)

    def _common_candidates(self, norm: str) -> list[int]:
        bare = norm.replace(" ", "")
        return [text for text, other in enumerate(self.bare)
                if self.members[text] and bare in other][:CANDIDATES]


# ---------------------------------------------------------------- from the database

_lock = threading.Lock()


@dataclass
class _Cached:
    index: TitleIndex
    signature: tuple
    since: tuple  # (standards, projects) updated_at high-water marks already read
    totals: dict[str, int]  # rows of each kind, live or not, when last read
    last_pk: dict[str, int]  # the highest id of each kind seen


_cached: _Cached | None = None


def _signature() -> tuple:
    """Latest change of standards and projects, and the audit chain's head: each a lookup
    in an index, cheap enough to ask before every search."""
    from django.db.models import Max

    from stdhub.core.models import ChainHead
    from stdhub.standards.models import Standard

    from .models import Project

    return (Standard.objects.aggregate(t=Max("updated_at"))["t"],
            Project.objects.aggregate(t=Max("updated_at"))["t"],
            ChainHead.objects.aggregate(seq=Max("seq"))["seq"])


def _rows(since: tuple | None):
    """``(entry, live)`` for every standard and project changed since ``since`` (all when
    None); ``live`` is false for those 查重 leaves out (superseded, withdrawn, ended)."""
    from stdhub.standards.choices import Status
    from stdhub.standards.models import Standard

    from .models import Project
    from .stages import ACTIVE, Sub

    standards = Standard.objects.order_by("pk").values_list("pk", "code", "title_zh", "status")
    projects = Project.objects.order_by("pk").values_list("pk", "plan_number", "title", "stage",
                                                          "substate")
    if since is not None:
        standards = standards.filter(updated_at__gte=since[0]) if since[0] else standards
        projects = projects.filter(updated_at__gte=since[1]) if since[1] else projects
    gone = (Status.SUPERSEDED, Status.WITHDRAWN)
    for pk, code, title, status in standards.iterator(chunk_size=10_000):
        yield Entry("standard", code, title, pk), status not in gone
    for pk, code, title, stage, sub in projects.iterator(chunk_size=10_000):
        yield Entry("project", code, title, pk), stage in ACTIVE and sub != Sub.CANCELLED


def _totals() -> dict[str, int]:
    """Rows of each kind, live or not (a count over the smallest index)."""
    from stdhub.standards.models import Standard

    from .models import Project

    return {"standard": Standard.objects.count(), "project": Project.objects.count()}


def _load(signature: tuple) -> _Cached:
    totals = _totals()
    rows = list(_rows(None))
    last_pk = {kind: max((e.pk for e, _ in rows if e.kind == kind), default=0)
               for kind in totals}
    index = TitleIndex(entry for entry, live in rows if live)
    return _Cached(index, signature, signature[:2], totals, last_pk)


def _refresh(cached: _Cached, signature: tuple) -> _Cached:
    """Apply the rows changed since the last look. A deletion leaves no changed row
    behind: when the rows of a kind are fewer than those known plus those created since,
    everything is read again."""
    index, last_pk = cached.index, dict(cached.last_pk)
    expected = dict(cached.totals)
    for entry, live in _rows(cached.since):
        if entry.pk > last_pk[entry.kind]:
            expected[entry.kind] += 1
        if live:
            index.put(entry)
        else:
            index.drop(entry.kind, entry.pk)
        last_pk[entry.kind] = max(last_pk[entry.kind], entry.pk)
    totals = _totals()
    if totals != expected:
        return _load(signature)
    return _Cached(index, signature, signature[:2], totals, last_pk)


def index() -> TitleIndex:
    """The index over the current registry and projects, brought up to date when either
    has changed."""
    global _cached
    with _lock:
        signature = _signature()
        if _cached is None:
            _cached = _load(signature)
        elif _cached.signature != signature:
            _cached = _refresh(_cached, signature)
        return _cached.index


def similar(title: str, limit: int = 10) -> list[dict]:
    return index().search(title, limit)
