"""The site's own middleware: over-long addresses and refused encodings."""

import pytest

pytestmark = pytest.mark.django_db


def test_an_over_long_address_answers_414_in_the_sites_words(client, settings):
    response = client.get("/search/", {"q": "x" * settings.MAX_URL_LENGTH})

    assert response.status_code == 414
    assert "too long" in response.content.decode()


def test_an_over_long_api_address_answers_json_414(client, settings):
    response = client.get("/api/v1/markets", {"q": "x" * settings.MAX_URL_LENGTH})

    assert response.status_code == 414
    assert response.json()["errors"][0]["message"].startswith("The address was longer")


def test_a_client_refusing_gzip_gets_the_page_uncompressed(client):
    response = client.get("/glossary/", headers={"Accept-Encoding": "gzip;q=0, br"})

    assert response.status_code == 200
    assert "Content-Encoding" not in response


def test_a_client_accepting_gzip_still_gets_it(client):
    response = client.get("/glossary/", headers={"Accept-Encoding": "br;q=0, gzip;q=0.5"})

    assert response["Content-Encoding"] == "gzip"
