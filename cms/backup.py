"""Backups that restore to the same site: the JSON serializer ``dumpdata``/``loaddata`` use, and what a
backup leaves out.

Registered as the ``json`` serialization format (``SERIALIZATION_MODULES``), so a plain
``manage.py dumpdata`` benefits too:

- Timestamps keep their microseconds. Django's encoder cuts them to milliseconds, so a restored page had
  another ``last_published_at`` than the original and every API answer (and its ETag) changed.
- A reference to a row that no longer exists, which Wagtail keeps on purpose (the history of a deleted page
  names its id; such foreign keys have no database constraint), is written as that id instead of failing
  the whole dump under ``--natural-foreign``.

``manage.py backup`` and ``manage.py restore`` (``cms/management/commands``) use ``BACKUP_EXCLUDE``: tables
rebuilt from the rest (search indexes, the API's stored documents), made again by ``migrate`` (content types,
permissions) or not worth keeping (sessions, the queue of webhook deliveries).
"""

import datetime
import json

from django.core.exceptions import ObjectDoesNotExist
from django.core.serializers import json as django_json
from django.core.serializers.json import DjangoJSONEncoder

BACKUP_EXCLUDE = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "wagtailsearch",
    "cms_search.searchentry",
    "readmodel",
    "django_tasks_database",
]


class PreciseJSONEncoder(DjangoJSONEncoder):
    """Django's encoder, without cutting datetimes and times to milliseconds."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time) and o.tzinfo is None:
            return o.isoformat()
        return super().default(o)


class Serializer(django_json.Serializer):
    def _init_options(self):
        self.options.setdefault("cls", PreciseJSONEncoder)
        super()._init_options()

    def handle_fk_field(self, obj, field):
        try:
            super().handle_fk_field(obj, field)
        except ObjectDoesNotExist:
            # A dangling reference (only possible without a database constraint): keep the bare id.
            self._current[field.name] = getattr(obj, field.attname)


Deserializer = django_json.Deserializer

__all__ = ["BACKUP_EXCLUDE", "Deserializer", "PreciseJSONEncoder", "Serializer", "json"]
