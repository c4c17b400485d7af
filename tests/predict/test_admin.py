"""The admin shows each widget's guesses, read-only."""

import pytest
from pytest_django.asserts import assertContains

pytestmark = pytest.mark.django_db
SUMMARY = "/admin/explainer/predictiontally/"


def test_it_lists_every_widget_with_its_guesses_and_typical_miss(admin_client, client):
    client.get("/predict/bankruptcy-price/", {"guess": "44000"})
    response = admin_client.get(SUMMARY)
    assertContains(response, "At what price is this position bankrupt?")
    assert "<td>1</td> <td>0 %</td> <td>1–5 % too low</td>" in " ".join(response.text.split())
    assertContains(response, "Which mode leaves more of the 500 USDC?")


def test_it_lets_nobody_add_or_change_a_count(admin_client):
    assert admin_client.get(f"{SUMMARY}add/").status_code == 403


def test_it_is_for_staff_only(client):
    assert client.get(SUMMARY).status_code == 302
