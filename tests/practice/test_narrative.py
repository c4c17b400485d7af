"""Each happening in one sentence with its numbers, rounded for reading, and a link to the
section of the article that teaches it."""

from decimal import Decimal as D

import pytest

from explainer.engine import MarginMode
from explainer.engine.practice import SCENARIOS, Happening
from explainer.practice.narrative import ARTICLES, CROSS_LIQUIDATION, article_url, explain


def happening(kind: str, mode=MarginMode.CROSS, **changes) -> Happening:
    values = {
        "kind": kind,
        "step": 23,
        "hours": None,
        "position_id": "p1",
        "market": "BTC-PERP",
        "margin_mode": mode,
        "mark_price": D("50070.8"),
        "last_price": None,
        "size": D("0.05"),
        "remaining_size": D("0"),
        "amount": D("540.123"),
        "detail": {"fee": D("3.0212"), "realized_pnl": D("-497.1")},
        "pauses": True,
    }
    return Happening(**(values | changes))


@pytest.mark.parametrize(
    ("kind", "mode", "words", "link"),
    [
        (
            "liquidation",
            MarginMode.CROSS,
            "At step 24 the cross margin balance fell to the maintenance margin, so every cross "
            "position was liquidated together, because they share one balance: position p1 "
            "(BTC-PERP, at a mark of 50,070.80 USDC) lost 540.12 USDC",
            "/articles/cross-vs-isolated-margin/#several-cross-positions-share-one-balance",
        ),
        (
            "liquidation",
            MarginMode.ISOLATED,
            "isolated position p1 was liquidated and lost its 540.12 USDC of margin",
            "/articles/liquidation-price-and-risk-engine/#the-isolated-liquidation-boundary",
        ),
        (
            "partial_liquidation",
            MarginMode.CROSS,
            "closed 0.050 BTC of position p1 (BTC-PERP cross)",
            "/articles/partial-liquidation-of-large-positions/#one-bracket-at-a-time",
        ),
    ],
)
def test_it_words_a_liquidation_with_its_numbers_and_lesson(kind, mode, words, link):
    (sentence,) = explain((happening(kind, mode),))
    assert words in sentence.text
    assert sentence.link == link
    assert sentence.pauses


def test_it_words_the_cross_positions_liquidated_together_in_one_sentence():
    eth = happening("liquidation", position_id="p2", market="ETH-PERP", mark_price=D("3900"))
    (sentence,) = explain((happening("liquidation"), eth))
    assert "position p1 (BTC-PERP, at a mark of 50,070.80 USDC) lost 540.12 USDC" in sentence.text
    assert "position p2 (ETH-PERP, at a mark of 3,900.00 USDC) lost 540.12 USDC" in sentence.text


def test_it_says_whether_funding_came_from_the_cross_wallet_or_the_isolated_margin():
    detail = {"funding_rate": D("0.0005"), "notional": D("3000"), "margin": None}
    cross = happening("funding", amount=D("1.5"), detail=detail)
    isolated = happening("funding", MarginMode.ISOLATED, detail={**detail, "margin": D("98.5")})
    assert "paid 1.50 USDC, 0.0500 % of its 3,000.00 USDC notional, from the cross wallet" in (
        explain((cross,))[0].text
    )
    assert "from its isolated margin, which is now 98.50 USDC" in explain((isolated,))[0].text


def test_funding_paid_brings_the_price_closer_and_funding_received_moves_it_away():
    detail = {"funding_rate": D("0.0001"), "notional": D("3248.57"), "margin": None}
    paid = explain((happening("funding", amount=D("0.55"), detail=detail),))[0].text
    received = explain((happening("funding", amount=D("-0.32"), detail=detail),))[0].text
    assert "paid 0.55 USDC" in paid and "from the cross wallet" in paid
    assert "less margin brings the liquidation price closer" in paid
    assert "received 0.32 USDC" in received and "into the cross wallet" in received
    assert "more margin moves the liquidation price away" in received
    assert "less margin" not in received


def test_it_says_a_limit_order_filled_at_a_better_price_when_the_path_gapped():
    detail = {"limit_price": D("58000"), "fee": D("0.58"), "taker": D(0)}
    filled = happening("order_filled", amount=D("57500"), remaining_size=D("0.05"), detail=detail)
    text = explain((filled,))[0].text
    assert "filled as a maker" in text
    assert "at 57,500.00 USDC (better than the 58,000.00 USDC asked: the price gapped)" in text


def test_it_words_the_insurance_fund_and_what_was_passed_to_auto_deleveraging():
    fund = happening(
        "insurance_fund",
        amount=D("100"),
        detail={"insurance_fund_balance": D("0"), "shortfall": D("42.5")},
    )
    passed = happening("adl", amount=D("42.5"), detail={"passed_on": D("42.5")})
    texts = [s.text for s in explain((fund, passed))]
    assert "the insurance fund paid 100.00 USDC" in texts[0]
    assert "and 42.50 USDC it could not cover" in texts[0]
    assert "42.50 USDC was passed to traders on the other side" in texts[1]


def test_it_says_why_a_resting_order_was_cancelled():
    short = happening(
        "order_cancelled",
        amount=D("58000"),
        detail={"needed": D("300"), "available_balance": D("12")},
    )
    assert "it needed 300.00 USDC of margin and fee, and only 12.00 USDC was available" in (
        explain((short,))[0].text
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "anchor",
    sorted({*ARTICLES.values(), CROSS_LIQUIDATION, *(s.lesson_anchor for s in SCENARIOS.values())}),
)
def test_it_links_only_to_sections_the_articles_have(client, anchor):
    page, _, section = article_url(anchor).partition("#")
    assert f'id="{section}"' in client.get(page).content.decode()
