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
    assert "One row every 13 days, and the last day." in text
    assert '<th scope="row">Day 364</th>' in text and '<th scope="row">Day 365</th>' in text


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
def test_it_refuses_nonsense_next_to_the_field(fetch, field_error, nonsense, field):
    value, words = nonsense
    for htmx in (False, True):
        response = fetch(SLUG, htmx=htmx, **{field: value})
        assert response.status_code == 422
        assert words in field_error(response, field)
        assert f'value="{value}"' in response.text or htmx  # the page keeps what was typed


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("", "Enter the number of days"),
        ("0", "at least 1 day"),
        ("-3", "at least 1 day"),
        ("366", "at most 365 days"),
        ("1.5", "whole number"),
        ("1e400", "whole number"),
        ("NaN", "whole number"),
        ("Infinity", "whole number"),
        ("a month", "whole number"),
    ],
)
def test_it_refuses_days_it_cannot_follow(fetch, field_error, value, words):
    response = fetch(SLUG, days=value)
    assert response.status_code == 422
    assert words in field_error(response, "days")


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("", "Enter the funding rate"),
        ("6", "at most 5 %"),
        ("-6", "at least -5 %"),
        ("1e400", "at most 5 %"),
        ("NaN", "as a number"),
        ("Infinity", "as a number"),
        ("high", "as a number"),
    ],
)
def test_it_refuses_a_rate_beyond_the_caps(fetch, field_error, value, words):
    response = fetch(SLUG, rate=value)
    assert response.status_code == 422
    assert words in field_error(response, "rate")


def test_a_zero_rate_moves_nothing(fetch):
    assert "neither pays nor receives funding" in fetch(SLUG, htmx=True, rate="0").text


def test_it_refuses_a_balance_below_the_initial_margin(fetch, field_error):
    response = fetch(SLUG, wallet="50")
    assert response.status_code == 422
    assert "cannot cover this position's initial margin" in field_error(response, "wallet")
