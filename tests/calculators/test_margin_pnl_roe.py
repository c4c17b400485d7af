from dataclasses import replace
from decimal import Decimal

import pytest

from explainer.calculators.questions import Trade
from explainer.calculators.questions.pnl import largest
from explainer.engine import Account, MarginError, MarginMode, Side, evaluate, get_market

SLUG = "margin-pnl-roe"


def test_it_shows_margin_pnl_and_roe_for_the_seed(fetch):
    response = fetch(SLUG)
    assert response.status_code == 200
    assert "needs 100.00 USDC of margin" in response.text
    assert "+100.00 USDC" in response.text and "+100.00 %" in response.text
    assert "0.100 BTC" in response.text  # 500 USDC × 10 / 50,000


def test_it_works_out_size_or_leverage_instead(fetch):
    size = fetch(SLUG, htmx=True, solve="size", margin="250", size="")
    assert "0.050 BTC" in size.text
    leverage = fetch(SLUG, htmx=True, solve="leverage", margin="40", leverage="")
    assert "25×" in leverage.text


def test_the_pnl_stays_and_the_roe_scales_with_leverage(fetch):
    at_20 = fetch(SLUG, htmx=True, leverage="20")
    assert "+100.00 USDC" in at_20.text and "+200.00 %" in at_20.text


def test_a_tier_caps_the_largest_position(fetch):
    response = fetch(SLUG, htmx=True, wallet="100000", leverage="50")
    assert "tier 2&#x27;s cap" in response.text  # 75× allowed to 250,000 USDC; 50× not above


def test_a_permalink_restores_the_same_numbers(fetch):
    partial = fetch(SLUG, htmx=True, price="47000", side="short")
    page = fetch(SLUG, price="47000", side="short")
    lede = partial.text.split('<p class="calc-lede">')[1].split("</p>")[0]
    assert lede in page.text and "+60.00 USDC" in lede


def test_it_asks_for_what_it_needs(fetch, field_error):
    response = fetch(SLUG, solve="margin", size="")
    assert response.status_code == 422
    assert "Enter the size, or choose to work it out" in field_error(response, "size")


def test_it_refuses_nonsense_next_to_the_field(fetch, field_error, nonsense):
    value, words = nonsense
    for htmx in (False, True):
        response = fetch(SLUG, htmx=htmx, price=value)
        assert response.status_code == 422
        assert words in field_error(response, "price")


def test_a_worked_out_leverage_above_the_max_is_the_margins_fault(fetch, field_error):
    response = fetch(SLUG, solve="leverage", margin="5")  # 1,000 / 5 = 200×
    assert response.status_code == 422
    assert "allows at most 125×" in field_error(response, "margin")
    assert "at most 125×" in field_error(fetch(SLUG, leverage="200"), "leverage")


@pytest.mark.parametrize("leverage", ["125", "75", "40", "10"])
def test_the_largest_position_is_one_the_engine_accepts(leverage):
    trade = Trade(
        market=get_market("BTC-PERP"),
        side=Side.LONG,
        size=None,
        entry=Decimal("50000"),
        leverage=Decimal(leverage),
        rate=None,
    )
    found = largest(trade, Decimal("1000000"))
    position = replace(trade, size=found.size).position(MarginMode.CROSS)
    evaluate(Account(Decimal("1000000"), (position,)))  # raises if the tier refuses it
    bigger = replace(trade, size=found.size + Decimal("0.001")).position(MarginMode.CROSS)
    with pytest.raises(MarginError):
        evaluate(Account(Decimal("1000000"), (bigger,)))


def test_a_position_the_balance_cannot_open_is_refused(fetch, field_error):
    response = fetch(SLUG, htmx=True, solve="size", margin="50", mode="cross", wallet="10")
    assert response.status_code == 422
    assert "cannot cover" in field_error(response, "wallet")
