"""A translators' group per enabled target language; their permissions are granted after every app has
migrated (``translations.roles.ensure_groups``, run on ``post_migrate``)."""

from django.conf import settings
from django.db import migrations

NATIVE = {"ar": "العربية", "ku": "Kurmancî", "en": "English", "ckb": "کوردی"}


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for code in settings.CMS_LANGUAGES[1:]:
        Group.objects.get_or_create(name=f"Translators · {NATIVE.get(code, code)}")


class Migration(migrations.Migration):
    dependencies = [("translations", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
