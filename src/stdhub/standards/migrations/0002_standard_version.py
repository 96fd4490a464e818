# The version column of no-lost-update edits (see stdhub.core.versions).
#
# On SQLite a plain AddField of a NOT NULL column remakes the table: it copies every
# row (slow for a large registry) and drops the table's triggers (the search index's
# delete trigger among them). SQLite adds such a column with a constant default in
# place, so that is done directly there.

import stdhub.core.versions
from django.db import migrations

FIELD = stdhub.core.versions.VersionField(db_default=1, default=1, editable=False,
                                          verbose_name='版本 version')


def _field(model):
    field = FIELD.clone()
    field.set_attributes_from_name('version')
    field.model = model
    return field


def add_column(apps, schema_editor):
    model = apps.get_model('standards', 'Standard')
    if schema_editor.connection.vendor == 'sqlite':
        schema_editor.execute(
            'ALTER TABLE "standards_standard" ADD COLUMN "version" integer unsigned '
            'NOT NULL DEFAULT 1 CHECK ("version" >= 0)')
    else:
        schema_editor.add_field(model, _field(model))


def drop_column(apps, schema_editor):
    model = apps.get_model('standards', 'Standard')
    schema_editor.remove_field(model, _field(model))


class Migration(migrations.Migration):

    dependencies = [
        ('standards', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.AddField(model_name='standard', name='version',
                                                  field=FIELD.clone())],
            database_operations=[migrations.RunPython(add_column, drop_column)],
        ),
    ]
