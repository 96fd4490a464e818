"""The search index: FTS5 tables on SQLite; keys, GIN index and token counts on PostgreSQL.

Each engine's SQL runs only on that engine; the two models' tables exist on
both (empty on SQLite). See ``stdhub.search.backends`` for how they are used.
"""

import django.db.models.deletion
from django.db import migrations, models

# Unigrams and bigrams of a title key, and of a code key marked 'c:'. The
# tokenizer in Python (stdhub.search.tokenizer) makes the same tokens for queries.
# Its high COST tells the planner to use the GIN index rather than compute tokens
# row by row.
PG_TOKENS = """
CREATE OR REPLACE FUNCTION stdhub_search_tokens(title_key text, code_key text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE COST 1000 AS $$
DECLARE
    tokens text[] := '{}';
    n integer := length(title_key);
    m integer := length(code_key);
BEGIN
    FOR i IN 1..n LOOP
        tokens := tokens || substr(title_key, i, 1);
        IF i < n THEN tokens := tokens || substr(title_key, i, 2); END IF;
    END LOOP;
    FOR i IN 1..m LOOP
        tokens := tokens || ('c:' || substr(code_key, i, 1));
        IF i < m THEN tokens := tokens || ('c:' || substr(code_key, i, 2)); END IF;
    END LOOP;
    RETURN tokens;
END
$$;
"""
PG_DROP_TOKENS = "DROP FUNCTION IF EXISTS stdhub_search_tokens(text, text)"

# TokenCount follows every write to SearchEntry, whoever makes it. Counts are
# locked in token order, and one writer at a time takes them (advisory lock),
# so concurrent transactions cannot deadlock on them. Deleting standards deletes
# their entries.
PG_TRIGGERS = """
CREATE INDEX search_entry_tokens ON search_searchentry
    USING gin (stdhub_search_tokens(title_key, code_key));
CREATE OR REPLACE FUNCTION stdhub_search_count_tokens() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('stdhub.search.token_count'));
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO search_tokencount AS c (token, documents)
        SELECT token, -count(*) FROM (
            SELECT DISTINCT o.standard_id, unnest(stdhub_search_tokens(o.title_key, o.code_key))
            FROM old_rows o) AS t (standard_id, token)
        GROUP BY token ORDER BY token
        ON CONFLICT (token) DO UPDATE SET documents = c.documents + excluded.documents;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO search_tokencount AS c (token, documents)
        SELECT token, count(*) FROM (
            SELECT DISTINCT n.standard_id, unnest(stdhub_search_tokens(n.title_key, n.code_key))
            FROM new_rows n) AS t (standard_id, token)
        GROUP BY token ORDER BY token
        ON CONFLICT (token) DO UPDATE SET documents = c.documents + excluded.documents;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER search_entry_inserted AFTER INSERT ON search_searchentry
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION stdhub_search_count_tokens();
CREATE TRIGGER search_entry_updated AFTER UPDATE ON search_searchentry
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION stdhub_search_count_tokens();
CREATE TRIGGER search_entry_deleted AFTER DELETE ON search_searchentry
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION stdhub_search_count_tokens();
CREATE OR REPLACE FUNCTION stdhub_search_forget_standards() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM search_searchentry WHERE standard_id IN (SELECT id FROM gone);
    RETURN NULL;
END
$$;
CREATE TRIGGER search_standard_deleted AFTER DELETE ON standards_standard
    REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION stdhub_search_forget_standards();
"""
PG_DROP = """
DROP INDEX IF EXISTS search_entry_tokens;
DROP TRIGGER IF EXISTS search_standard_deleted ON standards_standard;
DROP FUNCTION IF EXISTS stdhub_search_forget_standards();
DROP TRIGGER IF EXISTS search_entry_inserted ON search_searchentry;
DROP TRIGGER IF EXISTS search_entry_updated ON search_searchentry;
DROP TRIGGER IF EXISTS search_entry_deleted ON search_searchentry;
DROP FUNCTION IF EXISTS stdhub_search_count_tokens();
"""

