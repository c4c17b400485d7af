from decimal import Decimal

import pytest
from django import forms
from hypothesis import given
from hypothesis import strategies as st

from explainer.checks.forms import AnswersForm, read_number
from explainer.checks.questions import attempt

QUESTIONS = attempt(99)
NUMERIC = next(q.id for q in QUESTIONS if q.numeric)


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("61234.5", "61234.5"),
        ("61,234.50 USDC", "61234.50"),
        ("−12.5", "-12.5"),
        (" 13.5 % ", "13.5"),
        (".5", "0.5"),
        ("+7", "7"),
    ],
)
def test_it_reads_plain_numbers_with_separators_signs_and_units(typed, number):
    assert read_number(typed) == Decimal(number)


@pytest.mark.parametrize(
    "typed", ["NaN", "Infinity", "-inf", "1e400", "1E5", "abc", "12..5", "1" * 16, "0x10", "½"]
)
def test_it_refuses_what_is_not_a_plain_number(typed):
    with pytest.raises(forms.ValidationError):
        read_number(typed)


def test_blank_answers_are_not_errors_and_score_as_unanswered():
    form = AnswersForm(QUESTIONS, data={})
    assert form.is_valid()
    assert set(form.answers().values()) == {None}


def test_a_malformed_number_is_an_error_on_its_own_field():
    form = AnswersForm(QUESTIONS, data={NUMERIC: "1e400"})
    assert not form.is_valid()
    assert list(form.errors) == [NUMERIC]


def test_zero_is_an_answer_not_a_blank():
    form = AnswersForm(QUESTIONS, data={NUMERIC: "0"})
    assert form.is_valid() and form.answers()[NUMERIC] == 0


@given(st.text(max_size=60))
def test_any_text_is_either_a_number_or_a_field_error(typed):
    form = AnswersForm(QUESTIONS, data={NUMERIC: typed})
    if form.is_valid():
        given_number = form.answers()[NUMERIC]
        assert given_number is None or given_number.is_finite()
    else:
        assert list(form.errors) == [NUMERIC]
