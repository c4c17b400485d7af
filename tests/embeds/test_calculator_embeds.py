"""/embed/<calculator>/: the calculator's form, engine and partial inside base_embed.html."""

import json
import re

import pytest

from explainer.calculators.presets import DEFAULTS
from explainer.calculators.widgets import CALCULATORS

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "calc-results"}


def change_message(response) -> dict:
    found = re.search(
        r'<script id="embed-change" type="application/json">(.*?)</script>', response.text
    )
    return json.loads(found.group(1))


@pytest.mark.parametrize("slug", list(CALCULATORS))
def test_every_calculator_has_an_embed_without_the_site_header(client, slug):
    response = client.get(f"/embed/{slug}/")
    assert response.status_code == 200
    assert 'class="site-header"' not in response.text and "site-footer" not in response.text
    assert f'action="/embed/{slug}/"' in response.text
    assert f'hx-get="/embed/{slug}/"' in response.text
    assert 'target="_blank" rel="noopener">Margin Academy</a>' in response.text
    assert "js/embed-frame.js" in response.text


@pytest.mark.parametrize("slug", list(CALCULATORS))
def test_it_shows_the_same_results_as_the_calculator_page(client, slug):
    embed, page = client.get(f"/embed/{slug}/"), client.get(f"/calculators/{slug}/")
    lede = re.search(r'<p class="calc-lede">.*?</p>', page.text).group(0)
    assert lede in embed.text


def test_it_is_a_public_page_the_same_for_every_reader(client):
    response = client.get("/embed/isolated-vs-cross/?theme=dark")
    assert "public" in response["Cache-Control"]
    assert "csrfmiddlewaretoken" not in response.text
    assert client.get("/embed/isolated-vs-cross/?theme=dark").content == response.content


def test_it_starts_from_a_preset(client):
    response = client.get("/embed/isolated-vs-cross/?preset=seed-cross")
    assert change_message(response)["inputs"]["mode"] == "cross"


def test_the_calculator_fields_win_over_the_preset(client):
    response = client.get("/embed/liquidation-price/?preset=seed-cross&leverage=20")
    assert change_message(response)["inputs"] == {
        **DEFAULTS["liquidation-price"],
        "mode": "cross",
        "leverage": "20",
    }


def test_it_takes_a_dark_theme_and_keeps_it_through_the_form(client):
    response = client.get("/embed/leverage-explorer/?theme=dark")
    assert 'class="embed theme-dark"' in response.text
    assert '<input type="hidden" name="theme" value="dark">' in response.text
    assert 'href="?theme=dark"' in response.text


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("theme=drak", ["theme=light", "theme=dark"]),
        ("preset=seed", ["preset=seed-isolated", "preset=seed-cross"]),
    ],
)
def test_it_refuses_an_unknown_value_and_names_the_allowed_ones(client, query, named):
    response = client.get(f"/embed/isolated-vs-cross/?{query}")
    assert response.status_code == 400
    for value in named:
        assert f"<code>{value}</code>" in response.text


def test_it_says_a_calculator_without_presets_has_none(client):
    response = client.get("/embed/leverage-explorer/?preset=seed-isolated")
    assert response.status_code == 400
    assert "no named presets" in response.text


def test_an_unknown_calculator_is_not_found(client):
    assert client.get("/embed/no-such-calculator/").status_code == 404


def test_htmx_gets_the_results_partial_with_the_change_data(client):
    query = {**DEFAULTS["isolated-vs-cross"], "leverage": "20", "theme": "dark"}
    response = client.get("/embed/isolated-vs-cross/", query, **HTMX)
    assert response.status_code == 200
    assert "<html" not in response.text and 'class="calc-lede"' in response.text
    message = change_message(response)
    assert message["valid"] and message["inputs"]["leverage"] == "20"
    figures = message["results"]["figures"]
    assert figures["Liquidation price"] == {"Isolated": "47,738.69 USDC", "Cross": "37,688.44 USDC"}


def test_a_wide_table_reports_the_readers_row(client):
    message = change_message(client.get("/embed/leverage-explorer/"))
    assert list(message["results"]["figures"]) == ["10×"]


def test_an_invalid_form_is_a_422_with_the_errors_by_field(client):
    query = {**DEFAULTS["isolated-vs-cross"], "leverage": "abc"}
    response = client.get("/embed/isolated-vs-cross/", query, **HTMX)
    assert response.status_code == 422
    message = change_message(response)
    assert not message["valid"] and "leverage" in message["errors"]


def test_the_full_calculator_opens_in_a_new_tab_with_these_numbers(client):
    response = client.get("/embed/margin-pnl-roe/?leverage=5")
    assert re.search(
        r'href="/calculators/margin-pnl-roe/\?[^"]*leverage=5[^"]*" target="_blank"', response.text
    )


def test_an_empty_theme_or_preset_is_the_default(client):
    response = client.get("/embed/isolated-vs-cross/?theme=&preset=")
    assert response.status_code == 200 and 'class="embed theme-light"' in response.text


def test_a_bad_value_is_shown_escaped(client):
    response = client.get("/embed/isolated-vs-cross/", {"theme": "<b>x</b>"})
    assert response.status_code == 400 and "<b>x</b>" not in response.text


def test_search_engines_are_pointed_at_the_calculator_page(client):
    response = client.get("/embed/cross-contagion/?theme=dark")
    assert '<link rel="canonical" href="http://testserver/calculators/cross-contagion/">' in (
        response.text
    )
    assert 'name="robots"' not in response.text
