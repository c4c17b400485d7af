"""What every JSON endpoint does at the HTTP level: methods, content types, sizes, CORS, caching."""

import pytest
from django.urls import reverse


def _only_error(response):
    [error] = response.json()["errors"]
    return error


def test_a_body_that_is_not_json_is_a_400(post):
    response = post("evaluate", "wallet_balance=500")

    assert response.status_code == 400
    assert _only_error(response)["field"] is None


@pytest.mark.parametrize(
    "raw",
    [b" ", b"\xff\xfe{}", b'{"wallet_balance": 1, "wallet_balance": 2}', b"[" * 50_000],
    ids=["blank", "not utf-8", "duplicate key", "nested too deeply"],
)
def test_undecodable_bodies_are_a_400(post, raw):
    response = post("evaluate", raw)

    assert response.status_code == 400
    assert _only_error(response)["field"] is None


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin-1"],
)
def test_a_body_not_sent_as_json_is_a_415(post, content_type):
    response = post("evaluate", '{"wallet_balance": "500"}', content_type=content_type)

    assert response.status_code == 415
    assert response["Content-Type"] == "application/json"
    assert "application/json" in _only_error(response)["message"]


def test_a_form_post_is_a_415(client):
    response = client.post(reverse("api-evaluate"), {"wallet_balance": "500"})

    assert response.status_code == 415


@pytest.mark.parametrize("name", ["evaluate", "simulate"])
def test_a_body_over_64_kb_is_a_413(post, name):
    body = '{"wallet_balance": "500"' + " " * (65 * 1024) + "}"

    response = post(name, body)

    assert response.status_code == 413
    assert "64 KB" in _only_error(response)["message"]


@pytest.mark.parametrize("name", ["evaluate", "simulate"])
def test_a_get_on_a_post_endpoint_is_a_json_405(client, name):
    response = client.get(reverse(f"api-{name}"))

    assert response.status_code == 405
    assert response["Allow"] == "POST, OPTIONS"
    assert _only_error(response)["message"] == "Use POST for this address."


@pytest.mark.parametrize("name", ["markets", "openapi"])
def test_a_post_on_a_get_endpoint_is_a_json_405(client, name):
    response = client.post(reverse(f"api-{name}"), "{}", content_type="application/json")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_post_answers_are_json_never_stored_and_readable_from_any_origin(post, seed):
    response = post("evaluate", {"wallet_balance": "500", "positions": [seed]})

    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response


def test_errors_are_readable_from_any_origin_too(post):
    response = post("evaluate", "nope")

    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("name", ["evaluate", "simulate"])
def test_it_answers_a_cors_preflight(client, name):
    response = client.options(
        reverse(f"api-{name}"),
        headers={
            "Origin": "https://onboarding.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )

    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "POST" in response["Access-Control-Allow-Methods"]
    assert response["Access-Control-Allow-Headers"] == "Content-Type"


@pytest.mark.parametrize("name", ["markets", "openapi"])
def test_get_answers_may_be_cached_briefly_by_anyone(client, name):
    response = client.get(reverse(f"api-{name}"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["Access-Control-Allow-Origin"] == "*"


def test_an_id_with_a_lone_surrogate_comes_back_escaped(post, seed):
    body = '{"wallet_balance": "500", "positions": [{"id": "\\ud800", %s}]}'
    fields = ", ".join(f'"{key}": "{value}"' for key, value in seed.items())

    response = post("evaluate", body % fields)

    assert response.status_code == 200
    assert response.json()["positions"][0]["id"] == "\ud800"
