"""Renditions follow their image: made when an image is saved, remade when its file is replaced.

Generation waits for the commit: the admin's edit form deletes an image's renditions after saving a new
file, in the same transaction, and an upload should not fail because one size could not be made (the
error is logged and ``manage.py generate_renditions`` catches up).
"""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_init, post_save
from wagtail.images import get_image_model

from cms.renditions import ensure_renditions_by_id


def remember_file(sender, instance, **kwargs):
    instance._cms_loaded_file_name = instance.file.name if instance.file else None


def generate_renditions(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    if raw:  # fixtures: files may not be there yet
        return
    if update_fields is not None and "file" not in update_fields:
        return  # e.g. Wagtail recording the file size: the picture is unchanged
    previous = getattr(instance, "_cms_loaded_file_name", None)
    if previous and previous != instance.file.name:
        # A new file under the same image: sizes made from the old one must not survive.
        instance.renditions.all().delete()
    instance._cms_loaded_file_name = instance.file.name
    transaction.on_commit(partial(ensure_renditions_by_id, instance.pk), robust=True)


def connect():
    image_model = get_image_model()
    post_init.connect(remember_file, sender=image_model, dispatch_uid="cms-remember-image-file")
    post_save.connect(generate_renditions, sender=image_model, dispatch_uid="cms-generate-renditions")
