"""What a trader can do to an account. Each operation returns a new Account or raises
MarginError; the account given is never changed.

The limits follow what a real exchange enforces:

- add_margin: isolated positions only; the amount must be positive and at most the
  available balance.
- remove_margin: isolated positions only; the amount must be positive, the margin left must
  still cover the initial margin at the current leverage, and the position must not be
  liquidated at its mark afterwards.
- change_leverage: the market and the tier for the notional at entry cap the leverage.
  Isolated: the allocated margin is reset to the new initial margin; refused when that is
  more than the current margin plus the available balance, or when the position would then
  be liquidated. Cross: refused when the extra initial margin (lowering leverage) is more
  than the available balance.
- switch_mode: to cross releases the isolated margin into the cross wallet; to isolated
  allocates the initial margin out of the cross wallet, refused when the cross account
  cannot spare it (its cash, and what is left above the other cross positions' initial
  margins). Refused either way when the result would be liquidated at the current marks.
  Switching to the mode a position already has returns the account unchanged.
- open_position: the position mode must allow it (one-way: no other position in its market;
  hedge: none on the same side of its market, and the same mark); the taker fee q·E·fee rate
  is taken from the wallet; the available balance must cover the position's margin plus that
  fee; an isolated position opens with at least
  its initial margin; refused when the new position would be liquidated at once.
- close_position: realises s·q·(price − E) into the wallet less the fee q·price·fee rate
  and removes the position. Refused at a price where the position is already liquidated
  (its whole market marked there): the liquidation engine, not a close order, settles it
  there. Closing the last position leaves an account with no positions, which `evaluate`
  does not accept.

Margin, leverage and mode changes are refused when, at the current marks, they would leave
the position or the cross account liquidated.

Errors name the operation's own argument ("index", "amount", "leverage", "mode", "price",
"taker_fee_rate", "position.size", ...), or the account's field when the account given is
itself invalid.
"""

from dataclasses import replace
from decimal import Decimal

from .account import evaluate
from .decimals import ZERO, in_context, plain
from .errors import MarginError
from .markets import get_market
from .models import Account, MarginMode, Position, Side
from .positions import terms_of
from .results import AccountResult
from .validation import (
    MAX_POSITIONS,
    check_cross_wallet,
    check_leverage,
    fee_rates,
    fraction,
    position_clash,
    positive,
    validate_position,
)


@in_context
def add_margin(account: Account, *, index: int, amount: Decimal) -> Account:
    result = evaluate(account)
    _isolated(account, index, doing="add margin to")
    amount = positive(amount, field="amount")
    if amount > result.available_balance:
        available = plain(result.available_balance)
        raise MarginError(f"Only {available} USDC is available to add.", field="amount")
    margin = result.positions[index].margin + amount
    return _replace_position(account, index, isolated_margin=margin)


@in_context
def remove_margin(account: Account, *, index: int, amount: Decimal) -> Account:
    result = evaluate(account)
    _isolated(account, index, doing="remove margin from")
    amount = positive(amount, field="amount")
    current = result.positions[index]
    removable = max(ZERO, current.margin - current.initial_margin)
    if amount > removable:
        raise MarginError(
            f"At most {plain(removable)} USDC can be removed: the margin cannot drop below "
            f"the initial margin of {plain(current.initial_margin)} USDC.",
            field="amount",
        )
    changed = _replace_position(account, index, isolated_margin=current.margin - amount)
    _refuse_liquidation(changed, index, field="amount", doing="Removing this much margin")
    return changed


@in_context
def change_leverage(account: Account, *, index: int, leverage: Decimal) -> Account:
    result = evaluate(account)
    position = _position(account, index)
    current = result.positions[index]
    market = get_market(position.market)
    leverage = check_leverage(
        market, current.size * current.entry_price, leverage, field="leverage"
    )
    initial = current.size * current.entry_price / leverage
    if position.margin_mode == MarginMode.CROSS:
        extra = initial - current.initial_margin
        _need(extra, result.available_balance, what="This leverage", field="leverage")
        return _replace_position(account, index, leverage=leverage)
    funds = current.margin + result.available_balance
    _need(initial, funds, what="This leverage", field="leverage")
    changed = _replace_position(account, index, leverage=leverage, isolated_margin=initial)
    _refuse_liquidation(changed, index, field="leverage", doing="This leverage")
    return changed


@in_context
def switch_mode(account: Account, *, index: int, mode: MarginMode) -> Account:
    result = evaluate(account)
    position = _position(account, index)
    if mode not in tuple(MarginMode):
        raise MarginError("Mode must be isolated or cross.", field="mode")
    if position.margin_mode == mode:
        return account
    if mode == MarginMode.ISOLATED:
        initial, spare = result.positions[index].initial_margin, _spare(result, index)
        _need(initial, spare, what="Isolating this position", field="mode")
    changed = _replace_position(account, index, margin_mode=MarginMode(mode), isolated_margin=None)
    _refuse_liquidation(changed, index, field="mode", doing="Switching the margin mode")
    return changed


