"""A session that is missing, garbled, from an older layout or simply expired is a fresh
account, never a 500; reset forgets the account and the scenario."""

import pytest
from pytest_django.asserts import assertContains

from tests.practice.data import BTC_LONG, HTMX

pytestmark = pytest.mark.django_db

GARBLED = [
    "not a practice account",
    42,
    [],
    {},
    {"version": 0},
    {"account": {"wallet_balance": "NaN"}},
    {"account": {"wallet_balance": "1e400", "positions": [{"size": "-1"}]}},
    {"frames": [None] * 3},
]


def _store(client, value) -> None:
    session = client.session
    session["practice"] = value
    session.save()


@pytest.mark.parametrize("value", GARBLED)
@pytest.mark.parametrize("url", ["/practice/"])
def test_it_starts_a_fresh_account_from_a_garbled_session(client, value, url):
    _store(client, value)
    response = client.get(url)
    assertContains(response, "No open positions")


@pytest.mark.parametrize("value", GARBLED)
def test_it_applies_a_control_to_a_fresh_account_when_the_session_is_garbled(client, value, kept):
    _store(client, value)
    assert client.post("/practice/order/", BTC_LONG).status_code == 303
    assert len(kept(client).account.positions) == 1


def test_it_starts_fresh_when_the_session_cookie_names_no_session(client):
    client.cookies["sessionid"] = "expired-or-made-up"
    assertContains(client.get("/practice/"), "No open positions")
    assert client.post("/practice/step/", {"steps": "1"}, **HTMX).status_code == 422


def test_it_keeps_the_account_from_one_request_to_the_next(alice, kept):
    first = kept(alice)
    alice.get("/practice/")
    assert kept(alice) == first


def test_it_forgets_the_account_and_the_scenario_on_reset(client, kept):
    client.post("/practice/scenarios/cross-contagion/", {"guess": "together"})
    client.post("/practice/reset/")
    assert kept(client).account.positions == ()
    assert "practice_scenario" not in client.session
