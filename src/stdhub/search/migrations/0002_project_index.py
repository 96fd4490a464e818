"""The projects' search index: the same tables, GIN index and triggers as the standards'
(migration 0001), under other names. Projects sit above search, so no trigger follows the
projects table: the projects app removes entries of deleted projects."""

import importlib

from django.db import migrations, models

initial = importlib.import_module("stdhub.search.migrations.0001_initial")

RENAMES = [("search_searchentry", "search_projectentry"),
           ("search_tokencount", "search_projecttokencount"),
           ("stdhub_search_count_tokens", "stdhub_search_count_project_tokens"),
           ("search_entry_", "search_project_"),
           ("search_fts", "search_project_fts"),
           ("standard_id", "document_id")]


def renamed(sql: str) -> str:
    for old, new in RENAMES:
        sql = sql.replace(old, new)
    return sql


# The standards' triggers without the one following the standards table.
PG_TRIGGERS = renamed(initial.PG_TRIGGERS.split(
    "CREATE OR REPLACE FUNCTION stdhub_search_forget_standards")[0])
PG_DROP = renamed("\n".join(line for line in initial.PG_DROP.splitlines()
                            if "standard" not in line))
SQLITE_INDEX = [renamed(sql) for sql in initial.SQLITE_INDEX if "TRIGGER" not in sql]
SQLITE_DROP = [renamed(sql) for sql in initial.SQLITE_DROP if "TRIGGER" not in sql]


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='ProjectTokenCount',
            fields=[
                ('token', models.TextField(primary_key=True, serialize=False)),
                ('documents', models.BigIntegerField()),
            ],
            options={
                'verbose_name': '项目词元计数 project token count',
                'verbose_name_plural': '项目词元计数 project token counts',
            },
        ),
        migrations.CreateModel(
            name='ProjectEntry',
            fields=[
                ('title_key', models.TextField(verbose_name='标题检索键 title key')),
                ('code_key', models.TextField(verbose_name='标准号检索键 code key')),
                ('base_key', models.TextField(verbose_name='不含年号的标准号检索键 code key without year')),
                ('number_key', models.TextField(blank=True, verbose_name='顺序号检索键 number key')),
                ('number_base', models.TextField(blank=True, verbose_name='不含年号的顺序号检索键 number key without year')),
                ('title_len', models.PositiveIntegerField(verbose_name='标题长度 title length')),
                ('document_id', models.BigIntegerField(primary_key=True, serialize=False)),
            ],
            options={
                'verbose_name': '项目检索条目 project search entry',
                'verbose_name_plural': '项目检索条目 project search entries',
                'indexes': [models.Index(fields=['title_len', 'document_id'], name='search_project_rank'), models.Index(fields=['code_key'], name='search_project_code', opclasses=['text_pattern_ops'])],
            },
        ),
        migrations.RunPython(initial._on("postgresql", PG_TRIGGERS),
                             initial._on("postgresql", PG_DROP)),
        migrations.RunPython(initial._on("sqlite", *SQLITE_INDEX),
                             initial._on("sqlite", *SQLITE_DROP)),
    ]
