"""The widgets of the mark price, fees, insurance fund and partial liquidation articles: each
answer is the engine's, worked out again here by hand, and each sits in its article."""

from decimal import Decimal, localcontext

import pytest
from pytest_django.asserts import assertContains

from explainer.predict.questions import QUESTIONS
from explainer.predict.verdict import judge

D = Decimal
PLACED = {
    "mark-wick": "mark-index-and-last-price",
    "leftover-margin": "trading-fees-and-the-liquidation-fee",
    "fund-runs-out": "insurance-fund-and-auto-deleveraging",
    "partial-first-cut": "partial-liquidation-of-large-positions",
}


def test_a_wick_in_the_last_price_leaves_the_long_open():
    # At the mark of 45,900: 100 − 0.02 × 4,100 = 18 left, above 0.5 % of 918 = 4.59.
    assert QUESTIONS["mark-wick"].answer.choice == "open"
    assert "18.00 USDC" in " ".join(QUESTIONS["mark-wick"].answer.explanation)


def test_the_fee_takes_all_the_margin_left_at_the_liquidation_price():
    with localcontext(prec=40):
        price = (D("0.02") * 50000 - 100) / (D("0.02") * (1 - D("0.005")))
        left = 100 - D("0.02") * (50000 - price)
        fee = D("0.005") * D("0.02") * price
    assert abs(left - fee) < D("1e-30")
    assert QUESTIONS["leftover-margin"].answer.choice == "fee"


def test_auto_deleveraging_covers_what_the_small_fund_cannot():
    # A loss of 0.02 × 6,000 = 120 on 100 of margin: 20 past bankruptcy, the fund's 5, 15 left.
    assert QUESTIONS["fund-runs-out"].answer.value == D("0.02") * 6000 - 100 - 5 == 15


def test_the_first_cut_keeps_the_largest_lot_below_the_first_bracket():
    # 25,000 ÷ 2,872 = 8.7047…, so 8.704 ETH stay and 11.296 ETH are closed.
    kept = (D(25000) / D(2872)).quantize(D("0.001"), rounding="ROUND_DOWN")
    assert QUESTIONS["partial-first-cut"].answer.value == 20 - kept == D("11.296")


def test_a_guess_in_eth_is_told_in_eth():
    verdict = judge(QUESTIONS["partial-first-cut"], D("12"))
    assert verdict.words.startswith("Your guess was 12.00 ETH, 0.70 ETH")
    assert not verdict.correct


@pytest.mark.django_db
@pytest.mark.parametrize(("slug", "article"), PLACED.items())
def test_each_widget_sits_in_the_article_that_teaches_it(client, slug, article):
    assert QUESTIONS[slug].section.article == article
    response = client.get(f"/articles/{article}/")
    assertContains(response, f'id="predict-{slug}"')
    assertContains(response, f'id="{QUESTIONS[slug].section.anchor}"')
