"""Leverage per market, margin mode per position, and isolated margin, through the engine's
own operations (see `operations` for every limit); refusals name the practice's fields."""

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

from ..decimals import ZERO, in_context
from ..errors import MarginError
from ..markets import get_market
from ..models import MarginMode, PositionMode
from ..operations import add_margin as add_to
from ..operations import change_leverage, switch_mode
from ..operations import remove_margin as remove_from
from ..validation import check_leverage
from .orders import position_index
from .state import Practice


def _named[R](field: str, operation: Callable[..., R], *args: object, **kwargs: object) -> R:
    """Run an operation, reporting its own argument names ("index", ...) as `field`."""
    try:
        return operation(*args, **kwargs)
    except MarginError as error:
        if error.field in {"amount", "leverage", "mode"}:
            raise
        raise MarginError(error.message, field=field) from None


@in_context
def set_leverage(p: Practice, *, market: str, leverage: Decimal) -> Practice:
    """The market's leverage setting, and that of its open positions (both, in hedge mode)."""
    found = get_market(market)
    leverage = check_leverage(found, ZERO, leverage, field="leverage")
    account = p.account
    for index, held in enumerate(account.positions):
        if held.market == found.symbol:
            account = _named("leverage", change_leverage, account, index=index, leverage=leverage)
    settings = {**p.leverage, found.symbol: leverage}
    return replace(p, account=account, leverage=settings, notices=())


def switch_margin_mode(p: Practice, *, position_id: str, mode: MarginMode) -> Practice:
    index = position_index(p, position_id)
    if mode not in tuple(MarginMode):
        raise MarginError("Mode must be isolated or cross.", field="mode")
    account = _named("mode", switch_mode, p.account, index=index, mode=MarginMode(mode))
    return replace(p, account=account, notices=())


def add_margin(p: Practice, *, position_id: str, amount: Decimal) -> Practice:
    return _margin(p, add_to, position_id, amount)


def remove_margin(p: Practice, *, position_id: str, amount: Decimal) -> Practice:
    return _margin(p, remove_from, position_id, amount)


def _margin(
    p: Practice, operation: Callable[..., object], position_id: str, amount: Decimal
) -> Practice:
    index = position_index(p, position_id)
    account = _named("position_id", operation, p.account, index=index, amount=amount)
    return replace(p, account=account, notices=())


def set_position_mode(p: Practice, *, mode: PositionMode) -> Practice:
    """One-way (one position per market) or hedge (a long and a short per market, which is
    how the account reaches MAX_POSITIONS with five markets). Exchanges change it only with
    nothing open and nothing resting, and so does this."""
    if mode not in tuple(PositionMode):
        raise MarginError("Position mode must be one_way or hedge.", field="position_mode")
    if p.account.positions or p.orders:
        raise MarginError(
            "Close every position and cancel every order before changing the position mode.",
            field="position_mode",
        )
    account = replace(p.account, position_mode=PositionMode(mode))
    return replace(p, account=account, notices=())
