"""Small builders for the practice tests (not collected: no test_ prefix)."""

from contextlib import suppress
from decimal import Decimal, localcontext

from hypothesis import strategies as st

from explainer.engine import MarginError, practice
from explainer.engine.decimals import EXACT
from explainer.engine.practice import PATHS, Practice, custom_path

D = Decimal


def moved(p: Practice, *lines: str, hours: str = "1") -> Practice:
    """The account after playing the steps typed, one per line, to the end."""
    p = practice.choose_path(p, custom_path("\n".join(lines), hours_per_step=D(hours)))
    while not p.finished:
        p = practice.advance(p, len(lines))
    return p


def played(p: Practice) -> Practice:
    """The chosen path played to its end, through every pause."""
    while not p.finished:
        p = practice.advance(p, 50)
    return p


def books_balance(p: Practice) -> bool:
    ledger = p.ledger
    with localcontext(EXACT):
        expected = (
            p.starting_wallet
            + ledger.realized_pnl
            - ledger.fees
            - ledger.funding
            - ledger.insurance_fund
            + ledger.deleveraged
        )
    return p.account.wallet_balance == expected


def kinds(p: Practice) -> list[tuple[str, int]]:
    return [(h.kind, h.step) for frame in p.frames for h in frame.happenings]


SIZES = {"BTC-PERP": D("0.01"), "ETH-PERP": D("0.1"), "SOL-PERP": D("1")}


@st.composite
def desks(draw):
    """A practice account with a few market orders filled (in hedge mode, a long and a short
    may share a market; in one-way mode a second order there adds, reduces or flips), on a
    chosen path."""
    p = practice.fresh()
    if draw(st.booleans()):
        p = practice.set_position_mode(p, mode="hedge")
    slots = [(m, side) for m in sorted(SIZES) for side in ("long", "short")]
    for market, side in draw(st.lists(st.sampled_from(slots), unique=True, max_size=4)):
        leverage = D(draw(st.integers(2, 25)))
        # More than the wallet can hold: the desk goes on without it.
        with suppress(MarginError):
            p = practice.set_leverage(p, market=market, leverage=leverage)
        with suppress(MarginError):
            p = practice.market_order(
                p,
                market=market,
                side=side,
                size=SIZES[market] * draw(st.integers(1, 4)),
                margin_mode=draw(st.sampled_from(["cross", "isolated"])),
            )
    return practice.choose_path(p, PATHS[draw(st.sampled_from(sorted(PATHS)))])
