"""Each question's right answer, worked out again from the numbers the reader is shown (read
back from the page's text) by calling the engine directly: the question, its figures and its
answer cannot drift apart."""

import re
from decimal import Decimal

import pytest

from explainer.calculators import display
from explainer.checks.questions import Question, attempt
from explainer.engine import (
    MARKETS,
    Account,
    MarginMode,
    Position,
    add_margin,
    evaluate,
    funding_drift,
)

SEEDS = [3, 17, 2024, 86_420, 555_555_555]
NUMBER = re.compile(r"[−-]?\d[\d,]*(?:\.\d+)?")


def numbers(text: str) -> list[Decimal]:
    return [Decimal(n.replace(",", "").replace("−", "-")) for n in NUMBER.findall(text)]


def fact(question: Question, label: str) -> str:
    return dict(question.facts)[label]


def position(question: Question, mode=MarginMode.ISOLATED, mark=None) -> Position:
    size, entry, leverage = (
        numbers(fact(question, k))[0] for k in ("Size", "Entry price", "Leverage")
    )
    side = fact(question, "Side").lower()
    market = fact(question, "Market")
    return Position(side, size, entry, leverage, mode, market=market, mark_price=mark)


def alone(question: Question, wallet=None, **kwargs):
    held = position(question, **kwargs)
    return evaluate(Account(wallet or held.size * held.entry_price, (held,))).positions[0]


def question(seed: int, question_id: str) -> Question:
    return next(q for q in attempt(seed) if q.id == question_id)


def right_text(q: Question) -> str:
    return next(choice.text for choice in q.choices if choice.key == q.answer_key)


@pytest.mark.parametrize("seed", SEEDS)
def test_liquidation_price_and_maintenance_margin(seed):
    q = question(seed, "liquidation-price")
    assert q.answer == alone(q).liquidation_price
    q = question(seed, "maintenance-tier")
    assert q.answer == alone(q).maintenance_margin


@pytest.mark.parametrize("seed", SEEDS)
def test_max_loss_is_the_isolated_margin(seed):
    q = question(seed, "max-loss")
    wallet = numbers(q.prompt)[0]
    assert q.answer == alone(q, wallet).max_loss == alone(q, wallet).initial_margin


@pytest.mark.parametrize("seed", SEEDS)
def test_adding_margin_moves_the_liquidation_price(seed):
    q = question(seed, "adding-margin")
    _, added, wallet, _ = numbers(q.prompt)
    before = Account(wallet, (position(q),))
    assert (
        q.answer
        == evaluate(add_margin(before, index=0, amount=added)).positions[0].liquidation_price
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_funding_changes_the_wallet(seed):
    q = question(seed, "funding")
    rate, _, _, times = numbers(q.prompt)[:4]
    held = position(q, MarginMode.CROSS)
    account = Account(held.size * held.entry_price, (held,))
    points = funding_drift(account, intervals=int(times), rates={held.market: rate / 100})
    assert q.answer == -points[-1].funding_paid[0]


@pytest.mark.parametrize("seed", SEEDS)
def test_fees_are_rates_of_the_value_traded(seed):
    q = question(seed, "trading-fees")
    held, close = position(q), numbers(q.prompt)[2]
    fees = MARKETS[held.market].fees
    assert q.answer == held.size * held.entry_price * fees.taker + held.size * close * fees.maker
    q = question(seed, "liquidation-fee")
    held, mark = position(q), numbers(q.prompt)[1]
    assert q.answer == held.size * mark * MARKETS[held.market].fees.liquidation


@pytest.mark.parametrize("seed", SEEDS)
def test_margin_ratio(seed):
    q = question(seed, "margin-ratio")
    wallet, mark = numbers(q.prompt)[:2]
    held = position(q, MarginMode.CROSS, mark=mark)
    assert q.answer == evaluate(Account(wallet, (held,))).margin_ratio * 100


@pytest.mark.parametrize("seed", SEEDS)
def test_a_cross_position_can_take_the_cross_wallet(seed):
    q = question(seed, "cross-risk")
    wallet, size, entry, leverage = numbers(q.prompt)[:4]
    side = "long" if "isolated long" in q.prompt else "short"
    other = Position(side, size, entry, leverage, MarginMode.ISOLATED, market="BTC-PERP")
    result = evaluate(Account(wallet, (other, position(q, MarginMode.CROSS))))
    assert q.answer == result.positions[1].max_loss == result.cross_wallet_balance


@pytest.mark.parametrize("seed", SEEDS)
def test_the_mark_price_decides_liquidation(seed):
    q = question(seed, "mark-vs-last")
    mark = numbers(q.prompt)[2]
    survives = not alone(q, mark=mark).liquidated
    assert right_text(q).startswith("Nothing") is survives


@pytest.mark.parametrize("seed", SEEDS)
def test_the_liquidation_price_comes_before_bankruptcy(seed):
    q = question(seed, "liquidation-vs-bankruptcy")
    market = MARKETS[fact(q, "Market")]
    assert right_text(q) == display.price(alone(q).liquidation_price, market)


@pytest.mark.parametrize("seed", SEEDS)
def test_which_mode_survives_the_move(seed):
    q = question(seed, "mode-survival")
    wallet, move = numbers(q.prompt)[:2]
    isolated = not alone(q, wallet, mark=move).liquidated
    cross = not alone(q, wallet, mode=MarginMode.CROSS, mark=move).liquidated
    expected = {(False, True): "Only in cross", (True, False): "Only in isolated"}
    assert right_text(q).startswith(
        expected.get((isolated, cross), "In both" if cross else "In neither")
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_the_insurance_fund_covers_past_the_margin(seed):
    q = question(seed, "insurance-fund")
    wallet = numbers(q.prompt)[0]
    assert right_text(q).startswith(
        f"You lose your margin of {display.formatting.usdc(alone(q, wallet).margin)};"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_auto_deleveraging_takes_the_highest_rank_first(seed):
    q = question(seed, "adl-rank")
    market, mark = fact(q, "Market"), numbers(fact(q, "Mark price"))[0]
    scores = {}
    for name, size, entry, leverage in q.table[1:]:
        held = Position(
            "short",
            *(numbers(v)[0] for v in (size, entry, leverage)),
            MarginMode.ISOLATED,
            market=market,
            mark_price=mark,
        )
        scores[name] = (
            evaluate(Account(held.size * held.entry_price, (held,))).positions[0].adl_score
        )
    assert right_text(q) == f"{max(scores, key=scores.get)}'s short."