@in_context
def open_position(
    account: Account, position: Position, *, taker_fee_rate: Decimal | None = ZERO
) -> Account:
    """`taker_fee_rate` None charges the market's taker rate (or the account's own)."""
    result = evaluate(account)
    if len(account.positions) >= MAX_POSITIONS:
        raise MarginError(f"An account holds at most {MAX_POSITIONS} positions.", field="position")
    validate_position(position, path="position")
    if taker_fee_rate is None:
        taker_fee_rate = fee_rates(account, position.market).taker
    fee_rate = fraction(taker_fee_rate, field="taker_fee_rate")
    terms = terms_of(position)
    if terms.isolated and terms.margin < terms.initial_margin:
        raise MarginError(
            f"An isolated position opens with at least its initial margin "
            f"({plain(terms.initial_margin)} USDC).",
            field="position.isolated_margin",
        )
    if clash := position_clash((*account.positions, position), account.position_mode):
        _, name, message = clash
        raise MarginError(message, field=f"position.{name}")
    fee = terms.entry_notional * fee_rate
    what = "Opening this position (margin plus fee)"
    _need(terms.margin + fee, result.available_balance, what=what, field="position")
    positions = (*account.positions, position)
    opened = replace(account, wallet_balance=account.wallet_balance - fee, positions=positions)
    if evaluate(opened).positions[-1].liquidated:
        raise MarginError(
            "The position would be liquidated as soon as it opened.", field="position"
        )
    return opened


@in_context
def close_position(
    account: Account, *, index: int, price: Decimal, taker_fee_rate: Decimal = ZERO
) -> Account:
    evaluate(account)
    position = _position(account, index)
    price = positive(price, field="price")
    fee_rate = fraction(taker_fee_rate, field="taker_fee_rate")
    if evaluate(_marked_market(account, position.market, price)).positions[index].liquidated:
        raise MarginError(
            "At this price the position is already liquidated; the liquidation engine, "
            "not a close order, settles it there.",
            field="price",
        )
    pnl = Side(position.side).sign * position.size * (price - position.entry_price)
    wallet = account.wallet_balance + pnl - position.size * price * fee_rate
    remaining = account.positions[:index] + account.positions[index + 1 :]
    _check_wallet_after_close(wallet, remaining)
    return replace(account, wallet_balance=wallet, positions=remaining)


def _position(account: Account, index: int) -> Position:
    if isinstance(index, bool) or not isinstance(index, int):
        raise MarginError("Index must be a whole number.", field="index")
    if not 0 <= index < len(account.positions):
        raise MarginError("There is no position with that index.", field="index")
    return account.positions[index]


def _isolated(account: Account, index: int, *, doing: str) -> Position:
    position = _position(account, index)
    if position.margin_mode != MarginMode.ISOLATED:
        raise MarginError(f"You can only {doing} an isolated position.", field="index")
    return position


def _replace_position(account: Account, index: int, **changes: object) -> Account:
    positions = list(account.positions)
    positions[index] = replace(positions[index], **changes)
    return replace(account, positions=tuple(positions))


def _marked_market(account: Account, market: str, price: Decimal) -> Account:
    """The account with its market marked at `price`: every position there shares the mark."""
    positions = tuple(
        replace(p, mark_price=price) if p.market == market else p for p in account.positions
    )
    return replace(account, positions=positions)


def _need(needed: Decimal, available: Decimal, *, what: str, field: str) -> None:
    if needed > available:
        raise MarginError(
            f"{what} needs {plain(needed)} USDC but only {plain(max(available, ZERO))} USDC "
            "is available.",
            field=field,
        )


def _spare(result: AccountResult, index: int) -> Decimal:
    """What the cross account can hand a position leaving it: cash it holds, beyond what
    the other cross positions' initial margins need."""
    leaving = result.positions[index]
    others_initial = sum(
        (
            p.initial_margin
            for i, p in enumerate(result.positions)
            if i != index and p.margin_mode == MarginMode.CROSS
        ),
        ZERO,
    )
    left = result.cross_margin_balance - leaving.unrealized_pnl - others_initial
    return min(result.cross_wallet_balance, left)


def _refuse_liquidation(account: Account, index: int, *, field: str, doing: str) -> None:
    """Refuse a change after which the position, or the cross account, is liquidated."""
    result = evaluate(account)
    cross = [p.liquidated for p in result.positions if p.margin_mode == MarginMode.CROSS]
    if result.positions[index].liquidated or any(cross):
        raise MarginError(
            f"{doing} would leave the account liquidated at the current marks.", field=field
        )


def _check_wallet_after_close(wallet: Decimal, remaining: tuple[Position, ...]) -> None:
    margins = [terms.margin for terms in map(terms_of, remaining) if terms.isolated]
    try:
        check_cross_wallet(wallet, margins)
    except MarginError:
        raise MarginError(
            "The wallet cannot pay this close's loss and fee.", field="price"
        ) from None
