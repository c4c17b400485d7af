"""simulate with engine 2: funding on a clock, partial liquidation, a finite insurance fund and
auto-deleveraging, steps in the object form with last and index prices, and the markets' own
liquidation fees. Every number below is worked out by hand and checked against the engine."""

from decimal import Decimal

import pytest

# 1 BTC at 60,000 with 10× on isolated margin: 6,000 USDC, bankrupt at 54,000.
BTC_LONG = {
    "id": "btc",
    "side": "long",
    "size": "1",
    "entry_price": "60000",
    "leverage": "10",
    "margin_mode": "isolated",
}
ETH_SHORT = {
    "id": "eth",
    "market": "ETH-PERP",
    "side": "short",
    "size": "10",
    "entry_price": "3000",
    "leverage": "10",
    "margin_mode": "isolated",
}


def _replay(post, positions, path, wallet="6000", **settings):
    body = {"wallet_balance": wallet, "positions": positions, "path": path} | settings
    response = post("simulate", body)
    assert response.status_code == 200, response.json()
    return response.json()


def _steady(steps, mark="60000"):
    return [{"BTC-PERP": mark}] * steps


def _kinds(body):
    return [(event["step"], event["kind"]) for event in body["events"]]


def test_funding_falls_due_every_8_hours_and_leaves_an_isolated_margin(post):
    body = _replay(post, [BTC_LONG], _steady(4), funding_rates={}, hours_per_step="8")

    # 1 × 60,000 × 0.01 % (BTC-PERP's default rate) = 6 USDC at hours 8, 16 and 24.
    paid = [(e["step"], e["hours"], e["funding"], e["remaining_size"]) for e in body["events"]]
    assert paid == [(1, "8", "6", "1"), (2, "16", "6", "1"), (3, "24", "6", "1")]
    assert [step["hours"] for step in body["steps"]] == ["0", "8", "16", "24"]
    totals = body["totals"]
    assert (totals["funding"], totals["final_wallet_balance"]) == ("18", "5982")
    assert totals["event_counts"]["funding"] == 3 and totals["liquidations"] == 0


def test_funding_moves_an_isolated_positions_liquidation_price(post):
    body = _replay(post, [BTC_LONG], _steady(2), funding_rates={}, hours_per_step="8")

    before, after = (Decimal(step["liquidation_prices"]["btc"]) for step in body["steps"])
    # 6 USDC less margin: 5,994 + (P − 60,000) = 0.01·P − 250, P = 54,256 / 0.99.
    assert after - before == Decimal(6) / Decimal("0.99")


@pytest.mark.parametrize(("rate", "paid"), [("0.0001", "-6"), ("-0.0002", "12")])
def test_a_short_receives_at_a_positive_rate_and_pays_at_a_negative_one(post, rate, paid):
    short = BTC_LONG | {"side": "short"}

    body = _replay(post, [short], _steady(2), funding_rates={"BTC-PERP": rate}, hours_per_step=8)

    assert body["totals"]["funding"] == paid


def test_each_step_may_give_its_own_hours_and_several_funding_times_can_pass_at_once(post):
    path = [{"prices": {"BTC-PERP": "60000"}, "hours": hours} for hours in ("0", "7.9", "8", 30)]

    body = _replay(post, [BTC_LONG], path, funding_rates={})

    assert [e["step"] for e in body["events"]] == [2, 3, 3]


def test_funding_interval_hours_sets_the_funding_times(post):
    settings = {"funding_rates": {}, "hours_per_step": 8, "funding_interval_hours": 4}

    body = _replay(post, [BTC_LONG], _steady(3), **settings)

    # Funding times at 4, 8, 12 and 16 hours: two pass by step 1, two more by step 2.
    assert [event["step"] for event in body["events"]] == [1, 1, 2, 2]


def test_funding_can_tip_an_isolated_position_into_liquidation(post):
    # At 54,300 the position is 7.07 above its maintenance margin (equity 300, MM 543 − 250):
    # the first payment, 5.43, leaves it open; the second liquidates it.
    body = _replay(post, [BTC_LONG], _steady(3, "54300"), funding_rates={}, hours_per_step=8)

    assert _kinds(body) == [(1, "funding"), (2, "funding"), (2, "liquidation")]
    assert body["totals"]["liquidations"] == 1


def test_a_large_position_is_cut_into_the_tier_below_and_the_rest_survives(post):
    # 5 BTC at 60,000, 20×: 15,000 of margin, 300,000 of notional in tier 3 (from 250,000).
    # At 57,600 the largest size on the 0.001 lot below tier 3 is 4.340 (249,984 USDC).
    big = BTC_LONG | {"size": "5", "leverage": "20"}
    settings = {"liquidation_fee_rate": "market", "partial_liquidation": True}

    body = _replay(post, [big], [{"BTC-PERP": "57600"}], "20000", **settings)

    [cut] = body["events"]
    assert (cut["kind"], cut["size"], cut["remaining_size"]) == (
        "partial_liquidation",
        "0.66",
        "4.34",
    )
    # PnL 0.66 × (57,600 − 60,000) and the 0.5 % fee on 0.66 × 57,600, from the margin.
    assert (cut["realized_pnl"], cut["fee"], cut["loss"]) == ("-1584", "190.08", "0")
    assert list(body["steps"][0]["liquidation_prices"]) == ["btc"]
    assert body["totals"]["final_wallet_balance"] == "18225.92"
    assert body["totals"]["liquidations"] == 0


