"""The articles on mark price, funding, fees, the insurance fund and partial liquidation: they
render, their figures are the engine's, their links lead somewhere, and nowhere does the site
promise that the insurance fund covers any gap without saying what happens when it cannot."""

import re
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from pytest_django.asserts import assertContains

from explainer.content.sources import read_articles, read_glossary
from explainer.engine import get_market
from explainer.models import Article
from explainer.topic_examples import FIGURES, adl_ranked

pytestmark = pytest.mark.django_db
TOPICS = (
    "mark-index-and-last-price",
    "funding-payments",
    "trading-fees-and-the-liquidation-fee",
    "insurance-fund-and-auto-deleveraging",
    "partial-liquidation-of-large-positions",
)
# What each article offers to try: a predict widget, a calculator, or a link to one.
TRY_IT = {
    "mark-index-and-last-price": ['id="predict-mark-wick"', 'data-calculator="liquidation-price"'],
    "funding-payments": ['id="predict-funding-week-drift"', 'href="/calculators/funding-drift/"'],
    "trading-fees-and-the-liquidation-fee": ['id="predict-leftover-margin"'],
    "insurance-fund-and-auto-deleveraging": ['id="predict-fund-runs-out"'],
    "partial-liquidation-of-large-positions": ['id="predict-partial-first-cut"'],
}
CAVEATS = ("as far as", "balance", "auto-deleveraging", "what it can")


@pytest.mark.parametrize("slug", TOPICS)
def test_it_serves_each_article_with_no_token_or_marker_left(client, slug):
    response = client.get(f"/articles/{slug}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "{{" not in page and "[[" not in page


@pytest.mark.parametrize("slug", TOPICS)
def test_every_figure_of_its_examples_is_the_engines(slug):
    used = set(re.findall(r"\{\{ ([a-z_]+)\.([a-z_]+) \}\}", _source(slug)))
    topical = {(name, field) for name, field in used if name in FIGURES}
    assert topical, slug
    for name, field in topical:
        assert FIGURES[name]()[field] in _text(slug), f"{name}.{field}"


@pytest.mark.parametrize(("slug", "offers"), TRY_IT.items())
def test_each_article_offers_a_widget_or_a_calculator(client, slug, offers):
    response = client.get(f"/articles/{slug}/")
    for offer in offers:
        assertContains(response, offer)


@pytest.mark.parametrize("slug", [*TOPICS, "why-was-my-position-liquidated"])
def test_every_internal_link_leads_to_a_page_and_its_section(client, slug):
    for href in re.findall(r"\]\((/[^)\s]*)\)", _source(slug)):
        url = urlsplit(href)
        response = client.get(url.path)
        assert response.status_code == 200, href
        if url.fragment:
            assertContains(response, f'id="{url.fragment}"')


def test_by_hand_the_examples_hold_the_numbers_the_prose_states():
    funding, fees, insurance = FIGURES["funding"](), FIGURES["fees"](), FIGURES["insurance"]()
    # 0.02 BTC × 50,000 × 0.01 % = 0.10 a payment; 21 payments in a week.
    assert (funding["payment"], funding["week_paid"]) == ("0.10 USDC", "2.10 USDC")
    # Taker 0.05 % and maker 0.02 % of 1,000 USDC.
    assert (fees["taker_fee"], fees["maker_fee"]) == ("0.50 USDC", "0.20 USDC")
    # At 45,100: 100 − 0.02 × 4,900 = 2 left, all of it to the fee (0.5 % of 902 is 4.51).
    assert (fees["gap_left"], fees["gap_fee"], fees["gap_to_fund"]) == (
        "2.00 USDC",
        "2.00 USDC",
        "0.00 USDC",
    )
    # At 44,000: a loss of 120 on 100 of margin; 20 past bankruptcy, 5 from the fund, 15 ADL.
    assert [insurance[k] for k in ("past_bankruptcy", "fund_paid", "deleveraged")] == [
        "20.00 USDC",
        "5.00 USDC",
        "15.00 USDC",
    ]
    # 25,000 ÷ 2,872 = 8.7047…: 8.704 ETH kept on the 0.001 lot, 11.296 ETH closed.
    assert (FIGURES["partial"]()["kept"], FIGURES["partial"]()["closed"]) == (
        "8.704 ETH",
        "11.296 ETH",
    )


def test_the_adl_example_ranks_the_more_leveraged_short_first_despite_its_smaller_profit():
    high, low = (adl_ranked()[name] for name in ("high", "low"))
    assert list(adl_ranked()) == ["high", "low"]
    assert high.unrealized_pnl < low.unrealized_pnl
    # 5×: 6,000 ÷ 50,000 = 12 %, × 4,400 ÷ (1,000 + 600) = 2.75, is 0.33.
    assert low.adl_score == Decimal("0.33")
    text = _text("insurance-fund-and-auto-deleveraging")
    assert "the 20× short is the one deleveraged first" in text


def test_the_fee_article_is_right_that_the_first_brackets_rate_is_as_high_as_the_fee():
    market = get_market("BTC-PERP")
    assert market.tiers[0].maintenance_margin_rate >= market.fees.liquidation
    assert market.tiers[1].maintenance_margin_rate > market.fees.liquidation
    assert FIGURES["fees"]()["to_fund"] == "0.00 USDC"


def test_no_page_says_the_insurance_fund_covers_a_gap_without_a_caveat():
    sentences = [*_sentences(a.body for a in read_articles())]
    sentences += _sentences(term["definition"] + " " + term["short"] for term in read_glossary())
    promises = [s for s in sentences if re.search(r"(insurance )?fund (covers|pays)", s)]
    assert promises
    assert [s for s in promises if not any(caveat in s for caveat in CAVEATS)] == []


def test_adl_is_in_the_glossary_and_search_finds_it(client):
    response = client.get("/search/", {"q": "ADL"})
    assertContains(response, "Auto-deleveraging (ADL)")
    assertContains(response, "/articles/insurance-fund-and-auto-deleveraging/")


def test_the_funding_example_moves_the_liquidation_price_towards_the_mark():
    figures = FIGURES["funding"]()
    for mode in ("isolated", "cross"):
        before, after = (_number(figures[f"{mode}_{when}"]) for when in ("before", "after"))
        assert after > before


def _text(slug: str) -> str:
    return Article.objects.get(slug=slug).body_text


def _source(slug: str) -> str:
    return next(a.body for a in read_articles() if a.slug == slug)


def _sentences(texts) -> list[str]:
    return [s.lower() for text in texts for s in re.split(r"(?<=[.!?])\s+", text)]


def _number(shown: str) -> Decimal:
    return Decimal(shown.removesuffix(" USDC").replace(",", ""))
