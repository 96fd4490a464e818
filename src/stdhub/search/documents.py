"""The kinds of record the search index serves, each with its own tables.

Every kind is searched the same way (``plan``, ``backends``): a record is a
title and a code, folded into ``plan.Keys``; only where its entries are stored
and how its keys are read from its model differ. Standards are registered here;
an app above search registers its own kind when Django starts (projects:
``ProjectsConfig.ready``), so search never imports it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import models

from .plan import Keys


@dataclass(frozen=True)
class Tables:
    """Where one kind's entries live, on each engine."""

    fts: str  # SQLite: the FTS5 table
    fts_row: str  # SQLite: the keys each FTS row was made from
    entry: type[models.Model]  # PostgreSQL: the key side table, GIN-indexed
    counts: type[models.Model]  # PostgreSQL: entries per token
    id_column: str  # the record's id, in both engines' tables (and the entry's attname)
    gin_index: str
    insert_trigger: str


@dataclass(frozen=True)
class Kind:
    """One kind of indexed record: its model, the fields its keys are read from, in
    ``values_list`` order starting with ``pk``, and how they become ``Keys``."""

    name: str
    model: type[models.Model]
    fields: tuple[str, ...]
    keys: Callable[..., Keys]
    tables: Tables


_kinds: dict[str, Kind] = {}


def register(name: str, model: type[models.Model], fields: tuple[str, ...],
             keys: Callable[..., Keys]) -> Kind:
    """Index ``model`` in the tables search keeps for ``name`` (``models.TABLES``)."""
    from .models import TABLES

    if name not in TABLES:
        raise ImproperlyConfigured(f"stdhub.search keeps no index for {name!r}")
    _kinds[name] = registered = Kind(name, model, fields, keys, TABLES[name])
    return registered


def kind(name: str) -> Kind:
    try:
        return _kinds[name]
    except KeyError:
        raise ImproperlyConfigured(f"no search index registered for {name!r}") from None


def kinds() -> list[Kind]:
    return list(_kinds.values())
