"""Error answers say what is true for the case, in JSON under /api/ and in place for htmx."""

import json

import pytest
from django.test import Client, RequestFactory

from explainer.views import site

pytestmark = pytest.mark.django_db


def test_the_500_page_does_not_claim_that_nothing_was_sent():
    response = site.server_error(RequestFactory().get("/articles/margin-explained/"))
    html = response.content.decode()

    assert response.status_code == 500
    assert "nothing you entered was sent" not in html
    assert "may not have been saved" in html


def test_a_500_for_htmx_is_a_fragment_to_show_in_place():
    request = RequestFactory().get("/calculators/liquidation-price/")
    request.htmx = True

    html = site.server_error(request).content.decode()

    assert 'class="request-failed' in html
    assert "<html" not in html


def test_a_500_under_the_api_is_json():
    response = site.server_error(RequestFactory().post("/api/v1/evaluate"))

    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["errors"][0]["field"] is None


def test_an_unknown_api_address_answers_json_404(client):
    response = client.get("/api/v1/nothing-here")

    assert response.status_code == 404
    assert "docs" in response.json()["errors"][0]["message"]


def test_an_unknown_page_is_the_html_404(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "We can’t find that page" in response.content.decode()


def test_a_comment_over_the_body_limit_answers_413_saying_nothing_was_saved(client):
    response = client.post("/articles/margin-explained/feedback/", {"comment": "x" * 100_000})

    assert response.status_code == 413
    assert "nothing was saved" in response.content.decode()


def test_a_400_page_exists_and_says_nothing_was_done():
    response = site.bad_request(RequestFactory().get("/"), Exception("malformed"))

    assert response.status_code == 400
    assert "nothing was done" in response.content.decode()


def test_a_form_without_its_token_is_refused_in_the_sites_words():
    client = Client(enforce_csrf_checks=True)

    response = client.post("/articles/margin-explained/feedback/", {"helpful": "yes"})

    assert response.status_code == 403
    assert "nothing was saved" in response.content.decode()


def test_an_unknown_api_address_answers_json_in_debug_too(client, settings):
    settings.DEBUG = True

    response = client.get("/api/v1/nothing-here")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
