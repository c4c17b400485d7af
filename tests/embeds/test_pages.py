"""The "Embed this" panel on each calculator page, and /embed/, which documents the protocol."""

import html

import pytest

from explainer.calculators.widgets import CALCULATORS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("slug", list(CALCULATORS))
def test_each_calculator_page_offers_its_embed_snippet(client, slug):
    text = html.unescape(client.get(f"/calculators/{slug}/").text)
    assert '<details class="embed-this' in text
    assert '<script src="http://testserver/embed.js" async></script>' in text
    assert f'<div data-margin-academy="{slug}"' in text
    assert 'data-copy="embed-snippet" hidden' in text


def test_the_snippet_names_the_preset_the_numbers_come_from(client):
    text = html.unescape(client.get("/calculators/isolated-vs-cross/?mode=cross").text)
    assert '<div data-margin-academy="isolated-vs-cross" data-preset="seed-cross"></div>' in text


def test_numbers_of_no_preset_give_a_snippet_without_one(client):
    text = html.unescape(client.get("/calculators/isolated-vs-cross/?leverage=3").text)
    assert '<div data-margin-academy="isolated-vs-cross"></div>' in text


def test_the_protocol_page_documents_routes_messages_and_origins(client, settings):
    settings.EMBED_ALLOWED_ORIGINS = ["https://learn.partner.example"]
    response = client.get("/embed/")
    assert response.status_code == 200 and 'class="site-header"' in response.text
    for words in ["/embed/check/", "data-preset", "iframe.resize", "<code>completed</code>"]:
        assert words in response.text
    for slug in CALCULATORS:
        assert f"/embed/{slug}/" in response.text
    assert "<code>https://learn.partner.example</code>" in response.text
