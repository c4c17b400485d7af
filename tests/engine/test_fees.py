"""Fees: the opening fee leaves the wallet, and the closing fee can be reserved in the
liquidation and bankruptcy prices (OKX and Gate: the position is liquidated while enough is
left to pay for closing it). Rates are the market's illustrative ones unless the account
gives its own."""

from dataclasses import replace
from decimal import localcontext

import pytest

from explainer.engine import (
    FeeRates,
    MarginError,
    close_position,
    evaluate,
    explain,
    get_market,
    open_position,
)
from explainer.engine.decimals import CONTEXT
from tests.engine.builders import D, account, position


def one_btc_long():
    # 1 BTC at 60,000, 10×, isolated: 6,000 USDC of margin. Near 54,000 its notional is in
    # BTC-PERP tier 2 (from 50,000 USDC: rate 1 %, maintenance amount 250).
    return account("10000", position(size="1", entry="60000", leverage="10"))


def exact(numerator, denominator):
    with localcontext(CONTEXT):
        return D(numerator) / D(denominator)


def test_the_markets_carry_illustrative_maker_taker_and_liquidation_rates():
    rates = get_market("BTC-PERP").fees
    assert (rates.maker, rates.taker, rates.liquidation) == (D("0.0002"), D("0.0005"), D("0.005"))


def test_without_a_reserve_the_prices_are_the_ones_before_fees():
    result = evaluate(one_btc_long()).positions[0]
    # 6,000 + (P − 60,000) = 0.01·P − 250  →  P = 53,750 / 0.99
    assert result.liquidation_price == exact(53750, "0.99")
    assert result.bankruptcy_price == 54000


def test_a_reserved_closing_fee_moves_liquidation_and_bankruptcy_closer():
    reserved = replace(one_btc_long(), reserve_closing_fee=True)
    result = evaluate(reserved).positions[0]
    # The taker fee of closing, 0.05 % of q·P, joins the maintenance margin:
    # 6,000 + (P − 60,000) = 0.01·P − 250 + 0.0005·P  →  P = 53,750 / 0.9895 ≈ 54,320.36
    assert result.liquidation_price == exact(53750, "0.9895")
    # 6,000 + (P − 60,000) − 0.0005·P = 0  →  P = 54,000 / 0.9995 ≈ 54,027.01
    assert result.bankruptcy_price == exact(54000, "0.9995")
    assert result.maintenance_margin == evaluate(one_btc_long()).positions[0].maintenance_margin


def test_the_reserve_uses_the_accounts_own_taker_rate():
    own = {"BTC-PERP": FeeRates(maker=D(0), taker=D("0.001"), liquidation=D("0.01"))}
    reserved = replace(one_btc_long(), reserve_closing_fee=True, fee_rates=own)
    result = evaluate(reserved).positions[0]
    assert result.liquidation_price == exact(53750, "0.989")


def test_a_reserved_cross_position_is_liquidated_a_hair_below_its_price_and_not_above():
    cross = account("6000", position(size="1", entry="60000", leverage="10", mode="cross"))
    reserved = replace(cross, reserve_closing_fee=True)
    price = evaluate(reserved).positions[0].liquidation_price
    with localcontext(CONTEXT):
        below, above = price * (1 - D("1e-20")), price * (1 + D("1e-20"))
    flags = [
        evaluate(replace(reserved, positions=(replace(cross.positions[0], mark_price=p),)))
        .positions[0]
        .liquidated
        for p in (below, above)
    ]
    assert flags == [True, False]


def test_opening_at_the_markets_taker_rate_takes_the_fee_from_the_wallet():
    start = account("10000", position(market="ETH-PERP", size="1", entry="3000", leverage="10"))
    opened = open_position(start, position(size="0.1", entry="60000"), taker_fee_rate=None)
    # 0.1 × 60,000 × 0.05 % = 3 USDC
    assert opened.wallet_balance == D("9997")


def test_closing_realises_the_pnl_less_the_fee_at_the_price():
    start = account("10000", position(size="0.1", entry="60000"), position(market="ETH-PERP"))
    closed = close_position(start, index=0, price=D(61000), taker_fee_rate=D("0.0005"))
    # +100 of PnL, less 0.1 × 61,000 × 0.05 % = 3.05
    assert closed.wallet_balance == D("10096.95")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"reserve_closing_fee": "yes"}, "reserve_closing_fee"),
        ({"fee_rates": {"DOGE-PERP": FeeRates(D(0), D(0), D(0))}}, "fee_rates"),
        ({"fee_rates": {"BTC-PERP": (D(0), D(0), D(0))}}, "fee_rates.BTC-PERP"),
        ({"fee_rates": {"BTC-PERP": FeeRates(D(0), D(-1), D(0))}}, "fee_rates.BTC-PERP.taker"),
        ({"fee_rates": {"BTC-PERP": FeeRates(D(0), D(0), D(1))}}, "fee_rates.BTC-PERP.liquidation"),
        ({"fee_rates": [("BTC-PERP", None)]}, "fee_rates"),
    ],
)
def test_bad_fee_settings_are_named(changes, field):
    with pytest.raises(MarginError) as error:
        evaluate(replace(one_btc_long(), **changes))
    assert error.value.field == field


def test_show_the_math_writes_the_reserved_fee_into_both_prices():
    shown = {d.name: d for d in explain(replace(one_btc_long(), reserve_closing_fee=True), 0)}
    liquidation, bankruptcy = shown["liquidation_price"], shown["bankruptcy_price"]
    assert "reserved closing fee" in liquidation.words
    assert liquidation.formula.endswith("/ (q·(s − rate − fee))")
    assert liquidation.substituted.endswith("(1 × (1 − 0.01 − 0.0005))")
    assert bankruptcy.substituted.endswith("(1 × (1 − 0.0005))")


def test_with_the_fee_reserved_the_maximum_loss_is_still_all_of_the_margin():
    shown = {d.name: d for d in explain(replace(one_btc_long(), reserve_closing_fee=True), 0)}
    loss = shown["max_loss"]
    assert (loss.formula, loss.substituted, loss.value) == (
        "max loss = margin",
        "max loss = 6000",
        6000,
    )
