"""The controls' forms on their own: what the engine refuses lands on the field it names, and a
valid form holds the account the engine returned."""

from decimal import Decimal

import pytest

from explainer.engine.practice import PATHS, advance, choose_path, fresh
from explainer.practice.forms import OrderForm, PathForm, StepForm
from tests.practice.data import BTC_LONG


@pytest.fixture
def newcomer():
    """A fresh practice account: no position, no path."""
    return fresh()


def test_it_holds_the_account_with_the_new_position(newcomer):
    form = OrderForm(BTC_LONG, practice=newcomer)
    assert form.is_valid()
    (position,) = form.result.account.positions
    assert position.size == Decimal("0.05")
    assert newcomer.account.positions == ()


def test_it_puts_a_custom_paths_unreadable_line_on_the_textarea(newcomer):
    form = PathForm({"path": "custom", "custom": "BTC-PERP 60000\nBTC-PERP"}, practice=newcomer)
    assert not form.is_valid()
    assert "Line 2" in form.errors["custom"][0]


def test_it_puts_too_many_hours_for_the_path_on_the_hours_field(newcomer):
    text = "\n".join(["BTC-PERP 60000"] * 1000)
    form = PathForm({"path": "custom", "custom": text, "hours": "24"}, practice=newcomer)
    assert not form.is_valid()
    assert list(form.errors) == ["hours"]


def test_it_asks_for_the_price_of_a_limit_order(newcomer):
    form = OrderForm({**BTC_LONG, "kind": "limit"}, practice=newcomer)
    assert not form.is_valid()
    assert form.errors["price"] == ["Enter the limit price for a limit order."]


def test_it_refuses_a_step_once_the_path_has_ended(newcomer):
    path = PATHS["flash-wick"]
    ended = advance(choose_path(newcomer, path), len(path.steps))
    while not ended.finished:
        ended = advance(ended, len(path.steps))
    form = StepForm({"steps": "1"}, practice=ended)
    assert not form.is_valid()
    assert "played to its end" in form.errors["steps"][0]


def test_it_stops_at_the_step_that_pauses_and_keeps_each_step_before(newcomer):
    holding = OrderForm(BTC_LONG, practice=newcomer)
    assert holding.is_valid()
    playing = choose_path(holding.result, PATHS["week-of-funding"])
    form = StepForm({"steps": "50"}, practice=playing)
    assert form.is_valid()
    assert form.result.frames[-1].happenings[0].kind == "funding"
    assert [p.step for p in form.played] == list(range(1, form.result.step + 1))
