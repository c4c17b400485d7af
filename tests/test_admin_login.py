"""Wrong passwords on /admin/login/ lock that username out from that address (django-axes)."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from pytest_django.asserts import assertContains

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def alice(django_user_model, settings):
    """Alice is staff: she may sign in to the admin."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast tests
    return django_user_model.objects.create_user("alice", password=PASSWORD, is_staff=True)


def _sign_in(client, password, **extra):
    return client.post(LOGIN, {"username": "alice", "password": password}, **extra)


def _fail(client, times, **extra):
    return [_sign_in(client, "wrong", **extra).status_code for _ in range(times)]


def test_a_staff_login_works_with_the_right_password(client, alice):
    assert _fail(client, 4) == [200] * 4
    response = _sign_in(client, PASSWORD)
    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_five_wrong_passwords_lock_out_even_the_right_one(client, alice):
    assert _fail(client, 5) == [200] * 4 + [429]
    response = _sign_in(client, PASSWORD)
    assertContains(response, "Too many wrong passwords", status_code=429)
    assert response["Retry-After"] == str(15 * 60)
    assert "_auth_user_id" not in client.session


def test_after_the_cool_off_the_right_password_works_again(client, alice):
    _fail(client, 5)
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=16))
    assert _sign_in(client, PASSWORD).status_code == 302


def test_a_right_password_starts_the_count_again(client, alice):
    _fail(client, 4)
    _sign_in(client, PASSWORD)
    client.logout()
    assert _fail(client, 4) == [200] * 4


def test_a_lockout_holds_one_address_only(client, alice):
    _fail(client, 5)
    assert _sign_in(client, PASSWORD, REMOTE_ADDR="198.51.100.7").status_code == 302
