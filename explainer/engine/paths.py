"""Checking a replay's price path, one step at a time.

A step is either a mapping of market symbols to mark prices (the first form the API had) or a
PathStep, whose prices may be Quotes with the last and index prices beside the mark. Steps
are numbered from 0. A step's clock, in hours since the start, is its own `hours`, or its
number times `hours_per_step`; clocks never run backwards.
"""

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import NamedTuple

from .bounds import LARGEST, SMALLEST
from .errors import MarginError
from .markets import MARKETS, get_market
from .models import PathStep, Quote
from .validation import non_negative, positive


class Move(NamedTuple):
    marks: dict[str, Decimal]
    # Only the markets whose step gave a last or an index price.
    quotes: dict[str, Quote]
    hours: Decimal | None
    deleverage: tuple[str, ...]


def checked_path(path: object, *, hours_per_step: Decimal | None) -> list[Move]:
    if not isinstance(path, Sequence) or isinstance(path, str):
        raise MarginError("The path is a list of steps.", field="path")
    moves, clock = [], None
    for step, item in enumerate(path):
        move = _checked_step(step, item, hours_per_step)
        if move.hours is not None:
            if clock is not None and move.hours < clock:
                raise MarginError(
                    "A step's time cannot be earlier than the step before.",
                    field=f"path[{step}].hours",
                )
            clock = move.hours
        moves.append(move)
    return moves


def _checked_step(step: int, item: object, hours_per_step: Decimal | None) -> Move:
    if type(item) is dict:  # the common case: marks alone
        prices, hours, deleverage, wrapped = item, None, (), False
    elif isinstance(item, PathStep):
        prices, hours, deleverage, wrapped = item.prices, item.hours, item.deleverage, True
    elif isinstance(item, Mapping):
        prices, hours, deleverage, wrapped = item, None, (), False
    else:
        raise MarginError("Each step maps market symbols to mark prices.", field=f"path[{step}]")
    if wrapped and not isinstance(prices, Mapping):
        raise MarginError(
            "A step's prices map market symbols to prices.", field=f"path[{step}].prices"
        )
    marks, quotes = {}, {}
    for symbol, price in prices.items():
        if type(price) is Decimal and symbol in MARKETS and _plausible(price):
            marks[symbol] = price
        else:
            prefix = f"path[{step}].prices" if wrapped else f"path[{step}]"
            marks[symbol] = _checked_price(symbol, price, prefix, quotes)
    if hours is not None:
        hours = non_negative(hours, field=f"path[{step}].hours")
    elif hours_per_step is not None:
        hours = step * hours_per_step
    if deleverage and (
        not isinstance(deleverage, tuple) or not all(isinstance(i, str) for i in deleverage)
    ):
        raise MarginError("Name positions by their ids.", field=f"path[{step}].deleverage")
    return Move(marks, quotes, hours, deleverage)


def _plausible(price: Decimal) -> bool:
    return price.is_finite() and SMALLEST <= price <= LARGEST


def _checked_price(symbol: object, price: object, prefix: str, quotes: dict) -> Decimal:
    """A mark checked with field-named errors; a Quote's last and index go into `quotes`."""
    get_market(symbol, field=prefix)
    if isinstance(price, Quote):
        mark = _price(price.mark, f"{prefix}.{symbol}.mark", symbol, "mark")
        if price.last is not None or price.index is not None:
            quotes[symbol] = _quote(price, f"{prefix}.{symbol}", symbol)
        return mark
    return _price(price, f"{prefix}.{symbol}", symbol, "mark")


def _price(value: object, field: str, symbol: str, name: str) -> Decimal:
    label = f"The {symbol} mark" if name == "mark" else f"The {symbol} {name} price"
    return positive(value, field=field, label=label)


def _quote(price: Quote, field: str, symbol: str) -> Quote:
    last = None if price.last is None else _price(price.last, f"{field}.last", symbol, "last")
    index = None if price.index is None else _price(price.index, f"{field}.index", symbol, "index")
    return Quote(price.mark, last, index)
