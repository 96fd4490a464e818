"""Projects in the search index: the same exact Chinese search as the registry's.

A project is found by its title or its plan number (the plan number stands where
a standard's code does). The services index a project when it is proposed,
edited or moved (a move may assign the plan number); deleting a project takes
its entry out (a signal: search sits below projects, so no trigger can).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet
from django.db.models.signals import post_delete

from stdhub.search import documents, indexing, queries

from .models import Project

KIND = "projects"
FIELDS = ("pk", "title", "plan_number")


def register() -> None:
    documents.register(KIND, Project, FIELDS, indexing.plain_keys)
    post_delete.connect(_forget, sender=Project, dispatch_uid="stdhub.projects.text_index")


def index_projects(projects: Iterable[Project]) -> None:
    indexing.index_records(KIND, projects)


def matching(query: str, queryset: QuerySet[Project]) -> QuerySet[Project]:
    """The projects of ``queryset`` whose title or plan number contains ``query`` (folded)."""
    return queryset.filter(pk__in=queries.matching_ids(KIND, query))


def _forget(sender, instance: Project, **kwargs) -> None:
    indexing.remove_records(KIND, [instance.pk])