# Contentless FTS5 table of hex tokens (rowid = title length << 40 | standard id),
# the keys each row was made from, and a trigger removing both with the standard.
SQLITE_INDEX = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title_uni, title_bi, code_uni, code_bi, number_uni, number_bi, code_exact,
        content='', tokenize='ascii')""",
    """CREATE TABLE search_fts_row (
        standard_id integer PRIMARY KEY,
        fts_rowid integer NOT NULL,
        title_key text NOT NULL,
        code_key text NOT NULL,
        base_key text NOT NULL,
        number_key text NOT NULL,
        number_base text NOT NULL)""",
    """CREATE TRIGGER search_standard_deleted AFTER DELETE ON standards_standard BEGIN
        INSERT INTO search_fts (search_fts, rowid, title_uni, title_bi, code_uni, code_bi,
                                number_uni, number_bi, code_exact)
        SELECT 'delete', fts_rowid,
               stdhub_search_hex_unigrams(title_key, ''), stdhub_search_hex_bigrams(title_key, ''),
               stdhub_search_hex_unigrams(code_key, 'k'), stdhub_search_hex_bigrams(code_key, 'k'),
               stdhub_search_hex_unigrams(number_key, 'n'),
               stdhub_search_hex_bigrams(number_key, 'n'),
               stdhub_search_hex_exact(code_key, base_key, number_key, number_base)
        FROM search_fts_row WHERE standard_id = old.id;
        DELETE FROM search_fts_row WHERE standard_id = old.id;
    END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_standard_deleted",
    "DROP TABLE IF EXISTS search_fts_row",
    "DROP TABLE IF EXISTS search_fts",
]


def _on(vendor, *statements):
    """A RunPython function running ``statements`` on one database engine only."""

    def run(apps, schema_editor):
        if schema_editor.connection.vendor == vendor:
            for sql in statements:
                schema_editor.execute(sql)

    return run



class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('standards', '0001_initial'),
    ]

    operations = [
        migrations.RunPython(_on("postgresql", PG_TOKENS), _on("postgresql", PG_DROP_TOKENS)),
        migrations.CreateModel(
            name='TokenCount',
            fields=[
                ('token', models.TextField(primary_key=True, serialize=False)),
                ('documents', models.BigIntegerField()),
            ],
            options={
                'verbose_name': '词元计数 token count',
                'verbose_name_plural': '词元计数 token counts',
            },
        ),
        migrations.CreateModel(
            name='SearchEntry',
            fields=[
                ('standard', models.OneToOneField(
                    db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING,
                    primary_key=True, related_name='+', serialize=False,
                    to='standards.standard')),
                ('title_key', models.TextField(verbose_name='标题检索键 title key')),
                ('code_key', models.TextField(verbose_name='标准号检索键 code key')),
                ('base_key', models.TextField(
                    verbose_name='不含年号的标准号检索键 code key without year')),
                ('number_key', models.TextField(
                    blank=True, verbose_name='顺序号检索键 number key')),
                ('number_base', models.TextField(
                    blank=True, verbose_name='不含年号的顺序号检索键 number key without year')),
                ('title_len', models.PositiveIntegerField(verbose_name='标题长度 title length')),
            ],
            options={
                'verbose_name': '检索条目 search entry',
                'verbose_name_plural': '检索条目 search entries',
                'indexes': [
                    models.Index(fields=['title_len', 'standard'], name='search_entry_rank'),
                    models.Index(fields=['code_key'], name='search_entry_code',
                                 opclasses=['text_pattern_ops']),
                    models.Index(fields=['base_key'], name='search_entry_base'),
                    models.Index(fields=['number_key'], name='search_entry_number',
                                 opclasses=['text_pattern_ops']),
                    models.Index(fields=['number_base'], name='search_entry_number_base'),
                ],
            },
        ),
        migrations.RunPython(_on("postgresql", PG_TRIGGERS), _on("postgresql", PG_DROP)),
        migrations.RunPython(_on("sqlite", *SQLITE_INDEX), _on("sqlite", *SQLITE_DROP)),
    ]
