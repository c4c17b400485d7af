"""Articles embed the calculators where their Markdown asks ([[calculator name preset=x]])."""

import pytest

from explainer.worked_examples import figure

pytestmark = pytest.mark.django_db

ARTICLES = {
    "cross-vs-isolated-margin": ["isolated-vs-cross", "cross-contagion"],
    "adding-or-removing-margin": ["liquidation-price"],
    "liquidation-price-and-risk-engine": ["liquidation-price", "leverage-explorer"],
    "leverage-and-position-size": ["leverage-explorer"],
    "margin-explained": ["margin-pnl-roe"],
}


@pytest.mark.parametrize("slug", list(ARTICLES))
def test_each_article_embeds_its_widgets(client, slug):
    response = client.get(f"/articles/{slug}/")
    assert response.status_code == 200
    for number, calculator in enumerate(ARTICLES[slug], start=1):
        assert f'data-calculator="{calculator}"' in response.text
        assert f'id="calc-{number}-form"' in response.text
        assert f'action="/calculators/{calculator}/"' in response.text
        assert f'hx-target="#calc-{number}-results"' in response.text
        assert f'id="calc-{number}-figure-json" type="application/json"' in response.text
    assert "hx-replace-url" not in response.text and "hx-push-url" not in response.text
    assert response.text.count("plotly-basic.min.js") == 1
    assert response.text.count('id="plotly.js-style-global"') == 1


def widget_html(page: str, calculator: str) -> str:
    """One embedded widget's markup, up to the end of its results."""
    start = page.index(f'data-calculator="{calculator}"')
    return page[start : page.index("Open these numbers in the full calculator", start)]


def test_the_cross_vs_isolated_article_shows_the_seed_numbers(client):
    page = client.get("/articles/cross-vs-isolated-margin/").text
    widget = widget_html(page, "isolated-vs-cross")
    for example in ("seed_isolated", "seed_cross"):
        for name in ("liquidation_price", "max_loss", "account_left_after_liquidation"):
            assert figure(example, name) in widget
    assert 'value="isolated" class="form-check-input" aria-describedby="calc-1-mode_error' in widget
    assert "checked" in widget.split('value="isolated"')[1].split(">")[0]  # preset seed-isolated
    contagion = widget_html(page, "cross-contagion")
    assert "from 2,020.10 USDC to 2,220.10 USDC" in contagion


def test_the_other_articles_show_the_seed_numbers(client):
    seed_liquidation = figure("seed_isolated", "liquidation_price")
    for slug, calculator in (
        ("adding-or-removing-margin", "liquidation-price"),
        ("liquidation-price-and-risk-engine", "liquidation-price"),
        ("liquidation-price-and-risk-engine", "leverage-explorer"),
        ("leverage-and-position-size", "leverage-explorer"),
    ):
        widget = widget_html(client.get(f"/articles/{slug}/").text, calculator)
        assert seed_liquidation in widget
    margin = widget_html(client.get("/articles/margin-explained/").text, "margin-pnl-roe")
    assert "needs 100.00 USDC of margin" in margin and "+100.00 %" in margin


def test_an_embedded_widget_updates_its_own_results(client):
    response = client.get(
        "/calculators/liquidation-price/",
        {
            "market": "BTC-PERP",
            "side": "long",
            "mode": "isolated",
            "size": "0.02",
            "entry": "50000",
            "leverage": "10",
            "wallet": "500",
            "margin": "150",
        },
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="calc-2-results",
    )
    assert 'id="calc-2-figure"' in response.text and 'id="calc-2-margin_error"' in response.text
    assert "42,713.57 USDC" in response.text
    assert "Open these numbers in the full calculator" in response.text


def test_an_article_without_calculators_loads_no_plotly(client):
    response = client.get("/articles/why-was-my-position-liquidated/")
    assert response.status_code == 200
    assert "plotly" not in response.text


def test_the_index_lists_all_five(client):
    response = client.get("/calculators/")
    assert response.status_code == 200
    for slug in ARTICLES["cross-vs-isolated-margin"] + [
        "liquidation-price",
        "leverage-explorer",
        "margin-pnl-roe",
    ]:
        assert f'href="/calculators/{slug}/"' in response.text
    assert "plotly" not in response.text
