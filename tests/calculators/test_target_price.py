"""Target price: the seed trade (0.02 BTC long at 50,000, 10×, 100 USDC of margin), aiming
at an ROE or a PnL. Without fees the exit is E + s·T/q; an ROE target r is T = r × 100."""

import re

import pytest

from explainer.calculators.widgets import build

SLUG = "target-price"


def test_it_finds_the_exit_for_the_seed_roe(fetch):
    response = fetch(SLUG)
    assert response.status_code == 200
    # 50 % of 100 USDC is 50 USDC, 2,500 USDC of move on 0.02 BTC.
    assert "For an ROE of +50.00 % (+50.00 USDC)" in response.text
    assert "close at 52,500.00 USDC, +5.00 % from the entry price" in response.text


def test_a_short_exits_below_the_entry(fetch):
    assert "close at 47,500.00 USDC" in fetch(SLUG, htmx=True, side="short").text


def test_a_pnl_target_ignores_the_roe(fetch):
    text = fetch(SLUG, htmx=True, by="pnl", pnl="200", roe="").text
    assert "For +200.00 USDC (an ROE of +200.00 %)" in text
    assert "close at 60,000.00 USDC" in text


def test_fees_move_the_exit_and_are_listed(fetch):
    # Taker both ways: X = (50 + 1,000 × 1.0005) / (0.02 × 0.9995) = 52,551.28 USDC.
    text = fetch(SLUG, htmx=True, opening="taker", closing="taker").text
    assert "close at 52,551.28 USDC" in text
    assert "after 0.50 USDC in fees to open and 0.53 USDC to close" in text
    assert "Opening fee (taker)" in text and "PnL before fees" in text


def test_a_stop_beyond_the_liquidation_price_says_it_is_never_reached(fetch):
    text = fetch(SLUG, htmx=True, roe="-120").text  # X = 50,000 − 120 / 0.02 = 44,000
    assert "close at 44,000.00 USDC" in text
    assert "it is liquidated first, at 45,226.13 USDC" in text


def test_the_ladder_lists_common_targets_with_yours(fetch):
    text = fetch(SLUG, htmx=True, roe="30").text
    for roe, exit_price in (("+25.00 %", "51,250.00"), ("+30.00 %", "51,500.00")):
        assert re.search(rf'<th scope="row">\{roe}</th>\s*<td[^>]*>{exit_price} USDC<', text)
    assert re.search(r'<tr class="calc-current">\s*<th scope="row">\+30.00 %</th>', text)


def test_the_math_shows_the_exit_formula_with_the_numbers(fetch):
    text = fetch(SLUG, htmx=True).text
    assert "X = (50 + 0.02 × 50000 × (1 + 0)) / (0.02 × (1 − 0))" in text
    assert "Opening fee" not in text.split("Show the math")[1]  # no fees, no fee lines


def test_htmx_gets_the_partial_and_a_permalink_the_page(fetch):
    partial = fetch(SLUG, htmx=True, roe="100")
    page = fetch(SLUG, roe="100")
    assert "<html" not in partial.text and "<html" in page.text
    for response in (partial, page):
        assert "close at 55,000.00 USDC" in response.text


@pytest.mark.parametrize("field", ["size", "entry"])
def test_it_refuses_nonsense_next_to_the_field(refuses, nonsense, field):
    refuses(SLUG, field, *nonsense)


@pytest.mark.parametrize(
    ("by", "value", "words"),
    [
        ("roe", "", "Enter the target ROE"),
        ("pnl", "", "Enter the target PnL"),
        ("roe", "1e400", "can be at most"),
        ("pnl", "-1e400", "must be at least"),
        ("roe", "NaN", "as a number"),
        ("pnl", "Infinity", "as a number"),
        ("roe", "lots", "as a number"),
    ],
)
def test_it_refuses_a_target_it_cannot_read(refuses, by, value, words):
    refuses(SLUG, by, value, words, by=by)


def test_it_refuses_a_target_no_price_reaches(fetch, field_error):
    response = fetch(SLUG, side="short", roe="1000")  # needs a price of 0
    assert response.status_code == 422
    assert "A short cannot gain more than 1000 USDC" in field_error(response, "roe")
    response = fetch(SLUG, by="pnl", pnl="-1000")
    assert "A long cannot lose more than 1000 USDC" in field_error(response, "pnl")


def test_it_refuses_leverage_the_market_does_not_allow(fetch, field_error):
    response = fetch(SLUG, market="SOL-PERP", size="10", entry="150", leverage="100")
    assert response.status_code == 422
    assert "SOL-PERP allows at most 50×" in field_error(response, "leverage")


def test_it_refuses_an_unknown_fee_kind(fetch, field_error):
    response = fetch(SLUG, opening="free", by="both")
    assert response.status_code == 422
    assert "none, maker or taker" in field_error(response, "opening")
    assert "an ROE or a PnL" in field_error(response, "by")


def test_a_size_in_usdc_is_the_same_position(fetch):
    text = fetch(SLUG, htmx=True, size="1000", size_in="usdc").text  # 1,000 / 50,000 BTC
    assert "on this long of 0.020 BTC on BTC-PERP at 10×, close at 52,500.00 USDC" in text


def test_the_chart_marks_entry_and_exit_apart():
    def labels(roe: str) -> list[dict]:
        return build(SLUG, {"roe": roe}).chart.figure["layout"]["annotations"]

    assert [note["text"] for note in labels("0")] == ["Entry"]  # break-even is the entry
    # The prices span the two marks and 15 % more on each side, so however near the exit
    # lies, the labels stand three quarters of the plot's width apart.
    entry, exit_ = labels("1")
    assert (entry["text"], exit_["text"]) == ("Entry", "Exit")
    assert "xanchor" not in entry and "xanchor" not in exit_
