from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


def _register_sqlite_functions(sender, connection, **kwargs):
    """The SQLite index's delete trigger recomputes tokens with these Python functions."""
    if connection.vendor != "sqlite":
        return
    from .backends.sqlite import SQL_FUNCTIONS

    for name, (arity, function) in SQL_FUNCTIONS.items():
        connection.connection.create_function(name, arity, function, deterministic=True)


class SearchConfig(AppConfig):
    name = "stdhub.search"
    label = "search"
    verbose_name = _("检索 Search")

    def ready(self):
        from stdhub.standards import text_search
        from stdhub.standards.models import Standard

        from . import documents
        from .indexing import KEY_FIELDS, index_standards, keys_of
        from .queries import matching_ids_queryset, search_standards

        connection_created.connect(_register_sqlite_functions,
                                   dispatch_uid="stdhub.search.sqlite_functions")
        documents.register("standards", Standard, KEY_FIELDS, keys_of)
        # standards sits below search and reaches the index through this port
        text_search.provide(text_search.Provider(index_standards, search_standards,
                                                 matching_ids_queryset))
