"""A support case replayed and explained: worked examples derived by hand.

The accounts are the seed article's (a 500 USDC wallet; 100 USDC of isolated margin) on
BTC-PERP's and ETH-PERP's first maintenance tier, 0.5 % (explainer/engine/markets.py). The
straight walks are `support.spec.to_case`'s: 400 equal steps from the entry to the mark given.
"""

from dataclasses import replace
from decimal import Decimal

import pytest

from explainer.engine import Account, EventKind, PathStep, Quote, evaluate
from explainer.engine.cases import Case, Paid, Reported
from explainer.engine.comparison import Likely, compare
from explainer.engine.diagnosis import diagnose, sampled_steps
from explainer.engine.findings import (
    Contagion,
    FeesAndFunding,
    HigherBracket,
    InsuranceAndAdl,
    Leftover,
    Partial,
    Wick,
    findings,
)

from .builders import D, position

CENT = Decimal("0.000001")


def walk(start: dict[str, str], end: dict[str, str], steps: int = 400) -> tuple[PathStep, ...]:
    return tuple(
        PathStep(prices={m: D(start[m]) + (D(end[m]) - D(start[m])) * k / steps for m in start})
        for k in range(1, steps + 1)
    )


def isolated_long(**extra) -> Account:
    """0.02 BTC at 50,000, 10× isolated: 100 USDC of margin, in a 500 USDC wallet."""
    return Account(D("500"), (position(id="P1", **extra),))


def of_kind(found, kind):
    return [f for f in found if isinstance(f, kind)]


class TestFeesAndFunding:
    """Funding paid before the path leaves the isolated margin: 100 − 2 = 98 USDC.
    Liquidation: 98 + 0.02·(P − 50,000) = 0.005·0.02·P, so P = 902 / 0.0199 = 45,326.633…;
    without the 2 USDC, P = 900 / 0.0199 = 45,226.130… (the site's canonical figure)."""

    def diagnosis(self):
        case = Case(
            isolated_long(),
            walk({"BTC-PERP": "50000"}, {"BTC-PERP": "45000"}),
            paid={"P1": Paid(fees=D("0.5"), funding=D("2"))},
        )
        return diagnose(case)

    def test_it_takes_the_funding_out_of_the_isolated_margin_and_the_fees_out_of_the_wallet(
        self,
    ):
        opened = self.diagnosis().opened
        assert opened.positions[0].isolated_margin == D("98")
        assert opened.wallet_balance == D("497.5")

    def test_it_liquidates_at_the_first_mark_past_the_price(self):
        # 50,000 − 12.5·k ≤ 45,326.63 first at k = 374: a mark of 45,325.
        (moment,) = self.diagnosis().moments
        assert moment.event.mark_price == D("45325")
        assert abs(moment.result.liquidation_price - D(902) / D("0.0199")) < CENT

    def test_it_says_how_far_the_funding_moved_the_price(self):
        (paid,) = of_kind(findings(self.diagnosis()), FeesAndFunding)
        assert paid.fees == 0  # an isolated position's fees came out of the wallet
        assert paid.funding_before == D("2")
        assert abs(paid.price_with - D(902) / D("0.0199")) < CENT
        assert abs(paid.price_without - D(900) / D("0.0199")) < CENT

    def test_it_tells_where_the_leftover_margin_went(self):
        # At 45,325 the margin holds 98 − 0.02·4,675 = 4.5; the fee, 0.5 % of 906.5 = 4.5325,
        # is capped at what is left; nothing reaches the fund. Bankruptcy: 98 / 0.02 below
        # the entry, 45,100.
        (left,) = of_kind(findings(self.diagnosis()), Leftover)
        assert left.backing == D("98")
        assert left.left == D("4.5")
        assert left.fee == D("4.5")
        assert left.to_fund == 0
        assert left.bankruptcy_price == D("45100")