def test_without_partial_liquidation_the_whole_position_is_closed(post):
    big = BTC_LONG | {"size": "5", "leverage": "20"}

    body = _replay(post, [big], [{"BTC-PERP": "57600"}], "20000")

    assert [event["position_id"] for event in body["events"]] == ["btc"]
    assert body["totals"]["liquidations"] == 1


@pytest.mark.parametrize(
    ("fund", "paid", "deleveraged", "balance"),
    [("300", "-300", "700", "0"), ("5000", "-1000", "0", "4000"), (None, "-1000", "0", None)],
)
def test_the_insurance_fund_covers_a_gap_as_far_as_it_goes(post, fund, paid, deleveraged, balance):
    # The mark gaps to 53,000: the close leaves 6,000 − 7,000 = −1,000, past bankruptcy.
    settings = {"insurance_fund": fund, "hours_per_step": "1"}

    body = _replay(post, [BTC_LONG], [{"BTC-PERP": "53000"}], **settings)

    [event] = body["events"]
    assert (event["insurance_fund"], event["deleveraged"]) == (paid, deleveraged)
    assert event["insurance_fund_balance"] == body["totals"]["insurance_fund_balance"] == balance
    assert body["totals"]["final_wallet_balance"] == "0"  # the trader loses only the margin


def test_a_step_can_name_a_profitable_position_to_deleverage(post):
    path = [{"prices": {"ETH-PERP": "2900"}, "deleverage": ["eth"]}]

    body = _replay(post, [BTC_LONG, ETH_SHORT], path, "10000", liquidation_fee_rate="0.01")

    [adl] = body["events"]
    # 10 × (3,000 − 2,900) of profit, realised, with no fee and nothing for the fund.
    assert (adl["kind"], adl["realized_pnl"], adl["fee"], adl["size"]) == ("adl", "1000", "0", "10")
    assert list(body["steps"][0]["liquidation_prices"]) == ["btc"]
    assert body["totals"]["final_wallet_balance"] == "11000"
    assert body["totals"]["event_counts"]["adl"] == 1 and body["totals"]["liquidations"] == 0


def test_only_the_mark_liquidates_and_events_carry_the_last_and_index_prices(post, seed):
    # The seed long is liquidated at about 45,226.13 and bankrupt at 45,000.
    quotes = [
        {"mark": "45900", "last": "44000", "index": "45910"},
        {"mark": "45100", "last": "45500"},
    ]
    path = [{"prices": {"BTC-PERP": quote}} for quote in quotes]

    body = _replay(post, [seed], path, "500")

    assert [step["quotes"] for step in body["steps"]] == [
        {"BTC-PERP": {"last": "44000", "index": "45910"}},
        {"BTC-PERP": {"last": "45500", "index": None}},
    ]
    [event] = body["events"]
    assert (event["step"], event["mark_price"], event["last_price"]) == (1, "45100", "45500")
    assert event["index_price"] is None and event["hours"] is None


def test_a_step_in_the_object_form_with_a_plain_mark_is_the_old_step(post, seed):
    old = _replay(post, [seed], [{"BTC-PERP": "45100"}], "500")
    new = _replay(post, [seed], [{"prices": {"BTC-PERP": "45100"}, "deleverage": None}], "500")

    assert new["events"][0] | old["events"][0] == new["events"][0]
    assert new["totals"] | old["totals"] == new["totals"]


def test_the_market_fee_is_the_markets_liquidation_rate_or_the_accounts(post, seed):
    path = [{"BTC-PERP": "45100"}]
    own = {"BTC-PERP": {"liquidation": "0.001"}}

    fees = [
        _replay(post, [seed], path, "500", **settings)["events"][0]["fee"]
        for settings in ({}, {"liquidation_fee_rate": None}, {"liquidation_fee_rate": "market"})
        + ({"liquidation_fee_rate": "market", "fee_rates": own},)
    ]

    # 0.02 × 45,100 = 902 of notional: no fee (the default, null too), 0.5 %, then 0.1 %; the
    # fee is capped at what is left above bankruptcy, 100 − 98 = 2.
    assert fees == ["0", "0", "2", "0.902"]


def test_the_reserved_closing_fee_liquidates_a_little_earlier(post):
    path = [{"BTC-PERP": "54300"}]  # between 54,292.93 and, reserved, 54,320.36

    plain = _replay(post, [BTC_LONG], path, "10000")
    reserved = _replay(post, [BTC_LONG], path, "10000", reserve_closing_fee=True)

    assert (len(plain["events"]), len(reserved["events"])) == (0, 1)


def test_the_books_balance_with_everything_at_work(post):
    big = BTC_LONG | {"size": "5", "leverage": "20"}
    path = [{"BTC-PERP": "60000"}, {"BTC-PERP": "57600"}, {"prices": {"BTC-PERP": "50000"}}]
    settings = {"funding_rates": {}, "hours_per_step": "8", "insurance_fund": "100"}
    settings |= {"partial_liquidation": True, "liquidation_fee_rate": "market"}

    body = _replay(post, [big], path, "20000", **settings)

    t = {name: Decimal(value) for name, value in body["totals"].items() if isinstance(value, str)}
    books = t["realized_pnl"] - t["fees"] - t["funding"] - t["insurance_fund"] + t["deleveraged"]
    assert t["final_wallet_balance"] == t["initial_wallet_balance"] + books
    counts = {"funding": 2, "partial_liquidation": 1, "liquidation": 1, "adl": 0}
    assert body["totals"]["event_counts"] == counts
    assert t["deleveraged"] > 0 and body["totals"]["insurance_fund_balance"] == "0"
