"""Each widget's answer is the engine's, worked out here again from the seed trade by hand."""

from decimal import Decimal, localcontext

import pytest

from explainer.engine import Account, MarginMode, Position, Side, evaluate, replay
from explainer.predict.question import Kind
from explainer.predict.questions import QUESTIONS

D = Decimal


def seed(mode: MarginMode, **extra) -> Account:
    position = Position(
        side=Side.LONG,
        size=D("0.02"),
        entry_price=D(50000),
        leverage=D(10),
        margin_mode=mode,
        **extra,
    )
    return Account(wallet_balance=D(500), positions=(position,))


def isolated(margin: str = "100") -> Account:
    return seed(MarginMode.ISOLATED, isolated_margin=D(margin))


def liquidation(account: Account) -> Decimal:
    return evaluate(account).positions[0].liquidation_price


def test_it_has_at_least_five_widgets_each_with_its_own_slug():
    assert len(QUESTIONS) >= 5
    assert all(slug == question.slug for slug, question in QUESTIONS.items())


def test_it_places_the_isolated_liquidation_where_the_formula_does():
    answer = QUESTIONS["isolated-long-liquidation"].answer.value
    with localcontext(prec=40):
        by_hand = (D("0.02") * 50000 - 100) / (D("0.02") * (1 - D("0.005")))
    assert answer == liquidation(isolated()) == by_hand


def test_it_puts_the_bankruptcy_price_where_the_margin_is_gone():
    assert QUESTIONS["bankruptcy-price"].answer.value == 50000 - D(100) / D("0.02") == 45000


def test_it_says_isolated_keeps_more_after_the_drop_to_44000():
    kept_isolated = replay(isolated(), path=[{"BTC-PERP": D(44000)}]).final_wallet_balance
    cross = evaluate(seed(MarginMode.CROSS, mark_price=D(44000)))
    assert (kept_isolated, cross.cross_margin_balance) == (400, 380)
    assert QUESTIONS["which-mode-keeps-more"].answer.choice == "isolated"


def test_it_closes_the_eth_position_with_btc_at_25000():
    btc = seed(MarginMode.CROSS, mark_price=D(25000)).positions[0]
    eth = Position(
        market="ETH-PERP",
        side=Side.LONG,
        size=D("0.5"),
        entry_price=D(3000),
        leverage=D(10),
        margin_mode=MarginMode.CROSS,
    )
    result = evaluate(Account(wallet_balance=D(500), positions=(btc, eth)))
    assert result.positions[1].liquidated
    assert QUESTIONS["eth-survives-btc-drop"].answer.choice == "no"


def test_it_moves_the_liquidation_price_by_a_week_of_funding_taken_from_the_margin():
    paid = 21 * D("0.02") * 50000 * D("0.0001")  # 3 payments a day at 0.01 %
    expected = liquidation(isolated(str(100 - paid))) - liquidation(isolated())
    assert QUESTIONS["funding-week-drift"].answer.value == pytest.approx(expected, abs=D("1e-20"))
    assert QUESTIONS["funding-week-drift"].answer.shown == "105.53 USDC"


def test_it_moves_the_liquidation_price_by_what_50_usdc_more_margin_buys():
    expected = liquidation(isolated()) - liquidation(isolated("150"))
    answer = QUESTIONS["add-margin-moves-liquidation"].answer
    assert answer.value == pytest.approx(expected, abs=D("1e-20"))
    assert answer.shown == "2,512.56 USDC"


@pytest.mark.parametrize("question", QUESTIONS.values(), ids=QUESTIONS.keys())
def test_each_answer_is_explained_in_sentences_that_show_the_answer(question):
    answer = question.answer
    assert len(answer.explanation) >= 3
    if question.kind is Kind.NUMBER:
        shown = answer.shown.removesuffix(" USDC")
        assert any(shown in sentence for sentence in answer.explanation)
    else:
        assert answer.choice in {choice.value for choice in question.choices}
