"""The books of a replay balance to the last digit, with fees, funding, partial
liquidations, a finite insurance fund and auto-deleveraging all at work:

    final wallet = initial wallet + realised PnL − fees − funding − insurance fund + deleveraged

and every total is the exact sum of its events."""

from decimal import Decimal, localcontext

from hypothesis import given, settings
from hypothesis import strategies as st

from explainer.engine import EventKind, PathStep, Quote, replay
from explainer.engine.decimals import EXACT
from tests.engine.strategies import ENTRY, accounts, factors

steps = st.lists(
    st.tuples(
        st.sampled_from(sorted(ENTRY)),
        factors,
        st.decimals(Decimal("0.995"), Decimal("1.005"), places=3),
    ),
    max_size=40,
)


def path_of(moves):
    return [
        PathStep(
            {market: Quote(ENTRY[market] * factor, ENTRY[market] * factor * wick)},
            hours=Decimal(3) * number,
        )
        for number, (market, factor, wick) in enumerate(moves)
    ]


@settings(max_examples=120)
@given(
    accounts(max_positions=5),
    steps,
    st.none() | st.decimals(0, 10**5, places=2),
    st.booleans(),
    st.decimals(Decimal("-0.003"), Decimal("0.003"), places=4),
)
def test_the_books_balance_exactly(account, moves, fund, partial, rate):
    run = replay(
        account,
        path=path_of(moves),
        liquidation_fee_rate=None,
        funding_rates={market: rate for market in ENTRY},
        insurance_fund=fund,
        partial_liquidation=partial,
    )
    events = run.events
    with localcontext(EXACT):
        books = (
            account.wallet_balance
            + run.realized_pnl
            - run.fees
            - run.funding
            - run.insurance_fund
            + run.deleveraged
        )
        assert run.final_wallet_balance == books
        assert run.realized_pnl == sum((e.realized_pnl for e in events), Decimal(0))
        assert run.fees == sum((e.fee for e in events), Decimal(0))
        assert run.funding == sum((e.funding for e in events), Decimal(0))
        assert run.insurance_fund == sum((e.insurance_fund for e in events), Decimal(0))
        assert run.deleveraged == sum((e.deleveraged for e in events), Decimal(0))
        if fund is not None:
            assert run.insurance_fund_balance == fund + run.insurance_fund >= 0
    closes = [e for e in events if e.kind is EventKind.LIQUIDATION]
    assert all(e.deleveraged >= 0 for e in closes)


@settings(max_examples=60)
@given(accounts(max_positions=5), steps)
def test_every_steps_figures_are_the_ones_evaluate_gives_for_what_is_open(account, moves):
    run = replay(account, path=path_of(moves), liquidation_fee_rate=None)
    for step in run.steps:
        state = step.state
        assert state.wallet_balance == step.wallet_balance
        assert {p.market for p in state.positions} <= set(step.marks)
        # Nothing reported open is liquidated at the step's marks: it would have been closed.
        assert not any(p.liquidated for p in state.positions)
