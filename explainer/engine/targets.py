"""Target price: the exit price at which a position makes a chosen PnL or ROE.

Symbols as in the engine: s is +1 for a long and −1 for a short, q the size, E the entry
price; X is the exit price, T the target PnL in USDC, f_o and f_c the fee rates of the
opening and the closing order (maker or taker, 0 when fees are left out).

- Initial margin IM = q·E / leverage.
- Net PnL at X = s·q·(X − E) − q·E·f_o − q·X·f_c: the price move, less the fee paid to open
  (on the notional at entry) and the fee paid to close (on the notional at exit).
- ROE = net PnL / IM, so an ROE target r is the PnL target T = r·IM.
- Solving net PnL = T for X: X = (T + q·E·(s + f_o)) / (q·(s − f_c)). Without fees that is
  X = E + s·T/q, and an ROE target moves the price by r / leverage of E whatever the size.
- There is no exit when X ≤ 0: a long cannot lose more than its value at entry plus the
  opening fee, and a short cannot gain more than that value less the opening fee.
"""

from dataclasses import dataclass
from decimal import Decimal

from .decimals import ZERO, in_context, operand, plain
from .errors import MarginError
from .markets import get_market
from .models import Side
from .results import Derivation
from .validation import check_leverage, fraction, number, positive

CENT = Decimal("0.01")


@dataclass(frozen=True)
class TargetTrade:
    """A position and the fee rates it opens and closes with."""

    market: str
    side: Side
    size: Decimal
    entry_price: Decimal
    leverage: Decimal
    opening_fee_rate: Decimal = ZERO
    closing_fee_rate: Decimal = ZERO


@dataclass(frozen=True)
class Target:
    trade: TargetTrade
    exit_price: Decimal
    pnl: Decimal  # net of both fees
    roe: Decimal
    initial_margin: Decimal
    opening_fee: Decimal
    closing_fee: Decimal
    move: Decimal  # (X − E) / E


@in_context
def target_price(
    *, trade: TargetTrade, pnl: Decimal | None = None, roe: Decimal | None = None
) -> Target:
    """The exit for a target PnL (USDC, net of fees) or a target ROE (a fraction): one of them."""
    checked = _checked(trade)
    margin = _initial_margin(checked)
    if (pnl is None) == (roe is None):
        raise MarginError("Give one target: a PnL or an ROE.", field="pnl")
    if pnl is None:
        target = number(roe, field="roe", label="The target ROE") * margin
    else:
        target = number(pnl, field="pnl", label="The target PnL")
    s, q, e = checked.side.sign, checked.size, checked.entry_price
    price = (target + q * e * (s + checked.opening_fee_rate)) / (q * (s - checked.closing_fee_rate))
    if price <= 0:
        raise MarginError(_beyond_reach(checked), field="pnl" if roe is None else "roe")
    return Target(
        trade=checked,
        exit_price=price,
        pnl=target,
        roe=target / margin,
        initial_margin=margin,
        opening_fee=q * e * checked.opening_fee_rate,
        closing_fee=q * price * checked.closing_fee_rate,
        move=(price - e) / e,
    )


@in_context
def net_pnl(*, trade: TargetTrade, exit_price: Decimal) -> Decimal:
    """What closing at `exit_price` makes, after the opening and the closing fee."""
    checked = _checked(trade)
    price = positive(exit_price, field="exit_price", label="The exit price")
    s, q, e = checked.side.sign, checked.size, checked.entry_price
    move = s * q * (price - e)
    return move - q * e * checked.opening_fee_rate - q * price * checked.closing_fee_rate


def _checked(trade: TargetTrade) -> TargetTrade:
    market = get_market(trade.market)
    size = positive(trade.size, field="size", label="The size")
    entry = positive(trade.entry_price, field="entry_price", label="The entry price")
    return TargetTrade(
        market=market.symbol,
        side=Side(trade.side),
        size=size,
        entry_price=entry,
        leverage=check_leverage(market, size * entry, trade.leverage, field="leverage"),
        opening_fee_rate=fraction(trade.opening_fee_rate, field="opening_fee_rate"),
        closing_fee_rate=fraction(trade.closing_fee_rate, field="closing_fee_rate"),
    )


def _initial_margin(trade: TargetTrade) -> Decimal:
    return trade.size * trade.entry_price / trade.leverage


def _beyond_reach(trade: TargetTrade) -> str:
    value = trade.size * trade.entry_price
    if trade.side is Side.LONG:
        most = value * (1 + trade.opening_fee_rate)
        return f"A long cannot lose more than {plain(most)} USDC: no exit price gets there."
    most = value * (1 - trade.opening_fee_rate)
    return f"A short cannot gain more than {plain(most)} USDC: no exit price gets there."


@in_context
def target_math(target: Target) -> tuple[Derivation, ...]:
    """Show the math: initial margin, the PnL aimed at, the exit price and the two fees."""
    x = target.trade
    s, q, e, fo, fc = x.side.sign, x.size, x.entry_price, x.opening_fee_rate, x.closing_fee_rate
    q_, e_ = operand(q), operand(e)
    return (
        Derivation(
            "initial_margin",
            "Initial margin",
            "what opening the position sets aside: its value at entry over the leverage",
            "IM = q·E / leverage",
            f"IM = {q_} × {e_} / {operand(x.leverage)}",
            target.initial_margin,
        ),
        Derivation(
            "target_pnl",
            "Target PnL",
            "the profit (or loss) to reach after fees; an ROE target is that share of the "
            "initial margin",
            "T = ROE × IM",
            f"T = {operand(target.roe)} × {operand(target.initial_margin)}",
            target.pnl,
        ),
        Derivation(
            "exit_price",
            "Exit price",
            "where closing makes the target: the price move less the fee to open and the fee "
            "to close",
            "X = (T + q·E·(s + f_o)) / (q·(s − f_c))",
            f"X = ({operand(target.pnl)} + {q_} × {e_} × ({plain(s)} + {operand(fo)})) / "
            f"({q_} × ({plain(s)} − {operand(fc)}))",
            target.exit_price,
        ),
        Derivation(
            "opening_fee",
            "Opening fee",
            "the fee rate of the opening order on the notional at entry",
            "fee = q·E·f_o",
            f"fee = {q_} × {e_} × {operand(fo)}",
            target.opening_fee,
        ),
        Derivation(
            "closing_fee",
            "Closing fee",
            "the fee rate of the closing order on the notional at the exit price (rounded "
            "to cents here)",
            "fee = q·X·f_c",
            f"fee = {q_} × {operand(target.exit_price.quantize(CENT))} × {operand(fc)}",
            target.closing_fee,
        ),
    )
