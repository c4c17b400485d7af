"""The Margin Academy margin engine: margin, leverage and liquidation for linear (USDC)
perpetuals, in pure Python (standard library only, Decimal throughout, never float).

Symbols: s is +1 for a long and −1 for a short, q the size in base units, E the entry price,
M the mark price (the entry price when no mark is given).

Per position
- Notional = q·M.
- Initial margin = q·E / leverage.
- Margin: an isolated position's allocated margin (the initial margin unless margin was
  added or removed); a cross position's initial margin.
- Maintenance margin = q·M·rate − amount. Rate and amount come from the market's tier for
  the notional at mark, unless the position gives them (a rate alone means amount 0; an
  amount alone keeps the tiers' rates).
- Unrealised PnL = s·q·(M − E). ROE = uPnL / margin.

Position mode (Account.position_mode)
- One-way, the default: one position per market.
- Hedge: one long and one short per market, which share the market's mark price.

Per account
- Cross wallet balance = wallet balance − Σ isolated margins (it may not be negative).
- Cross margin balance = cross wallet balance + Σ uPnL of cross positions.
- Margin ratio = Σ cross maintenance margin / cross margin balance. It is None when there is
  no cross position (nothing to measure) or when the cross margin balance is zero or below
  (the ratio would be infinite or meaningless; such an account is liquidated anyway).
- Available balance = max(0, cross margin balance − Σ initial margin of cross positions).

Liquidation (see `liquidation` for the solver)
- An isolated position is liquidated when margin + uPnL ≤ maintenance margin. Cross
  positions are liquidated together, when the cross margin balance ≤ Σ cross maintenance
  margin.
- The liquidation price is the mark at which that happens. For an isolated position only
  its own price moves. For a cross position the price is that of its market: every cross
  position in the market moves with it (in hedge mode a long and a short), every other
  market held at its mark.
- At that price each position's maintenance margin uses the rate and amount of the tier its
  notional falls in there, not at the mark. On one tier the equation is a straight line,
  P = (Σ s·q·E − backing − Σ amount) / (Σ q·(s − rate)), the backing being the margin, or
  the cross wallet plus the other markets' uPnL less their maintenance margin. The solution
  is kept when every notional at it lies in the tier it was solved with; otherwise the next
  tier along is tried (Binance's procedure for USDⓈ-M futures).
- Bankruptcy price: the same, every maintenance margin set to zero.
- Maximum loss: all of what backs the position (the allocated margin; or the cross wallet
  plus the other markets' uPnL), at least 0, when some price liquidates it; a long that no
  price liquidates loses at most its value, q·E. For one position that is
  s·q·(E − bankruptcy price).
- A computed price of zero or below is reported as None: there is no such price.

Fees (see `markets`): maker and taker rates of the notional traded and a liquidation fee,
per market, replaced by Account.fee_rates. With Account.reserve_closing_fee the taker fee of
closing, q·P·taker, joins the maintenance margin in the liquidation condition and is kept
back in the bankruptcy price (OKX and Gate reserve it the same way).

Funding (see `funding`, `drift`): at every funding time each position pays s·q·M·rate,
from the cross wallet or from its isolated margin.

ADL rank (see `adl`): PnL ratio × effective leverage in profit, ÷ otherwise.

Replay (see `simulation` and `book`): a path of marks, or of quotes with last and index
prices, a clock for funding, and named auto-deleveraging. A liquidated isolated position
loses exactly its allocated margin; what is left of it after the liquidation fee goes to the
insurance fund, which covers the gap when the price went past bankruptcy, as far as its
balance goes, the rest being passed to auto-deleveraging. A cross liquidation closes every
cross position and consumes the cross margin balance, leaving isolated margins alone. With
partial liquidation, large positions are first cut into lower brackets. The books always
balance exactly: final wallet = initial wallet + realised PnL − fees − funding − insurance
fund + deleveraged.

Support cases (see `cases`, `diagnosis`, `findings`, `comparison`): a customer's account with
what it had already paid, replayed along the path support entered; for each position taken,
the account just before, the explanations that apply with their evidence, and the exchange's
reported figure set beside the engine's.

Practice account (see the `practice` package): an account a reader trades by hand, market and
limit orders, leverage, margin mode and margin, played along a path one step at a time by the
replay's own `Book` (so a step does exactly what `replay` would), with a finite insurance fund
and a frame of figures kept for every step played.

Every result keeps full precision (40 significant digits); tick and lot sizes are for
display only. Every rule broken raises MarginError, whose `field` names the input.
"""

from .account import evaluate, evaluate_at_marks
from .averaging import Average, Fill, average_entry, size_in_base
from .decimals import operand
from .derivation import Derivation, explain
from .drift import DriftPoint, funding_drift
from .errors import MarginError
from .events import Event, EventKind
from .markets import MARKETS, FeeRates, Funding, Market, Tier, get_market
from .models import Account, MarginMode, PathStep, Position, PositionMode, Quote, Side
from .opening import (
    LargestPosition,
    check_openable,
    largest_position,
    liquidation_distance,
    lowest_leverage,
)
from .operations import (
    add_margin,
    change_leverage,
    close_position,
    open_position,
    remove_margin,
    switch_mode,
)
from .results import AccountResult, PositionResult
from .simulation import LiquidationEvent, Replay, ReplayStep, SweepPoint, replay, sweep
from .validation import validate

__all__ = [
    "MARKETS",
    "Account",
    "AccountResult",
    "Average",
    "Derivation",
    "Event",
    "EventKind",
    "FeeRates",
    "Fill",
    "Funding",
    "DriftPoint",
    "LargestPosition",
    "LiquidationEvent",
    "MarginError",
    "MarginMode",
    "Market",
    "PathStep",
    "Position",
    "PositionMode",
    "PositionResult",
    "Quote",
    "Replay",
    "ReplayStep",
    "Side",
    "SweepPoint",
    "Tier",
    "add_margin",
    "average_entry",
    "change_leverage",
    "check_openable",
    "close_position",
    "evaluate",
    "evaluate_at_marks",
    "explain",
    "funding_drift",
    "get_market",
    "largest_position",
    "liquidation_distance",
    "lowest_leverage",
    "open_position",
    "operand",
    "remove_margin",
    "replay",
    "size_in_base",
    "sweep",
    "switch_mode",
    "validate",
]
