"""A practice account's state: what the reader holds, what rests, and the path being played.

Everything here is a frozen value; every control and every step returns a new Practice.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, localcontext

from ..account import assemble, evaluate
from ..decimals import CONTEXT, ZERO
from ..models import Account, MarginMode, PathStep, Side
from ..results import AccountResult

MAX_POSITIONS = 10  # open positions per practice account
MAX_ORDERS = 10  # resting limit orders
MAX_STEPS = 1000  # steps per path, custom paths too
START_WALLET = Decimal("1000")  # USDC
DEFAULT_LEVERAGE = Decimal("10")
# Where every market stands on a fresh account; the illustrative paths start here.
START_MARKS: Mapping[str, Decimal] = {
    "BTC-PERP": Decimal("60000"),
    "ETH-PERP": Decimal("3000"),
    "SOL-PERP": Decimal("150"),
    "XRP-PERP": Decimal("0.6"),
    "AVAX-PERP": Decimal("30"),
}
# The insurance fund a fresh account trades against. Real funds hold millions; this one is
# illustrative and deliberately small (100 USDC), so that a gap past bankruptcy on a
# practice-sized position can exhaust it and the rest is auto-deleveraged.
INSURANCE_FUND = Decimal("100")


@dataclass(frozen=True)
class Order:
    """A resting limit order."""

    id: str  # "o1", "o2", ...
    market: str
    side: Side
    size: Decimal
    price: Decimal
    margin_mode: MarginMode
    leverage: Decimal


@dataclass(frozen=True)
class Happening:
    """One thing that happened, with its numbers (the words are the web side's).

    kind and amount:
    - "order_filled": amount is the fill price; detail: limit_price, fee, taker (1 when the
      order was priced through the market and filled at once at the mark, 0 when it rested
      and filled as a maker). size is the order's size, remaining_size the position's size
      afterwards (0 when the fill closed it; position_id is then the closed position's).
    - "order_cancelled": a resting order the step reached but the account could not fill
      (the margin and fee were not available, or the position would be liquidated at once);
      amount is the limit price; detail: needed (None when it would be liquidated),
      available_balance.
    - "funding": amount is the funding paid (negative: received); detail: funding_rate,
      notional, margin (the isolated margin after it, None for cross).
    - "partial_liquidation": amount is the fee; detail: realized_pnl, fee.
    - "liquidation": amount is the loss (the isolated margin, or the position's share of
      the cross wallet); detail: realized_pnl, fee, insurance_fund (paid into it; negative
      when it paid out), insurance_fund_balance, deleveraged.
    - "insurance_fund": the fund covered a loss past bankruptcy; amount is what it paid;
      detail: insurance_fund_balance (after), shortfall (what it could not cover).
    - "adl": either the reader's profitable position was auto-deleveraged (detail has
      realized_pnl, amount is that profit), or the reader's own loss past bankruptcy went
      beyond the fund and was passed to auto-deleveraging of traders on the other side
      (detail has passed_on, amount is that sum).

    pauses: every kind pauses the replay except funding after the first payment of the path
    (the first is explained once; the rest are routine).
    """

    kind: str
    step: int
    hours: Decimal | None
    position_id: str
    market: str
    margin_mode: MarginMode
    mark_price: Decimal
    last_price: Decimal | None
    size: Decimal
    remaining_size: Decimal
    amount: Decimal
    detail: Mapping[str, Decimal | None]
    pauses: bool


@dataclass(frozen=True)
class Frame:
    """What the chart and table show after one step. step is the path's step index."""

    step: int
    hours: Decimal | None
    marks: Mapping[str, Decimal]
    lasts: Mapping[str, Decimal | None]
    liquidation_prices: Mapping[str, Decimal | None]  # by position id
    wallet_balance: Decimal
    # Wallet balance plus every position's unrealised PnL.
    margin_balance: Decimal
    happenings: tuple[Happening, ...]


@dataclass(frozen=True)
class PracticePath:
    slug: str
    title: str
    summary: str  # one sentence, for the chooser
    steps: tuple[PathStep, ...]  # PathStep.deleverage names markets here, see `stepping`
    hours_per_step: Decimal
    markets: tuple[str, ...]  # the markets it moves
    # Funding rate per interval by market; markets not named pay their default.
    funding_rates: Mapping[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class Ledger:
    """Everything that moved the wallet since the account was opened, so the books balance:
    wallet = START + realized_pnl − fees − funding − insurance_fund + deleveraged."""

    realized_pnl: Decimal = ZERO
    fees: Decimal = ZERO
    funding: Decimal = ZERO
    insurance_fund: Decimal = ZERO  # paid into the fund (negative: it paid out)
    deleveraged: Decimal = ZERO  # losses past bankruptcy passed to auto-deleveraging


@dataclass(frozen=True)
class Practice:
    account: Account  # positions carry mark_price = the current mark; ids "p1", "p2", ...
    leverage: Mapping[str, Decimal]  # the leverage setting per market
    orders: tuple[Order, ...]
    path: PracticePath | None
    step: int  # steps played so far on the path (0 = not started)
    frames: tuple[Frame, ...]  # one per step played
    insurance_fund: Decimal  # the fund's balance
    next_id: int  # the number the next position or order id takes
    marks: Mapping[str, Decimal] = field(default_factory=lambda: dict(START_MARKS))
    lasts: Mapping[str, Decimal | None] = field(default_factory=dict)
    # Hours on the path's clock at the last step played (0 before the first).
    hours: Decimal = ZERO
    ledger: Ledger = field(default_factory=Ledger)
    # What the last control did at once (a limit order priced through the market).
    notices: tuple[Happening, ...] = ()
    # Whether a funding payment was already explained on this path.
    funding_seen: bool = False
    starting_wallet: Decimal = START_WALLET

    @property
    def finished(self) -> bool:
        return self.path is not None and self.step >= len(self.path.steps)

    def evaluate(self) -> AccountResult:
        """The engine's figures at the current marks (an empty account has only a wallet)."""
        if self.account.positions:
            return evaluate(self.account)
        with localcontext(CONTEXT):
            return assemble(wallet=Decimal(self.account.wallet_balance), terms=[], marked=[])

    @property
    def margin_balance(self) -> Decimal:
        """Wallet balance plus every position's unrealised PnL, at the current marks."""
        result = self.evaluate()
        with localcontext(CONTEXT):
            return result.wallet_balance + result.unrealized_pnl

    def leverage_for(self, market: str) -> Decimal:
        return self.leverage.get(market, DEFAULT_LEVERAGE)


def fresh(*, wallet: Decimal = START_WALLET) -> Practice:
    return Practice(
        account=Account(wallet_balance=wallet, positions=()),
        leverage=dict.fromkeys(START_MARKS, DEFAULT_LEVERAGE),
        orders=(),
        path=None,
        step=0,
        frames=(),
        insurance_fund=INSURANCE_FUND,
        next_id=1,
        starting_wallet=wallet,
    )
