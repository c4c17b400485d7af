"""Funding drift: the seed trade held for days at its entry price, paying 0.01 % every 8 hours.

Each payment is s·q·M·rate = 0.02 × 50,000 × 0.0001 = 0.10 USDC, three a day. Isolated, it
comes out of the 100 USDC margin, and the liquidation price (1,000 − margin) / 0.0199 rises
by 0.10 / 0.0199 ≈ 5.03 USDC a payment.
"""

import pytest

SLUG = "funding-drift"


def test_it_walks_the_isolated_liquidation_price_towards_the_mark(fetch):
    response = fetch(SLUG)
    assert response.status_code == 200
    text = response.text
    assert "pays 0.10 USDC every 8 hours at a rate of 0.01 %" in text
    assert "Over 30 days that is 9.00 USDC from its margin" in text
    # (1,000 − 100) / 0.0199 at the start, (1,000 − 91) / 0.0199 after 90 payments.
    assert "from 45,226.13 USDC to 45,678.39 USDC, closer to the mark" in text
    assert '<th scope="row">Day 30</th>' in text  # a row per day


def test_a_short_receives_and_its_liquidation_price_moves_away(fetch):
    text = fetch(SLUG, htmx=True, side="short").text
    assert "receives 0.10 USDC" in text
    assert "9.00 USDC into its margin" in text
    assert "further from the mark" in text


def test_cross_pays_from_the_balance(fetch):
    text = fetch(SLUG, htmx=True, mode="cross").text
    assert "from the balance" in text
    assert "491.00 USDC" in text  # 500 − 90 × 0.10


def test_funding_alone_can_liquidate(fetch):
    # 0.5 USDC a payment: the margin, 100, reaches the maintenance margin, 5, after 190.
    text = fetch(SLUG, htmx=True, rate="0.05", days="90").text
    assert "Funding alone liquidates it on day 64, once 95.00 USDC has gone" in text
    assert ">liquidated<" in text


def test_a_long_stretch_shows_every_few_days(fetch):
    text = fetch(SLUG, htmx=True, side="short", days="365").text  # receives: never liquidated
    assert "One row every 37 days, and the last day." in text
    assert '<th scope="row">Day 333</th>' in text and '<th scope="row">Day 365</th>' in text
    assert '<th scope="row">Day 364</th>' not in text


def test_a_month_fits_a_phone_in_a_row_every_few_days(fetch):
    text = fetch(SLUG, htmx=True, days="30").text
    assert "One row every 4 days, and the last day." in text
    assert '<th scope="row">Day 28</th>' in text and '<th scope="row">Day 30</th>' in text


def test_ten_days_are_shown_day_by_day(fetch):
    text = fetch(SLUG, htmx=True, days="10").text
    assert "One row every" not in text
    assert all(f'<th scope="row">Day {day}</th>' in text for day in range(11))


def test_the_math_shows_the_payment_and_the_margin_after(fetch):
    text = fetch(SLUG, htmx=True).text
    assert "funding = 1 × 0.02 × 50000 × 0.0001" in text
    assert "margin = 100 − 9" in text


def test_htmx_gets_the_partial_and_a_permalink_the_page(fetch):
    partial = fetch(SLUG, htmx=True, days="10")
    page = fetch(SLUG, days="10")
    assert "<html" not in partial.text and "<html" in page.text
    for response in (partial, page):
        assert "Over 10 days that is 3.00 USDC" in response.text
    assert 'value="10"' in page.text


@pytest.mark.parametrize("field", ["size", "entry", "wallet"])
def test_it_refuses_nonsense_next_to_the_field(refuses, nonsense, field):
    refuses(SLUG, field, *nonsense)


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("days", "", "Enter the number of days"),
        ("days", "0", "at least 1 day"),
        ("days", "-3", "at least 1 day"),
        ("days", "366", "at most 365 days"),
        ("days", "1.5", "whole number"),
        ("days", "1e400", "whole number"),
        ("days", "NaN", "whole number"),
        ("days", "Infinity", "whole number"),
        ("days", "a month", "whole number"),
        ("rate", "", "Enter the funding rate"),
        ("rate", "6", "at most 5 %"),
        ("rate", "-6", "at least -5 %"),
        ("rate", "1e400", "at most 5 %"),
        ("rate", "NaN", "as a number"),
        ("rate", "Infinity", "as a number"),
        ("rate", "high", "as a number"),
    ],
)
def test_it_refuses_days_and_rates_it_cannot_follow(refuses, field, value, words):
    refuses(SLUG, field, value, words)


def test_a_zero_rate_moves_nothing(fetch):
    assert "neither pays nor receives funding" in fetch(SLUG, htmx=True, rate="0").text


def test_it_refuses_a_balance_below_the_initial_margin(fetch, field_error):
    response = fetch(SLUG, wallet="50")
    assert response.status_code == 422
    assert "cannot cover this position's initial margin" in field_error(response, "wallet")


def test_a_size_in_usdc_is_the_same_position(fetch):
    by_coin = fetch(SLUG, htmx=True).text
    by_usdc = fetch(SLUG, htmx=True, size="1000", size_in="usdc").text  # 1,000 / 50,000
    lede = "this isolated long of 0.020 BTC on BTC-PERP pays 0.10 USDC every 8 hours"
    assert lede in by_coin and lede in by_usdc
    assert "Sizes given in USDC" in by_usdc


def test_a_mark_away_from_the_entry_pays_on_that_mark(fetch):
    # 0.02 × 46,000 × 0.0001 = 0.092 a payment, 8.28 USDC over 90; the mark is 1.68 % above
    # the isolated liquidation price, which does not depend on the mark: 45,226.13.
    text = fetch(SLUG, htmx=True, price="46000").text
    assert "Held at a steady mark of 46,000.00 USDC" in text
    assert "Over 30 days that is 8.28 USDC from its margin" in text
    assert "1.68 %" in text


def test_a_mark_past_the_liquidation_price_is_refused(refuses):
    refuses(SLUG, "price", "45000", "liquidated already, before any funding")
