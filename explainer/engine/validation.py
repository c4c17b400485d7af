"""Input rules. Every failure raises MarginError naming the field, e.g. "positions[0].leverage".

Position mode: in one-way mode (the default) an account holds one position per market; in
hedge mode one long and one short per market, which share the market's one mark price.

Numbers must be Decimal (or int): binary floats cannot hold 0.1 exactly, so they are refused
rather than silently converted. NaN and Infinity are refused; −0 counts as 0. Non-zero
magnitudes must lie between 1e-18 and 1e15 (see `bounds`), far from anything that could
overflow or vanish.
"""

from collections.abc import Mapping
from decimal import Decimal

from .bounds import LARGEST, SMALLEST
from .decimals import EXACT, ONE, ZERO, exact_sum, in_context, plain
from .errors import MarginError
from .markets import FeeRates, Market, get_market
from .models import Account, MarginMode, Position, PositionMode, Side
from .positions import Terms, terms_of

MAX_POSITIONS = 50


@in_context
def validate(account: Account) -> None:
    checked_terms(account)


def checked_terms(account: Account) -> list[Terms]:
    """Validate the account and return its positions' terms, in order."""
    non_negative(account.wallet_balance, field="wallet_balance")
    _choice(account.position_mode, PositionMode, field="position_mode")
    if not isinstance(account.reserve_closing_fee, bool):
        raise MarginError("Reserve closing fee is true or false.", field="reserve_closing_fee")
    if account.fee_rates:
        check_fee_rates(account)
    positions = account.positions
    if not 1 <= len(positions) <= MAX_POSITIONS:
        raise MarginError(
            f"An account holds between 1 and {MAX_POSITIONS} positions.", field="positions"
        )
    for index, position in enumerate(positions):
        validate_position(position, path=f"positions[{index}]")
    if len(positions) > 1 and (clash := position_clash(positions, account.position_mode)):
        index, name, message = clash
        raise MarginError(message, field=f"positions[{index}].{name}")
    terms = [terms_of(position, reserve=_reserve(account, position)) for position in positions]
    check_cross_wallet(account.wallet_balance, [term.margin for term in terms if term.isolated])
    return terms


def _reserve(account: Account, position: Position) -> Decimal:
    if not account.reserve_closing_fee:
        return ZERO
    return fee_rates(account, position.market).taker


def fee_rates(account: Account, symbol: str) -> FeeRates:
    """The account's own fee rates for the market, or the market's illustrative ones."""
    rates = account.fee_rates.get(symbol) if account.fee_rates else None
    return rates or get_market(symbol).fees


def check_fee_rates(account: Account) -> None:
    if not isinstance(account.fee_rates, Mapping):
        raise MarginError("Fee rates map market symbols to rates.", field="fee_rates")
    for symbol, rates in account.fee_rates.items():
        get_market(symbol, field="fee_rates")
        if not isinstance(rates, FeeRates):
            raise MarginError(
                "Give maker, taker and liquidation rates.", field=f"fee_rates.{symbol}"
            )
        for name in ("maker", "taker", "liquidation"):
            fraction(getattr(rates, name), field=f"fee_rates.{symbol}.{name}")


def validate_position(position: Position, *, path: str) -> None:
    _choice(position.side, Side, field=f"{path}.side")
    _choice(position.margin_mode, MarginMode, field=f"{path}.margin_mode")
    market = get_market(position.market, field=f"{path}.market")
    size = positive(position.size, field=f"{path}.size")
    entry = positive(position.entry_price, field=f"{path}.entry_price")
    if position.mark_price is not None:
        positive(position.mark_price, field=f"{path}.mark_price")
    check_leverage(market, size * entry, position.leverage, field=f"{path}.leverage")
    _check_isolated_margin(position, field=f"{path}.isolated_margin")
    if position.maintenance_margin_rate is not None:
        fraction(position.maintenance_margin_rate, field=f"{path}.maintenance_margin_rate")
    if position.maintenance_amount is not None:
        non_negative(position.maintenance_amount, field=f"{path}.maintenance_amount")


def position_clash(
    positions: tuple[Position, ...], mode: PositionMode
) -> tuple[int, str, str] | None:
    """The first position the position mode does not allow: (its index, the field, why)."""
    hedge = mode == PositionMode.HEDGE
    if not hedge and len({position.market for position in positions}) == len(positions):
        return None  # the common case, in one line: one position per market
    seen: dict[object, int] = {}
    marks: dict[str, tuple[int, Decimal]] = {}
    for index, position in enumerate(positions):
        key = (position.market, position.side) if hedge else position.market
        if (first := seen.setdefault(key, index)) != index:
            return index, "market", _clash_message(positions[first], first, hedge=hedge)
        mark = Decimal(position.mark)
        known, marked = marks.setdefault(position.market, (index, mark))
        if marked != mark:
            return index, "mark_price", _mark_message(position.market, known, marked)
    return None


