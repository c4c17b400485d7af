"""A size can be given in the coin or in USDC of notional at the entry price: the answer is
the same, and the math says what the size in the coin was."""

import re

import pytest

# The seed is 0.02 BTC at 50,000 USDC: 1,000 USDC of notional.
SIZED = ("liquidation-price", "leverage-explorer", "margin-pnl-roe")


def answer(response) -> str:
    """The sentence and the tables, without the math (which adds the conversion)."""
    text = response.text
    lede = re.search(r'<p class="calc-lede">.*?</p>', text, re.S).group(0)
    return lede + "".join(re.findall(r"<table.*?</table>", text, re.S))


@pytest.mark.parametrize("slug", SIZED)
def test_a_usdc_size_gives_the_same_answer_as_the_coin_it_buys(fetch, slug):
    in_coin = fetch(slug, htmx=True, size="0.02", size_in="base")
    in_usdc = fetch(slug, htmx=True, size="1000", size_in="usdc")
    assert in_coin.status_code == in_usdc.status_code == 200
    assert answer(in_usdc) == answer(in_coin)


@pytest.mark.parametrize("slug", SIZED)
def test_the_math_says_what_the_usdc_size_was_in_the_coin(fetch, slug):
    text = fetch(slug, htmx=True, size="1000", size_in="usdc").text
    assert "Sizes given in USDC" in text
    assert "q = 1000 / 50000" in text
    assert "<strong>0.02</strong>" in text
    assert "Sizes given in USDC" not in fetch(slug, htmx=True).text


def test_a_size_that_does_not_divide_evenly_keeps_forty_digits(fetch):
    # 1,000 USDC at 30,000 is 0.0333… BTC; the liquidation price is the same as for that size.
    response = fetch("liquidation-price", htmx=True, size="1000", size_in="usdc", entry="30000")
    assert response.status_code == 200
    assert "0.033 BTC" in response.text


def test_it_refuses_a_unit_that_is_neither(fetch, field_error):
    response = fetch("liquidation-price", size_in="EUR")
    assert response.status_code == 422
    assert "Choose the coin or USDC." in field_error(response, "size_in")
    assert 'value="0.02"' in response.text  # the inputs are kept


def test_the_usdc_size_keeps_the_same_bounds_and_errors(fetch, field_error, nonsense):
    value, words = nonsense
    response = fetch("margin-pnl-roe", size=value, size_in="usdc")
    assert response.status_code == 422
    assert words in field_error(response, "size")


def test_a_permalink_keeps_the_unit(fetch):
    page = fetch("liquidation-price", size="1000", size_in="usdc")
    assert re.search(r'name="size_in" value="usdc"[^>]*checked', page.text)
    assert not re.search(r'name="size_in" value="base"[^>]*checked', page.text)