class TestCrossContagion:
    """Cross, 500 USDC: BTC long 0.02 at 50,000 and ETH short 0.5 at 3,000, both 10×. BTC
    walks to 50,500 and ETH to 4,000. At step k the equity is 500 + 0.025k − 1.25k and the
    maintenance margin 12.5 + 0.006375k: liquidated first at k = 396 (BTC 50,495, ETH 3,990).
    There, BTC's price with ETH held at 3,990 solves 500 + 0.02(P − 50,000) − 495 =
    0.0001P + 9.975: P = 1,004.975 / 0.0199 = 50,501.256…; alone, 500 / 0.0199 = 25,125.628….
    ETH's with BTC at 50,495 solves 509.9 − 0.5(P − 3,000) = 5.0495 + 0.0025P:
    P = 2,004.8505 / 0.5025 = 3,989.752…; alone, 2,000 / 0.5025 = 3,980.099…."""

    def case(self, reported=None):
        account = Account(
            D("500"),
            (
                position(id="P1", mode="cross"),
                position(
                    id="P2",
                    side="short",
                    size="0.5",
                    entry="3000",
                    mode="cross",
                    market="ETH-PERP",
                ),
            ),
        )
        path = walk(
            {"BTC-PERP": "50000", "ETH-PERP": "3000"}, {"BTC-PERP": "50500", "ETH-PERP": "4000"}
        )
        return Case(account, path, reported=reported)

    def test_the_profitable_long_goes_down_with_the_short(self):
        d = diagnose(self.case())
        assert [m.position_id for m in d.moments] == ["P1", "P2"]
        assert {m.event.step for m in d.moments} == {395}
        assert d.moments[0].event.mark_price == D("50495")

    def test_it_sets_each_price_alone_beside_the_price_with_the_other(self):
        found = of_kind(findings(diagnose(self.case())), Contagion)
        btc, eth = found
        assert abs(btc.with_others_price - D("1004.975") / D("0.0199")) < CENT
        assert abs(btc.alone_price - D(500) / D("0.0199")) < CENT
        assert btc.own_pnl == D("9.9") and btc.others_pnl == D("-495")
        assert abs(eth.with_others_price - D("2004.8505") / D("0.5025")) < CENT
        assert abs(eth.alone_price - D(2000) / D("0.5025")) < CENT

    def test_the_leftover_is_told_once_for_the_whole_cross_account(self):
        leftovers = of_kind(findings(diagnose(self.case())), Leftover)
        assert len(leftovers) == 1
        assert leftovers[0].together == ("P1", "P2")

    @pytest.mark.parametrize(
        ("reported", "likely"),
        [
            ("3989.75", Likely.SAME),  # within a few ticks (0.01 each) of 3,989.752…
            ("3990", Likely.SAME),  # the mark at which the engine acted
            ("3900", Likely.MISSING),  # a short taken lower: something weakened it
            ("4100", Likely.EXTRA),  # taken higher: more was behind it
        ],
    )
    def test_it_names_the_likely_reason_for_a_reported_difference(self, reported, likely):
        case = self.case(Reported(position_id="P2", price=D(reported)))
        comparison = compare(diagnose(case))
        assert comparison.likely == likely
        assert comparison.difference == D(reported) - comparison.computed_price

    def test_a_fee_convention_is_recognised(self):
        d = diagnose(self.case())
        moment = d.moment_of("P2")
        reserved = evaluate(replace(moment.account, reserve_closing_fee=True))
        figure = reserved.positions[moment.index].liquidation_price.quantize(D("0.01"))
        comparison = compare(diagnose(self.case(Reported("P2", figure))))
        assert comparison.likely == Likely.FEE_CONVENTION
        assert figure != moment.result.liquidation_price.quantize(D("0.01"))


