"""Filling an order against the account.

In hedge mode a market holds a long and a short side by side: an order adds to the position
on its own side or opens it, and a position is reduced only by closing it. In one-way mode
(one position per market):

- No position in the market: a new one opens at the fill price (`operations.open_position`:
  the fee comes from the wallet, the available balance must cover margin plus fee, and it
  must not be liquidated at once).
- A position on the same side: the order adds to it. The size is the sum, the entry the
  size-weighted average, the leverage the position's; an isolated position's margin grows by
  the order's initial margin, q·price / leverage. The available balance must cover that
  margin plus the fee.
- A position on the other side: the order reduces it, realising s·q·(price − E) on the size
  it closes and releasing that share of an isolated margin; an order larger than the
  position closes it and opens the rest on the other side (a flip).

Every fill pays fee_rate·q·price. The same margin mode is required to add to a position.
"""

from dataclasses import dataclass, replace
from decimal import Decimal

from ..account import evaluate
from ..decimals import ZERO, in_context, plain
from ..errors import MarginError
from ..models import Account, MarginMode, Position, PositionMode, Side
from ..operations import open_position
from ..validation import validate_position
from .state import MAX_POSITIONS

# open_position names its own arguments; a practice control names the reader's fields.
_FIELDS = {
    "position": "size",
    "position.size": "size",
    "position.isolated_margin": "size",
    "position.leverage": "leverage",
    "position.market": "market",
    "position.side": "side",
    "position.margin_mode": "margin_mode",
    "position.entry_price": "price",
    "taker_fee_rate": "size",
}


@dataclass(frozen=True)
class Fill:
    account: Account
    position_id: str  # the position the fill left open, or the one it closed
    remaining_size: Decimal  # that position's size afterwards (0: closed)
    realized_pnl: Decimal
    fee: Decimal
    opened: bool  # whether a new id was used


@in_context
def fill(
    account: Account,
    *,
    market: str,
    side: Side,
    size: Decimal,
    price: Decimal,
    mark: Decimal,
    margin_mode: MarginMode,
    leverage: Decimal,
    fee_rate: Decimal,
    new_id: str,
) -> Fill:
    hedge = account.position_mode == PositionMode.HEDGE
    index = next(
        (
            i
            for i, p in enumerate(account.positions)
            if p.market == market and (p.side == side or not hedge)
        ),
        None,
    )
    order = Position(side, size, price, leverage, margin_mode, market, mark, id=new_id)
    if index is None:
        return _open(account, order, fee_rate)
    held = account.positions[index]
    if held.side == side:
        return _add(account, index, order, fee_rate)
    closing = min(size, held.size)
    reduced = reduce(account, index=index, size=closing, price=price, fee_rate=fee_rate)
    if size == closing:
        return reduced
    flipped = _open(reduced.account, replace(order, size=size - closing), fee_rate)
    return replace(
        flipped,
        realized_pnl=reduced.realized_pnl,
        fee=reduced.fee + flipped.fee,
    )


def reduce(
    account: Account, *, index: int, size: Decimal, price: Decimal, fee_rate: Decimal
) -> Fill:
    """Close `size` of the position at `price`; all of it when size is its whole size."""
    held = account.positions[index]
    pnl = Side(held.side).sign * size * (price - held.entry_price)
    fee = size * price * fee_rate
    left = held.size - size
    positions = list(account.positions)
    if left:
        margin = None
        if held.margin_mode == MarginMode.ISOLATED:
            current = evaluate(account).positions[index].margin
            margin = current * left / held.size
        positions[index] = replace(held, size=left, isolated_margin=margin)
    else:
        del positions[index]
    changed = replace(
        account, wallet_balance=account.wallet_balance + pnl - fee, positions=tuple(positions)
    )
    _check_after_close(changed)
    return Fill(changed, held.id, left, pnl, fee, opened=False)


def _open(account: Account, position: Position, fee_rate: Decimal) -> Fill:
    if len(account.positions) >= MAX_POSITIONS:
        raise MarginError(
            f"A practice account holds at most {MAX_POSITIONS} open positions.", field="market"
        )
    try:
        if account.positions:
            opened = open_position(account, position, taker_fee_rate=fee_rate)
        else:
            opened = _open_first(account, position, fee_rate)
    except MarginError as error:
        raise MarginError(error.message, field=_FIELDS.get(error.field, "size")) from None
    fee = position.size * position.entry_price * fee_rate
    return Fill(opened, position.id, position.size, ZERO, fee, opened=True)


def _open_first(account: Account, position: Position, fee_rate: Decimal) -> Account:
    """`open_position` for an account that holds nothing yet (which `evaluate` refuses)."""
    validate_position(position, path="position")
    fee = position.size * position.entry_price * fee_rate
    margin = position.size * position.entry_price / position.leverage
    if margin + fee > account.wallet_balance:
        raise MarginError(
            f"Opening this position (margin plus fee) needs {plain(margin + fee)} USDC but "
            f"only {plain(account.wallet_balance)} USDC is available.",
            field="position",
        )
    opened = replace(account, wallet_balance=account.wallet_balance - fee, positions=(position,))
    if evaluate(opened).positions[0].liquidated:
        raise MarginError(
            "The position would be liquidated as soon as it opened.", field="position"
        )
    return opened


def _add(account: Account, index: int, order: Position, fee_rate: Decimal) -> Fill:
    held = account.positions[index]
    if held.margin_mode != order.margin_mode:
        raise MarginError(
            f"Your {held.market} position is {held.margin_mode}: an order adds to it only in "
            "the same margin mode (switch the position's mode first).",
            field="margin_mode",
        )
    result = evaluate(account)
    size = held.size + order.size
    entry = (held.size * held.entry_price + order.size * order.entry_price) / size
    extra = order.size * order.entry_price / held.leverage
    fee = order.size * order.entry_price * fee_rate
    if extra + fee > result.available_balance:
        raise MarginError(
            f"Adding this much needs {plain(extra + fee)} USDC (margin plus fee) but only "
            f"{plain(result.available_balance)} USDC is available.",
            field="size",
        )
    margin = None
    if held.margin_mode == MarginMode.ISOLATED:
        margin = result.positions[index].margin + extra
    positions = list(account.positions)
    positions[index] = replace(held, size=size, entry_price=entry, isolated_margin=margin)
    changed = replace(
        account, wallet_balance=account.wallet_balance - fee, positions=tuple(positions)
    )
    _refuse_liquidated(changed, field="size", doing="Adding this much")
    return Fill(changed, held.id, size, ZERO, fee, opened=False)


def _check_after_close(account: Account) -> None:
    if not account.positions:
        if account.wallet_balance < 0:
            raise MarginError("The wallet cannot pay this close's loss and fee.", field="size")
        return
    try:
        evaluate(account)
    except MarginError:
        raise MarginError(
            "The wallet cannot pay this close's loss and fee.", field="size"
        ) from None
    _refuse_liquidated(account, field="size", doing="Closing this much")


def _refuse_liquidated(account: Account, *, field: str, doing: str) -> None:
    try:
        result = evaluate(account)
    except MarginError as error:  # e.g. a size past the tier the leverage allows
        raise MarginError(error.message, field=field) from None
    if any(position.liquidated for position in result.positions):
        raise MarginError(
            f"{doing} would leave the account liquidated at the current marks.", field=field
        )
