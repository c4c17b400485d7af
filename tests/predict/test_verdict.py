"""How far a guess was, in words and in the histogram's buckets."""

from decimal import Decimal

import pytest

from explainer.predict.questions import QUESTIONS
from explainer.predict.verdict import bucket_for, judge

LIQUIDATION = QUESTIONS["isolated-long-liquidation"]  # 45,226.13 USDC, right within 0.2 %


def test_it_calls_a_guess_within_the_tolerance_right_and_says_by_how_much():
    verdict = judge(LIQUIDATION, Decimal("45200"))
    assert (verdict.correct, verdict.bucket) == (True, "within-1")
    assert verdict.words == "Your guess was 45,200.00 USDC, 26.13 USDC (0.06 %) too low."


def test_it_says_a_wrong_guess_is_too_high_by_an_amount_and_a_share():
    verdict = judge(LIQUIDATION, Decimal("46456.13"))
    assert (verdict.correct, verdict.headline) == (False, "Not quite.")
    assert verdict.words == "Your guess was 46,456.13 USDC, 1,230.00 USDC (2.72 %) too high."
    assert verdict.bucket == "high-1"


def test_it_tells_a_guess_at_the_bankruptcy_price_that_it_is_too_low():
    verdict = judge(LIQUIDATION, Decimal("45000"))
    assert not verdict.correct
    assert verdict.words.endswith("226.13 USDC (0.50 %) too low.")


def test_it_says_a_guess_right_to_the_cent_is_the_answer():
    assert judge(LIQUIDATION, Decimal("45226.13")).words.endswith(": the answer, to the cent.")


def test_it_names_both_choices_when_a_choice_is_wrong():
    verdict = judge(QUESTIONS["which-mode-keeps-more"], "cross")
    assert (verdict.correct, verdict.bucket) == (False, "cross")
    assert verdict.words == "You chose “Cross”."


def test_it_calls_the_right_choice_right():
    assert judge(QUESTIONS["eth-survives-btc-drop"], "no").correct


@pytest.mark.parametrize(
    ("relative", "bucket"),
    [
        ("0", "within-1"),
        ("-0.01", "within-1"),
        ("0.0101", "high-1"),
        ("-0.05", "low-1"),
        ("0.2", "high-5"),
        ("-0.2001", "low-20"),
        ("-1", "low-20"),
        ("1e10", "high-20"),
    ],
)
def test_it_sorts_a_miss_into_its_bucket(relative, bucket):
    assert bucket_for(Decimal(relative)) == bucket
