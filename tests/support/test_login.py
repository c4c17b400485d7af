"""Signing in to the support desk and out again; wrong passwords are limited by django-axes."""

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = reverse("support:login")
CASES = reverse("support:cases")


def _sign_in(client, username="alice", password=PASSWORD, **data):
    return client.post(LOGIN, {"username": username, "password": password, **data})


def test_the_sign_in_page_asks_for_a_username_and_password(client):
    response = client.get(LOGIN)
    assertContains(response, 'name="username"')
    assertContains(response, 'name="password"')
    assertContains(response, 'name="csrfmiddlewaretoken"')


def test_a_member_signs_in_and_lands_on_the_cases(client, alice):
    response = _sign_in(client)
    assert (response.status_code, response["Location"]) == (302, CASES)
    assert client.get(CASES).status_code == 200


def test_signing_in_goes_back_to_the_page_asked_for(client, alice, a_case):
    page = reverse("support:case", args=[a_case.pk])
    assert _sign_in(client, next=page)["Location"] == page


def test_signing_in_never_sends_you_to_another_site(client, alice):
    assert _sign_in(client, next="https://evil.example/")["Location"] == CASES


def test_a_wrong_password_is_refused_with_a_clear_message(client, alice):
    response = _sign_in(client, password="wrong")
    assertContains(response, "That username and password do not match", status_code=422)
    assert "_auth_user_id" not in client.session


def test_an_account_off_the_team_cannot_sign_in_here(client, charlie):
    response = _sign_in(client, username="charlie")
    assertContains(response, "not on the support team", status_code=422)
    assert "_auth_user_id" not in client.session


def test_five_wrong_passwords_lock_the_username_out(client, alice):
    statuses = [_sign_in(client, password="wrong").status_code for _ in range(5)]
    assert statuses == [422] * 4 + [429]
    assertContains(_sign_in(client), "Too many wrong passwords", status_code=429)
    assert "_auth_user_id" not in client.session


def test_a_staff_session_lasts_a_working_day_or_until_the_browser_closes(client, alice):
    response = _sign_in(client)
    assert client.session.get_expiry_age() == 8 * 60 * 60
    assert client.session.get_expire_at_browser_close()
    assert response.cookies["sessionid"]["max-age"] == ""


def test_signing_out_takes_a_post_with_the_form_token(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.get(reverse("support:logout")).status_code == 405
    assert client.post(reverse("support:logout")).status_code == 403
    assert "_auth_user_id" in client.session


def test_signing_out_ends_the_session(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    token = client.get(CASES).context["csrf_token"]
    response = client.post(reverse("support:logout"), {"csrfmiddlewaretoken": token})
    assert (response.status_code, response["Location"]) == (302, LOGIN)
    assert client.get(CASES).status_code == 302


def test_signing_in_needs_the_form_token(alice):
    client = Client(enforce_csrf_checks=True)
    response = client.post(LOGIN, {"username": "alice", "password": PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session
