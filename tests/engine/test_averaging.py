"""Averaging fills into one position, and a size given in USDC turned into the base asset."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explainer.engine import Fill, MarginError, average_entry, size_in_base
from explainer.engine.averaging import MAX_FILLS
from tests.engine.builders import D


def fills(*pairs: tuple[str, str]) -> list[Fill]:
    return [Fill(price=D(price), size=D(size)) for price, size in pairs]


# Worked examples, by hand --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pairs", "entry", "size", "notional"),
    [
        # (0.01 × 50,000 + 0.01 × 48,000) / 0.02 = (500 + 480) / 0.02 = 49,000
        ((("50000", "0.01"), ("48000", "0.01")), "49000", "0.02", "980"),
        # (500 + 0.02 × 47,000) / 0.03 = (500 + 940) / 0.03 = 48,000
        ((("50000", "0.01"), ("47000", "0.02")), "48000", "0.03", "1440"),
        # The seed of the calculator: (500 + 288 + 184) / 0.02 = 48,600
        ((("50000", "0.01"), ("48000", "0.006"), ("46000", "0.004")), "48600", "0.02", "972"),
        # (1 × 3,000 + 3 × 2,800) / 4 = 11,400 / 4 = 2,850
        ((("3000", "1"), ("2800", "3")), "2850", "4", "11400"),
        # One fill is its own average.
        ((("150.125", "7.5"),), "150.125", "7.5", "1125.9375"),
    ],
)
def test_it_weights_each_fill_price_by_its_size(pairs, entry, size, notional):
    average = average_entry(fills(*pairs))
    assert (average.entry_price, average.size, average.notional) == (D(entry), D(size), D(notional))


def test_a_division_that_does_not_end_keeps_the_engines_forty_digits():
    # (100 + 2 × 200) / 3 = 166.666…
    average = average_entry(fills(("100", "1"), ("200", "2")))
    assert average.entry_price == D("166.6666666666666666666666666666666666667")


def test_it_turns_a_usdc_notional_into_the_base_asset_at_the_price():
    # 1,000 USDC at 50,000 is 0.02 BTC; 100 USDC at 3 is 33.33… of the coin.
    assert size_in_base(notional=D("1000"), price=D("50000")) == D("0.02")
    assert size_in_base(notional=D("100"), price=D("3")) == D(
        "33.33333333333333333333333333333333333333"
    )


# Refusals ------------------------------------------------------------------------------------


def refusal(call):
    with pytest.raises(MarginError) as error:
        call()
    return error.value


@pytest.mark.parametrize(
    ("pairs", "field"),
    [
        ((("50000", "0.01"), ("0", "0.01")), "fills[1].price"),
        ((("50000", "-0.01"),), "fills[0].size"),
        ((("50000", "0.01"), ("48000", "1e400")), "fills[1].size"),
    ],
)
def test_it_names_the_fill_and_the_figure_it_refuses(pairs, field):
    assert refusal(lambda: average_entry(fills(*pairs))).field == field


def test_it_refuses_no_fills_and_too_many():
    assert refusal(lambda: average_entry([])).field == "fills"
    many = fills(*[("100", "1")] * (MAX_FILLS + 1))
    assert refusal(lambda: average_entry(many)).message == f"Give at most {MAX_FILLS} fills."


def test_a_usdc_size_needs_a_positive_notional_and_price():
    assert refusal(lambda: size_in_base(notional=D(0), price=D(5))).field == "notional"
    assert refusal(lambda: size_in_base(notional=D(5), price=D("NaN"))).field == "price"


# Properties ----------------------------------------------------------------------------------

prices = st.decimals(min_value=Decimal("0.001"), max_value=Decimal(10**7), places=3)
sizes = st.decimals(min_value=Decimal("0.001"), max_value=Decimal(10**4), places=3)
fill_lists = st.lists(st.builds(Fill, price=prices, size=sizes), min_size=1, max_size=10)


@given(fill_lists)
def test_the_average_lies_between_the_lowest_and_the_highest_fill_price(drawn):
    average = average_entry(drawn)
    assert min(f.price for f in drawn) <= average.entry_price <= max(f.price for f in drawn)


@given(fill_lists, st.randoms(use_true_random=False))
def test_the_order_of_the_fills_does_not_matter(drawn, random):
    shuffled = random.sample(drawn, len(drawn))
    assert average_entry(shuffled) == average_entry(drawn)


@given(fill_lists, st.integers(2, 1000))
def test_scaling_every_size_alike_leaves_the_average_price_alone(drawn, factor):
    scaled = [Fill(f.price, f.size * factor) for f in drawn]
    assert average_entry(scaled).entry_price == average_entry(drawn).entry_price


@given(fill_lists)
def test_the_size_is_the_sum_and_the_notional_is_size_times_average(drawn):
    average = average_entry(drawn)
    assert average.size == sum(f.size for f in drawn)
    assert abs(average.size * average.entry_price - average.notional) <= average.notional * D(
        "1e-38"
    )
