"""The code lists a data standard may reference: stdhub's built-in lists plus those in the database.

Database lists are read only when a spec names them, so checking a spec against a
registry with many large lists reads just the lists it uses (one row per version).
"""

from __future__ import annotations

from .engine.builtin_lists import builtin_registry
from .engine.codelists import Code, CodeList, CodeListRegistry
from .models import CodeList as CodeListModel
from .models import CodeListVersion


def builtin_ids() -> set[str]:
    return set(builtin_registry().ids())


def engine_code_list(version: CodeListVersion) -> CodeList:
    """A stored version as the engine's immutable CodeList."""
    codes = tuple(Code(code, name, parent or None) for code, name, parent in version.entries)
    return CodeList(version.code_list.identifier, version.label, codes, version.code_list.title)


class DatabaseCodeLists(CodeListRegistry):
    """Built-in lists, plus database lists loaded on first use by identifier."""

    def __init__(self) -> None:
        super().__init__(builtin_registry())
        self._builtin = set(super().ids())
        self._loaded: set[str] = set()

    def _load(self, list_id: str) -> None:
        if list_id in self._builtin or list_id in self._loaded:
            return
        self._loaded.add(list_id)
        versions = CodeListVersion.objects.filter(code_list__identifier=list_id).select_related(
            "code_list")
        for version in versions:
            self.add(engine_code_list(version))

    def get(self, list_id: str, version: str | None = None) -> CodeList:
        self._load(list_id)
        return super().get(list_id, version)

    def ids(self) -> list[str]:
        stored = CodeListModel.objects.values_list("identifier", flat=True)
        return sorted(self._builtin.union(stored))

    def __contains__(self, list_id: object) -> bool:
        if isinstance(list_id, str):
            self._load(list_id)
        return super().__contains__(list_id)
