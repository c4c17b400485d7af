"""API requests are limited per client address, and a limited request is still answered in JSON."""

import pytest
from django.urls import reverse


@pytest.fixture
def markets(client):
    return lambda **extra: client.get(reverse("api-markets"), **extra)


def test_over_the_limit_the_api_answers_429_in_its_error_shape(markets, settings):
    settings.API_RATE_LIMIT = "3/m"
    assert [markets().status_code for _ in range(3)] == [200] * 3
    response = markets()
    assert response.status_code == 429
    assert response.json() == {
        "errors": [{"field": None, "message": response.json()["errors"][0]["message"]}]
    }
    assert "Too many requests" in response.json()["errors"][0]["message"]
    assert 0 < int(response["Retry-After"]) <= 60


def test_a_limited_api_answer_is_readable_cross_origin_and_never_cached(markets, settings):
    settings.API_RATE_LIMIT = "1/m"
    markets()
    response = markets()
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Expose-Headers"] == "Retry-After"
    assert response["Cache-Control"] == "no-store"


def test_the_api_limit_counts_each_address_apart(markets, settings):
    settings.API_RATE_LIMIT = "1/m"
    markets()
    assert markets().status_code == 429
    assert markets(REMOTE_ADDR="203.0.113.9").status_code == 200


def test_the_default_api_limit_is_generous(settings):
    assert settings.API_RATE_LIMIT == "600/m"
