"""The order panel: market and limit orders, cancelling, closing.

A market order fills at once at the current mark and pays the market's taker fee. A limit
order rests until a step's last price (the mark when the step gives no last) reaches its
price, and then fills as a maker at its price, or at the better price the step gapped to. A
limit order priced through the market (a buy at or above the mark, a sell at or below)
fills at once at the mark as a taker, reported in `Practice.notices`.

Sizes and limit prices keep to the market's lot and tick. Counting limits name the field
"market": at most MAX_POSITIONS positions and MAX_ORDERS resting orders.
"""

from dataclasses import replace
from decimal import Decimal

from ..decimals import in_context, plain
from ..errors import MarginError
from ..markets import Market, get_market
from ..models import MarginMode, Side
from ..validation import check_leverage, positive
from .ledger import booked, happening
from .state import MAX_ORDERS, Order, Practice
from .trading import Fill, fill, reduce


@in_context
def market_order(
    p: Practice, *, market: str, side: Side, size: Decimal, margin_mode: MarginMode
) -> Practice:
    found, side, size, margin_mode = _checked(market, side, size, margin_mode)
    mark = p.marks[found.symbol]
    done = _fill(p, found, side, size, mark, margin_mode, found.fees.taker)
    return _after(p, done, notices=())


@in_context
def limit_order(
    p: Practice,
    *,
    market: str,
    side: Side,
    size: Decimal,
    price: Decimal,
    margin_mode: MarginMode,
) -> Practice:
    found, side, size, margin_mode = _checked(market, side, size, margin_mode)
    price = _on_tick(found, positive(price, field="price", label="The limit price"))
    leverage = p.leverage_for(found.symbol)
    check_leverage(found, size * price, leverage, field="leverage")
    mark = p.marks[found.symbol]
    if (price >= mark) if side is Side.LONG else (price <= mark):
        done = _fill(p, found, side, size, mark, margin_mode, found.fees.taker)
        detail = {"limit_price": price, "fee": done.fee, "taker": Decimal(1)}
        notice = happening(p, "order_filled", done, found.symbol, margin_mode, size, mark, detail)
        return _after(p, done, notices=(notice,))
    if len(p.orders) >= MAX_ORDERS:
        raise MarginError(f"At most {MAX_ORDERS} limit orders can rest at once.", field="market")
    order = Order(f"o{p.next_id}", found.symbol, side, size, price, margin_mode, leverage)
    return replace(p, orders=(*p.orders, order), next_id=p.next_id + 1, notices=())


def cancel_order(p: Practice, *, order_id: str) -> Practice:
    if not any(order.id == order_id for order in p.orders):
        raise MarginError("There is no resting order with that id.", field="order_id")
    kept = tuple(order for order in p.orders if order.id != order_id)
    return replace(p, orders=kept, notices=())


@in_context
def close(p: Practice, *, position_id: str, size: Decimal | None = None) -> Practice:
    """Close all of a position, or `size` of it, at the mark with the taker fee."""
    index = position_index(p, position_id)
    held = p.account.positions[index]
    market = get_market(held.market)
    if size is None:
        size = held.size
    size = _on_lot(market, positive(size, field="size"))
    if size > held.size:
        raise MarginError(
            f"The position holds {plain(held.size)} {market.base}; close at most that.",
            field="size",
        )
    done = reduce(p.account, index=index, size=size, price=held.mark, fee_rate=market.fees.taker)
    return _after(p, done, notices=())


def close_all(p: Practice) -> Practice:
    for position in p.account.positions:
        p = close(p, position_id=position.id)
    return replace(p, notices=())


def position_index(p: Practice, position_id: str) -> int:
    for index, position in enumerate(p.account.positions):
        if position.id == position_id:
            return index
    raise MarginError("There is no open position with that id.", field="position_id")


def _fill(
    p: Practice,
    market: Market,
    side: Side,
    size: Decimal,
    price: Decimal,
    margin_mode: MarginMode,
    fee_rate: Decimal,
) -> Fill:
    leverage = p.leverage_for(market.symbol)
    return fill(
        p.account,
        market=market.symbol,
        side=side,
        size=size,
        price=price,
        mark=p.marks[market.symbol],
        margin_mode=margin_mode,
        leverage=leverage,
        fee_rate=fee_rate,
        new_id=f"p{p.next_id}",
    )


def _after(p: Practice, done: Fill, *, notices: tuple) -> Practice:
    return replace(
        p,
        account=done.account,
        ledger=booked(p.ledger, realized_pnl=done.realized_pnl, fees=done.fee),
        next_id=p.next_id + 1 if done.opened else p.next_id,
        notices=notices,
    )


def _checked(
    market: str, side: object, size: object, margin_mode: object
) -> tuple[Market, Side, Decimal, MarginMode]:
    found = get_market(market)
    if side not in tuple(Side):
        raise MarginError("Side must be long or short.", field="side")
    if margin_mode not in tuple(MarginMode):
        raise MarginError("Margin mode must be isolated or cross.", field="margin_mode")
    size = _on_lot(found, positive(size, field="size", label="The size"))
    return found, Side(side), size, MarginMode(margin_mode)


def _on_lot(market: Market, size: Decimal) -> Decimal:
    step = f"{plain(market.lot_size)} {market.base}"
    return _on_step(size, market.lot_size, f"{market.symbol} trades in steps of {step}.", "size")


def _on_tick(market: Market, price: Decimal) -> Decimal:
    step = f"{plain(market.tick_size)} USDC"
    return _on_step(
        price, market.tick_size, f"{market.symbol} prices move in steps of {step}.", "price"
    )


def _on_step(value: Decimal, step: Decimal, message: str, field: str) -> Decimal:
    if value % step:
        raise MarginError(message, field=field)
    return value
