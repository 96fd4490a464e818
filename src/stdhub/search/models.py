"""The search index's tables on PostgreSQL.

``SearchEntry`` is a narrow 1:1 side table of folded keys. Its GIN index
(created by migration 0001, PostgreSQL only) is on the expression
``stdhub_search_tokens(title_key, code_key)`` (unigrams and bigrams, code ones
marked ``c:``), so the tokens live in the index alone and a recheck of
``title_key LIKE …`` reads a heap five times smaller than one that also stores
them. ``TokenCount`` holds how many entries carry each token, kept by triggers
on ``SearchEntry``, so counting a one- or two-character query's matches costs
one row however common the term is.

On SQLite the index is an FTS5 table managed by ``backends.sqlite`` (Django has
no model for virtual tables); these two tables exist there too, empty, so that
every model has a table (``dumpdata`` and ``flush`` go through all of them).
"""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Func
from django.utils.translation import gettext_lazy as _

from stdhub.standards.models import Standard

from .documents import Tables

CODE_MARK = "c:"  # prefix of code tokens; title tokens have one or two characters


def tokens_expression() -> Func:
    """The indexed expression: every token of an entry (SQL function from the migration)."""
    return Func(F("title_key"), F("code_key"), function="stdhub_search_tokens",
                output_field=ArrayField(models.TextField()))


class EntryKeys(models.Model):
    """The folded keys of one indexed record (``plan.Keys``), as each kind's entry holds them."""

    title_key = models.TextField(_("标题检索键 title key"))
    code_key = models.TextField(_("标准号检索键 code key"))
    base_key = models.TextField(_("不含年号的标准号检索键 code key without year"))
    number_key = models.TextField(_("顺序号检索键 number key"), blank=True)
    number_base = models.TextField(_("不含年号的顺序号检索键 number key without year"),
                                   blank=True)
    title_len = models.PositiveIntegerField(_("标题长度 title length"))

    class Meta:
        abstract = True

    def __str__(self):
        return self.code_key


class SearchEntry(EntryKeys):
    # Not a cascade: a trigger on the standards table deletes entries with their
    # standard, however it is deleted, and keeps the token counts right.
    standard = models.OneToOneField(Standard, primary_key=True, on_delete=models.DO_NOTHING,
                                    db_constraint=False, related_name="+")

    class Meta:
        verbose_name = _("检索条目 search entry")
        verbose_name_plural = _("检索条目 search entries")
        indexes = [
            models.Index(fields=["title_len", "standard"], name="search_entry_rank"),
            models.Index(fields=["code_key"], opclasses=["text_pattern_ops"],
                         name="search_entry_code"),
            models.Index(fields=["base_key"], name="search_entry_base"),
            models.Index(fields=["number_key"], opclasses=["text_pattern_ops"],
                         name="search_entry_number"),
            models.Index(fields=["number_base"], name="search_entry_number_base"),
        ]


class TokenCountBase(models.Model):
    token = models.TextField(primary_key=True)
    documents = models.BigIntegerField()

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.token}: {self.documents}"


class TokenCount(TokenCountBase):
    class Meta:
        verbose_name = _("词元计数 token count")
        verbose_name_plural = _("词元计数 token counts")


class ProjectEntry(EntryKeys):
    """A project's keys (title; plan number as its code). Projects sit above search, so the
    id is a plain column: the projects app removes entries when a project is deleted."""

    document_id = models.BigIntegerField(primary_key=True)

    class Meta:
        verbose_name = _("项目检索条目 project search entry")
        verbose_name_plural = _("项目检索条目 project search entries")
        indexes = [
            models.Index(fields=["title_len", "document_id"], name="search_project_rank"),
            models.Index(fields=["code_key"], opclasses=["text_pattern_ops"],
                         name="search_project_code"),
        ]


class ProjectTokenCount(TokenCountBase):
    class Meta:
        verbose_name = _("项目词元计数 project token count")
        verbose_name_plural = _("项目词元计数 project token counts")


# Each kind's tables (migration 0001 made the standards' ones, 0002 the projects').
TABLES = {
    "standards": Tables("search_fts", "search_fts_row", SearchEntry, TokenCount, "standard_id",
                        gin_index="search_entry_tokens", insert_trigger="search_entry_inserted"),
    "projects": Tables("search_project_fts", "search_project_fts_row", ProjectEntry,
                       ProjectTokenCount, "document_id", gin_index="search_project_tokens",
                       insert_trigger="search_project_inserted"),
}