def _clash_message(first: Position, index: int, *, hedge: bool) -> str:
    combine = (
        "Combine the two into one position: sizes added, the entry price their size-weighted "
        "average."
    )
    if hedge:
        return (
            f"In hedge mode an account holds one long and one short per market, and "
            f"positions[{index}] is already a {first.market} {first.side}. {combine}"
        )
    return (
        f"In one-way mode an account holds one position per market, and positions[{index}] "
        f"is already in {first.market}. {combine} Or use hedge mode to hold a long and a short."
    )


def _mark_message(market: str, index: int, mark: Decimal) -> str:
    return (
        f"Positions in the same market share its mark price: positions[{index}] marks {market} "
        f"at {plain(mark)} USDC (its entry price when no mark is given)."
    )


def check_leverage(
    market: Market, entry_notional: Decimal, leverage: object, *, field: str
) -> Decimal:
    """Leverage is capped by the market and, tighter for big positions, by the tier."""
    value = number(leverage, field=field)
    if value < ONE:
        raise MarginError("Leverage must be at least 1×.", field=field)
    if value > market.max_leverage:
        raise MarginError(
            f"{market.symbol} allows at most {plain(market.max_leverage)}× leverage.", field=field
        )
    tier = market.tier_for(entry_notional)
    if value > tier.max_leverage:
        raise MarginError(
            f"{market.symbol} allows at most {plain(tier.max_leverage)}× for a position of this "
            f"size ({plain(entry_notional)} USDC notional at entry).",
            field=field,
        )
    return value


def check_cross_wallet(wallet: Decimal, margins: list[Decimal]) -> None:
    allocated = exact_sum(margins)
    if EXACT.subtract(Decimal(wallet), allocated) < 0:
        raise MarginError(
            f"The wallet balance ({plain(wallet)} USDC) is less than the isolated margins "
            f"allocated ({plain(allocated)} USDC).",
            field="wallet_balance",
        )


def number(value: object, *, field: str, label: str | None = None) -> Decimal:
    # Labels are built only for an error: charts validate thousands of numbers per request.
    if type(value) is Decimal:
        result = value
    elif isinstance(value, int | Decimal) and not isinstance(value, bool):
        result = Decimal(value)
    else:
        raise MarginError(f"{label or _label(field)} must be a decimal number.", field=field)
    if not result.is_finite():
        raise MarginError(f"{label or _label(field)} must be a finite number.", field=field)
    if result and not SMALLEST <= abs(result) <= LARGEST:
        raise MarginError(
            f"{label or _label(field)} is outside the range the engine handles.", field=field
        )
    return result


def positive(value: object, *, field: str, label: str | None = None) -> Decimal:
    result = number(value, field=field, label=label)
    if result <= 0:
        raise MarginError(f"{label or _label(field)} must be greater than 0.", field=field)
    return result


def non_negative(value: object, *, field: str) -> Decimal:
    result = number(value, field=field)
    if result < 0:
        raise MarginError(f"{_label(field)} cannot be negative.", field=field)
    return result


def fraction(value: object, *, field: str) -> Decimal:
    """A rate in [0, 1)."""
    result = non_negative(value, field=field)
    if result >= 1:
        raise MarginError(f"{_label(field)} must be below 1 (100 %).", field=field)
    return result


MAX_FUNDING_RATE = Decimal("0.05")


def funding_rate(value: object, *, field: str, label: str = "The funding rate") -> Decimal:
    """A funding rate per interval, either sign, at most 5 % in size (exchanges cap theirs
    well below that)."""
    result = number(value, field=field, label=label)
    if abs(result) > MAX_FUNDING_RATE:
        raise MarginError(f"{label} must lie between −5 % and 5 %.", field=field)
    return result


def _check_isolated_margin(position: Position, *, field: str) -> None:
    if position.isolated_margin is None:
        return
    if position.margin_mode != MarginMode.ISOLATED:
        raise MarginError("Only an isolated position has an isolated margin.", field=field)
    positive(position.isolated_margin, field=field)


_MEMBERS = {
    Side: frozenset(Side),
    MarginMode: frozenset(MarginMode),
    PositionMode: frozenset(PositionMode),
}


def _choice(
    value: object, kind: type[Side] | type[MarginMode] | type[PositionMode], *, field: str
) -> None:
    if not isinstance(value, str) or value not in _MEMBERS[kind]:
        options = " or ".join(member.value for member in kind)
        raise MarginError(f"{_label(field)} must be {options}.", field=field)


def _label(field: str) -> str:
    name = field.rsplit(".", 1)[-1].split("[", 1)[0]
    return name.replace("_", " ").capitalize()
