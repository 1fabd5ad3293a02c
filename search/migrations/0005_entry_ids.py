"""Entries already indexed take the ids ``search.models.entry_id`` gives new ones (date, page, language),
which SQLite's search reads newest first; the old ids were a counter."""

from django.db import migrations

from search.models import entry_id


def rekey(apps, schema_editor):
    rekey_entries(apps.get_model("cms_search", "SearchEntry"), schema_editor.connection)


def rekey_entries(entry, connection):
    rows = list(entry.objects.values_list("id", "date", "page_id", "lang"))
    table = connection.ops.quote_name(entry._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET id = -id")  # out of the way of the new ids first
        cursor.executemany(
            f"UPDATE {table} SET id = %s WHERE id = %s",
            [(entry_id(date, page_id, lang), -pk) for pk, date, page_id, lang in rows],
        )


class Migration(migrations.Migration):
    dependencies = [("cms_search", "0004_gin_indexes")]

    operations = [migrations.RunPython(rekey, migrations.RunPython.noop)]
