"""Helpers for driving the Wagtail admin with the test client, as an editor's browser would."""

import pytest
from bs4 import BeautifulSoup
from wagtail.blocks.base import BlockField
from wagtail.test.utils.form_data import querydict_from_html
from wagtail.users.models import UserProfile

ADMIN_LANGUAGES = ["ar", "en", "ku"]


@pytest.fixture
def editor(admin_user):
    return admin_user


@pytest.fixture
def editor_client(client, editor):
    """A logged-in superuser; ``set_admin_language(code)`` switches the admin interface language."""
    client.force_login(editor)

    def set_admin_language(code):
        profile = UserProfile.get_for_user(editor)
        profile.preferred_language = code
        profile.save()
        return client

    client.set_admin_language = set_admin_language
    return client


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def form_data(response, form_id="page-edit-form"):
    """The values the browser would send for the form on this page, with the data its scripts add.

    StreamFields are drawn by JavaScript, which sends ``<name>-count``; an empty stream sends a count of 0.
    Inline panels' management forms are in the HTML and come through as they are.
    """
    data = dict(querydict_from_html(response.content.decode(), form_id=form_id).items())
    form = response.context["form"]
    for name, field in form.fields.items():
        if isinstance(field, BlockField):
            data.pop(name, None)
            data.setdefault(f"{name}-count", "0")
    return data


def stream(name, items):
    """Form data of a StreamField ``name`` holding ``items`` (a list of (block type, value))."""
    data = {f"{name}-count": str(len(items))}
    for index, (block_type, value) in enumerate(items):
        data.update(
            {
                f"{name}-{index}-type": block_type,
                f"{name}-{index}-value": value,
                f"{name}-{index}-order": str(index),
                f"{name}-{index}-deleted": "",
            }
        )
    return data


def inline(name, items, initial=0):
    """Form data of an inline panel ``name`` (its management form included) holding ``items``."""
    data = {
        f"{name}-TOTAL_FORMS": str(len(items)),
        f"{name}-INITIAL_FORMS": str(initial),
        f"{name}-MIN_NUM_FORMS": "0",
        f"{name}-MAX_NUM_FORMS": "1000",
    }
    for index, item in enumerate(items):
        data.update({f"{name}-{index}-{key}": value for key, value in item.items()})
        data.setdefault(f"{name}-{index}-ORDER", str(index + 1))
        data.setdefault(f"{name}-{index}-DELETE", "")
    return data


def errors_of(response):
    """Field errors shown on a re-rendered admin form, as {field name: [messages]}."""
    form = response.context["form"]
    errors = {name: list(messages) for name, messages in form.errors.items()}
    for prefix, formset in getattr(form, "formsets", {}).items():
        for index, subform_errors in enumerate(formset.errors):
            for name, messages in subform_errors.items():
                errors[f"{prefix}-{index}-{name}"] = list(messages)
        if formset.non_form_errors():
            errors[prefix] = list(formset.non_form_errors())
    return errors