class TestMarkNotLast:
    def test_a_wick_on_the_last_price_past_the_liquidation_price_liquidates_nothing(self):
        # The canonical isolated long's liquidation price is 45,226.13; the last price
        # wicks to 45,000 while the mark stays at 46,000.
        path = tuple(
            PathStep(prices={"BTC-PERP": Quote(D(mark), D(last))}, hours=D(hour))
            for hour, (mark, last) in enumerate(
                [("50000", "50010"), ("48000", "47990"), ("46000", "45000"), ("47000", "47010")]
            )
        )
        d = diagnose(Case(isolated_long(), path, funding=False))
        (wick,) = of_kind(findings(d), Wick)
        assert not d.moments
        assert wick.last_crossed and wick.last == D("45000") and wick.mark == D("46000")
        assert abs(wick.liquidation_price - D(900) / D("0.0199")) < CENT
        assert d.closest.mark == D("46000")

    def test_the_mark_liquidates_while_the_last_price_stays_short_of_it(self):
        path = (
            PathStep(prices={"BTC-PERP": Quote(D("48000"), D("48000"))}, hours=D(0)),
            PathStep(prices={"BTC-PERP": Quote(D("45200"), D("45400"))}, hours=D(1)),
        )
        d = diagnose(Case(isolated_long(), path, funding=False))
        (wick,) = of_kind(findings(d), Wick)
        assert not wick.last_crossed and wick.last == D("45400")


class TestLargePosition:
    """2 BTC at 50,000, 20× isolated: 5,000 USDC of margin and 100,000 of notional, in the
    second tier (1 %, amount 250). Its price: 5,000 + 2(P − 50,000) = 0.02P − 250, so
    P = 94,750 / 1.98 = 47,853.535…; at the first tier's 0.5 % it would be 95,000 / 1.99 =
    47,738.693…."""

    def diagnosis(self, *, partial=True):
        account = Account(D("6000"), (position(id="P1", size="2", leverage="20"),))
        return diagnose(
            Case(
                account,
                walk({"BTC-PERP": "50000"}, {"BTC-PERP": "47000"}),
                partial_liquidation=partial,
            )
        )

    def test_it_names_the_higher_tier_and_the_price_at_the_first(self):
        (bracket,) = of_kind(findings(self.diagnosis()), HigherBracket)
        assert bracket.tier == 2 and bracket.rate == D("0.01")
        assert abs(bracket.price - D(94750) / D("1.98")) < CENT
        assert abs(bracket.price_first_tier - D(95000) / D("1.99")) < CENT

    def test_it_is_cut_into_the_first_tier_before_the_rest_is_closed(self):
        (partial,) = of_kind(findings(self.diagnosis()), Partial)
        assert partial.cuts[0].kind == EventKind.PARTIAL_LIQUIDATION
        assert partial.cuts[0].remaining_size * partial.cuts[0].mark_price < D(50000)


class TestInsuranceFund:
    def test_a_gap_past_bankruptcy_is_paid_by_the_fund_then_passed_to_adl(self):
        # Bankruptcy at 45,000 (100 of margin over 0.02); a jump to 44,000 loses 120, 20
        # past the margin. The fund holds 5: it pays 5 and 15 is deleveraged.
        path = (PathStep(prices={"BTC-PERP": D("44000")}),)
        d = diagnose(Case(isolated_long(), path, insurance_fund=D("5")))
        (fund,) = of_kind(findings(d), InsuranceAndAdl)
        assert fund.covered == D("5") and fund.deleveraged == D("15")
        assert fund.fund_balance == 0


def test_an_unliquidated_case_reports_how_close_the_mark_came():
    d = diagnose(Case(isolated_long(), walk({"BTC-PERP": "50000"}, {"BTC-PERP": "46000"})))
    assert not d.moments
    assert d.closest.mark == D("46000")
    assert (
        compare(
            diagnose(Case(isolated_long(), d.case.path, reported=Reported("P1", D("45300"))))
        ).likely
        == Likely.NOT_TAKEN
    )


def test_sampled_steps_keep_every_event_step_and_the_one_before():
    chosen = sampled_steps(20_000, [12_345], limit=300)
    assert {12_344, 12_345, 0, 19_999} <= set(chosen)
    assert len(chosen) <= 305
