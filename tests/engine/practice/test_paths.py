"""Each illustrative path teaches what its name says, with accounts a reader would open."""

import pytest

from explainer.engine import MarginError
from explainer.engine.practice import (
    MAX_STEPS,
    PATHS,
    START_MARKS,
    advance,
    choose_path,
    custom_path,
    fresh,
    market_order,
    set_leverage,
)
from tests.engine.practice.helpers import D, kinds, played


def _opened(*orders, leverage=None):
    p = fresh()
    if leverage:
        p = set_leverage(p, market="BTC-PERP", leverage=D(leverage))
    for market, side, size, mode in orders:
        p = market_order(p, market=market, side=side, size=D(size), margin_mode=mode)
    return p


def _on(p, slug):
    return played(choose_path(p, PATHS[slug]))


def test_every_path_starts_where_a_fresh_account_stands_and_fits_the_limit():
    for path in PATHS.values():
        assert 1 <= len(path.steps) <= MAX_STEPS
        first = {m: getattr(price, "mark", price) for m, price in path.steps[0].prices.items()}
        assert first == {m: START_MARKS[m] for m in path.markets}


def test_markets_pull_apart_liquidates_a_cross_long_and_a_cross_short_together():
    # 0.1 BTC long (600 margin) and 1 ETH short (300 margin), both cross, 10×.
    p = _opened(("BTC-PERP", "long", "0.1", "cross"), ("ETH-PERP", "short", "1", "cross"))
    p = _on(p, "markets-pull-apart")
    liquidations = [(h.position_id, h.step) for f in p.frames for h in f.happenings
                    if h.kind == "liquidation"]  # fmt: skip
    assert [pid for pid, _ in liquidations] == ["p1", "p2"]
    assert len({step for _, step in liquidations}) == 1
    assert p.account.positions == ()


def test_flash_wick_crosses_a_liquidation_price_with_the_last_price_only():
    p = _on(_opened(("BTC-PERP", "long", "0.1", "isolated")), "flash-wick")
    price = p.frames[0].liquidation_prices["p1"]
    assert all(f.marks["BTC-PERP"] > price for f in p.frames)
    assert any(f.lasts["BTC-PERP"] is not None and f.lasts["BTC-PERP"] < price for f in p.frames)
    assert all(kind == "funding" for kind, _ in kinds(p)) and p.account.positions[0].id == "p1"


def test_a_week_of_funding_pays_many_times_and_moves_the_liquidation_price():
    p = _on(_opened(("BTC-PERP", "long", "0.1", "isolated")), "week-of-funding")
    payments = [h for f in p.frames for h in f.happenings if h.kind == "funding"]
    assert len(payments) == 21  # a week of 168 hours, every 8 hours
    first, last = p.frames[0].liquidation_prices["p1"], p.frames[-1].liquidation_prices["p1"]
    # Each payment comes out of the isolated margin, so the long's liquidation price rises.
    assert last - first > 50


def test_a_gap_past_bankruptcy_draws_on_the_insurance_fund_and_deleverages_the_rest():
    # Isolated long 0.1 at 60,000, 10×: bankrupt at 54,000; the gap to 48,000 loses 1,200,
    # 600 past the margin; the fund pays its 100 and 500 is passed to auto-deleveraging.
    p = _on(_opened(("BTC-PERP", "long", "0.1", "isolated")), "gap-past-bankruptcy")
    happened = {h.kind: h for f in p.frames for h in f.happenings}
    assert happened["insurance_fund"].amount == 100
    assert happened["adl"].detail["passed_on"] == 500
    assert p.insurance_fund == 0


def test_a_gap_past_bankruptcy_deleverages_the_readers_profitable_short():
    p = _on(_opened(("BTC-PERP", "short", "0.1", "isolated")), "gap-past-bankruptcy")
    (adl,) = [h for f in p.frames for h in f.happenings if h.kind == "adl"]
    assert adl.detail["realized_pnl"] > 0 and p.account.positions == ()


def test_slow_slide_liquidates_a_leveraged_isolated_long():
    p = _on(_opened(("BTC-PERP", "long", "0.1", "isolated"), leverage=20), "slow-slide")
    assert ("liquidation", 16) in kinds(p)


def test_a_custom_path_reads_marks_and_last_prices():
    path = custom_path(
        "BTC-PERP 60000 last=59000, ETH-PERP 3000\n\neth-perp 3100", hours_per_step=D(2)
    )
    assert len(path.steps) == 2 and path.markets == ("BTC-PERP", "ETH-PERP")
    assert path.steps[0].prices["BTC-PERP"].last == 59000


@pytest.mark.parametrize(
    "text",
    [
        "",
        "BTC 60000",
        "BTC-PERP",
        "BTC-PERP sixty",
        "BTC-PERP -1",
        "BTC-PERP 0",
        "BTC-PERP NaN",
        "BTC-PERP Infinity",
        "BTC-PERP 1e400",
        "BTC-PERP 60000 lost=1",
        "BTC-PERP 60000 last=-5",
        "BTC-PERP 1, BTC-PERP 2",
        "BTC-PERP 1 2 3",
        "BTC-PERP 60000\n" * (MAX_STEPS + 1),
        "BTC-PERP " + "9" * 500,
    ],
)
def test_a_bad_custom_path_is_refused_on_the_path_field(text):
    with pytest.raises(MarginError) as caught:
        custom_path(text, hours_per_step=D(1))
    assert caught.value.field == "path"


def test_a_bad_custom_path_names_its_line():
    with pytest.raises(MarginError, match="Line 2"):
        custom_path("BTC-PERP 60000\nBTC-PERP x", hours_per_step=D(1))


@pytest.mark.parametrize("hours", [D(0), D(-1), D(25), D("NaN"), "1"])
def test_hours_per_step_is_refused_when_out_of_range(hours):
    with pytest.raises(MarginError) as caught:
        custom_path("BTC-PERP 60000", hours_per_step=hours)
    assert caught.value.field == "hours_per_step"


def test_a_custom_path_longer_than_thirty_days_is_refused_on_its_hours():
    # 1,000 hourly steps end at hour 999: past the 720 hours (90 funding times) allowed.
    with pytest.raises(MarginError) as caught:
        custom_path("BTC-PERP 60000\n" * 1000, hours_per_step=D(1))
    assert caught.value.field == "hours_per_step"
    assert len(custom_path("BTC-PERP 60000\n" * 721, hours_per_step=D(1)).steps) == 721


def test_a_short_opened_at_the_last_price_before_the_gap_is_deleveraged_at_the_gap():
    # Opened at the step before the gap, the short has no profit until the gap step's mark.
    p = choose_path(fresh(), PATHS["gap-past-bankruptcy"])
    p = advance(p, 10)  # steps 0 to 9; the gap is step 10
    p = market_order(p, market="BTC-PERP", side="short", size=D("0.1"), margin_mode="cross")
    p = played(p)
    assert [kind for kind, _ in kinds(p)] == ["adl"]
