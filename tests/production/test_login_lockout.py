"""Admin sign-in lockout (django-axes), through Wagtail's own login view.

Probing found that 30 wrong passwords followed by the right one logged in. Now the account is refused, even
with the right password, for the cool-off period, with a page that says so.
"""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editor", "editor@example.org", PASSWORD)


def sign_in(client, password, username="editor", **extra):
    return client.post(reverse("wagtailadmin_login"), {"username": username, "password": password}, **extra)


def is_signed_in(client):
    return client.get(reverse("wagtailadmin_home")).status_code == 200


def test_the_right_password_signs_in(client, editor):
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302
    assert is_signed_in(client)


def test_thirty_wrong_passwords_then_the_right_one_is_refused(client, editor, settings):
    for _ in range(30):
        sign_in(client, "wrong password")
    response = sign_in(client, PASSWORD)
    assert response.status_code == 429
    text = response.content.decode()
    # In the admin's language (Arabic by default): "This account is locked after 5 failed sign-in attempts."
    assert f"قُفل هذا الحساب بعد {settings.AXES_FAILURE_LIMIT} محاولات دخول فاشلة." in text
    assert "حتى بكلمة المرور الصحيحة، لمدة 30 دقيقة" in text  # "even with the right password, for 30 minutes"
    assert int(response["Retry-After"]) == 30 * 60
    assert not is_signed_in(client)


def test_the_lockout_starts_at_the_configured_limit(client, editor, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(2):
        assert sign_in(client, "wrong password").status_code == 200  # the form again, with its error
    assert sign_in(client, "wrong password").status_code == 429
    assert sign_in(client, PASSWORD).status_code == 429


def test_another_address_cannot_sign_in_to_a_locked_account(client, editor):
    for _ in range(5):
        sign_in(client, "wrong password", REMOTE_ADDR="198.51.100.1")
    assert sign_in(client, PASSWORD, REMOTE_ADDR="203.0.113.5").status_code == 429


def test_one_address_trying_many_accounts_is_locked(client, editor):
    for number in range(5):
        sign_in(client, "wrong password", username=f"guess{number}", REMOTE_ADDR="198.51.100.1")
    assert sign_in(client, PASSWORD, REMOTE_ADDR="198.51.100.1").status_code == 429
    assert sign_in(client, PASSWORD, REMOTE_ADDR="203.0.113.5").status_code == 302


def test_after_the_cool_off_the_right_password_signs_in_again(client, editor):
    for _ in range(5):
        sign_in(client, "wrong password")
    assert sign_in(client, PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.first().attempt_time - timedelta(minutes=31))
    assert sign_in(client, PASSWORD).status_code == 302
    assert is_signed_in(client)
