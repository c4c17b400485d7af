"""Liquidation price, bankruptcy price and maximum loss of a group of positions.

A group is what moves together when one price moves: an isolated position on its own, or
every cross position of one market (a market has one mark price; in hedge mode it can hold a
long and a short). What backs the group, the held balance H, is an isolated position's
allocated margin; for a cross group it is the cross wallet plus every other market's cross
uPnL less their maintenance margin, those markets held at their own marks. H₀ is H without
the maintenance margins.

Liquidation. The group is liquidated at price P when

    H + Σ s·q·(P − E) ≤ Σ (q·P·rate − amount)

where each position's rate and amount are those of the bracket its notional q·P falls in at
P, not at the mark. Across a stretch of prices where no position changes bracket both sides
are straight lines, and the price where they meet is

    P = (Σ s·q·E − H − Σ amount) / (Σ q·(s − rate)).

The solver starts with the brackets at the mark and keeps that solution when every notional
at it lies in the bracket it was solved with. Otherwise it walks away from the mark, one
stretch at a time, until the line changes sign inside the stretch, and solves there: exact
at every step, no bisection. This is the procedure Binance gives for USDⓈ-M futures ("How to
Calculate Liquidation Price": when the notional at the computed price falls in another
bracket, recompute with that bracket's rate and maintenance amount).

Why there is one answer. With the tiers' derived amounts maintenance margin is continuous
in P and grows at Σ q·rate, the rate rising from bracket to bracket, so the left side minus
the right is concave in P. One position's PnL grows at q, faster than its maintenance margin
(rate < 1): the two meet once at most. A hedged market can meet twice, falling (the net
position's loss) and rising (both legs' maintenance margin outgrowing the net gain); the
price reported is the nearer to the mark. A position that gives only an amount keeps the
tiers' rates with that fixed amount, so its maintenance margin jumps where two tiers meet,
and such a border can be where liquidation starts.

Bankruptcy: H₀ + Σ s·q·(P − E) = 0, so P = (Σ s·q·E − H₀) / Σ s·q (none when Σ s·q is 0).

Maximum loss, what the account can lose through the group: all of H₀ (at least 0) when some
price liquidates it or it is liquidated already; otherwise, as for a long backed by more
than its value, what it loses at a price of zero, Σ s·q·E. For one position that is
s·q·(E − bankruptcy price), or q·E for a fully backed long.

A computed price of zero or below is reported as None: there is no such price.
"""

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import NamedTuple

from .decimals import ZERO
from .positions import Marked, Terms, requirement


class Crossing(NamedTuple):
    price: Decimal
    # For each position of the group, the index of its bracket at the price.
    brackets: tuple[int, ...]
    # True when the price is a border where maintenance margin jumps.
    border: bool


class Prices(NamedTuple):
    liquidation: Crossing | None
    bankruptcy: Decimal | None
    max_loss: Decimal
    # What backs the group at the mark, H₀ + Σ uPnL: its distance to bankruptcy in USDC.
    equity: Decimal


class _Group(NamedTuple):
    terms: Sequence[Terms]
    net: Decimal  # Σ s·q
    signed: Decimal  # Σ s·q·E
    held: Decimal
    continuous: bool


def group_prices(
    terms: Sequence[Terms], marked: Sequence[Marked], *, held: Decimal, backing: Decimal
) -> Prices:
    if len(terms) == 1 and terms[0].continuous:
        return _alone(terms[0], marked[0], held=held, backing=backing)
    net, signed = net_size(terms)
    group = _Group(terms, net, signed, held, all(term.continuous for term in terms))
    equity = held
    for term, figures in zip(terms, marked, strict=True):
        equity += figures.unrealized_pnl - requirement(term, figures)
    crossing = liquidation(group, marked, liquidated=equity <= 0)
    exposed = equity <= 0 or crossing is not None
    return Prices(
        liquidation=crossing,
        bankruptcy=_bankruptcy(terms, net=net, signed=signed, backing=backing),
        max_loss=max_loss(signed=signed, backing=backing, exposed=exposed),
        equity=sum((figures.unrealized_pnl for figures in marked), backing),
    )


def _alone(term: Terms, figures: Marked, *, held: Decimal, backing: Decimal) -> Prices:
    """One position: its crossing is unique, so the line of the mark's bracket is the answer
    whenever its root lies in that bracket (the common case, worth its own few lines)."""
    net, signed = term.signed_size, term.signed_notional
    root = (signed - held - figures.amount) / (net - term.size * (figures.rate + term.reserve))
    bracket, notional = term.brackets[figures.bracket], term.size * root
    # Below the lowest bracket's floor means below zero: no price liquidates it.
    low_enough = bracket.floor <= notional or not figures.bracket
    liquidated = held + figures.unrealized_pnl <= requirement(term, figures)
    if low_enough and (bracket.cap is None or notional < bracket.cap):
        crossing = Crossing(root, (figures.bracket,), False) if root > 0 else None
    else:
        group = _Group((term,), net, signed, held, True)
        crossing = liquidation(group, (figures,), liquidated=liquidated)
    exposed = liquidated or crossing is not None
    loss = max_loss(signed=signed, backing=backing, exposed=exposed)
    slope = net - term.size * term.reserve if term.reserve else net
    bankruptcy = _positive((signed - backing) / slope)
    return Prices(crossing, bankruptcy, loss, backing + figures.unrealized_pnl)


def _bankruptcy(
    terms: Sequence[Terms], *, net: Decimal, signed: Decimal, backing: Decimal
) -> Decimal | None:
    """H₀ + Σ s·q·(P − E) − Σ q·P·reserve = 0: P = (Σ s·q·E − H₀) / Σ q·(s − reserve)."""
    slope = net - sum((term.size * term.reserve for term in terms if term.reserve), ZERO)
    return _positive((signed - backing) / slope) if slope else None


def net_size(terms: Sequence[Terms]) -> tuple[Decimal, Decimal]:
    """Σ s·q and Σ s·q·E."""
    if len(terms) == 1:
        return terms[0].signed_size, terms[0].signed_notional
    net = signed = ZERO
    for term in terms:
        net += term.signed_size
        signed += term.signed_notional
    return net, signed


def max_loss(*, signed: Decimal, backing: Decimal, exposed: bool) -> Decimal:
    """H₀ (never below 0) when some price liquidates the group, or it is liquidated already;
    otherwise no more than Σ s·q·E, what it loses at a price of zero.

    Computed from H₀ directly, so it carries no rounding from a division."""
    loss = max(backing, ZERO)
    return loss if exposed else min(loss, max(signed, ZERO))


def liquidation(group: _Group, marked: Sequence[Marked], *, liquidated: bool) -> Crossing | None:
    """The liquidation price nearest the mark, in either direction, with its brackets."""
    start = tuple(figures.bracket for figures in marked)
    mark = marked[0].mark_price
    found = []
    for direction in (-1, 1):
        if group.continuous and _never_flips(group, start, direction, liquidated):
            continue
        crossing = _walk(group, start, mark, direction, liquidated)
        if crossing is not None and crossing.price > 0:
            found.append(crossing)
    return min(found, key=lambda crossing: abs(crossing.price - mark), default=None)


def _never_flips(group: _Group, start: tuple[int, ...], direction: int, liquidated: bool) -> bool:
    """Moving away from the mark, the slope of the concave difference only falls. Liquidated
    at the mark, it cannot recover if it already falls; not liquidated, it cannot fall to
    zero if it still rises in the farthest brackets."""
    if liquidated:
        return direction * (group.net - _rates(group, start)) <= 0
    last = tuple(0 if direction < 0 else len(term.brackets) - 1 for term in group.terms)
    return direction * (group.net - _rates(group, last)) >= 0


def _walk(
    group: _Group, brackets: tuple[int, ...], price: Decimal, direction: int, liquidated: bool
) -> Crossing | None:
    """The first price, going `direction` from `price`, where being liquidated flips."""
    slope, amounts = _line(group, brackets)
    root = _root(group, slope, amounts)
    if root is not None and direction * (root - price) >= 0 and _inside(group, brackets, root):
        return Crossing(root, brackets, False)
    for border, beyond in _borders(group, brackets, direction):
        if (_value(group, slope, amounts, border) <= 0) is not liquidated:
            root = _root(group, slope, amounts)
            return Crossing(_between(root, price, border), brackets, False)
        price, brackets = border, beyond
        slope, amounts = _line(group, brackets)
        if not group.continuous and (_value(group, slope, amounts, border) <= 0) is not liquidated:
            return Crossing(border, brackets, True)
    # The last stretch runs on to zero or without end: its line's root, if on this side.
    root = _root(group, slope, amounts)
    if root is None or direction * (root - price) < 0:
        return None
    return Crossing(root, brackets, False)


def _borders(
    group: _Group, brackets: tuple[int, ...], direction: int
) -> Iterator[tuple[Decimal, tuple[int, ...]]]:
    """Every price, going `direction`, where a position changes bracket, nearest first, each
    with the brackets just past it. Each position's next edge is found only when needed."""
    current = list(brackets)
    edges = [
        _edge(term, index, direction) for term, index in zip(group.terms, current, strict=True)
    ]
    while known := [edge for edge in edges if edge is not None]:
        border = min(known) if direction > 0 else max(known)
        for leg, edge in enumerate(edges):
            if edge == border:
                current[leg] += direction
                edges[leg] = _edge(group.terms[leg], current[leg], direction)
        yield border, tuple(current)


def _edge(term: Terms, index: int, direction: int) -> Decimal | None:
    """The price where the position leaves this bracket going `direction`, if it does."""
    bracket = term.brackets[index]
    edge = bracket.cap if direction > 0 else (bracket.floor if index else None)
    return None if edge is None else edge / term.size


def _line(group: _Group, brackets: tuple[int, ...]) -> tuple[Decimal, Decimal]:
    """On these brackets: the slope Σ s·q − Σ q·rate, and Σ amount."""
    slope, amounts = group.net, ZERO
    for term, index in zip(group.terms, brackets, strict=True):
        bracket = term.brackets[index]
        slope -= term.size * (bracket.maintenance_margin_rate + term.reserve)
        amounts += bracket.maintenance_amount
    return slope, amounts


def _rates(group: _Group, brackets: tuple[int, ...]) -> Decimal:
    """Σ q·rate: how fast the group's maintenance margin grows with the price."""
    return group.net - _line(group, brackets)[0]


def _root(group: _Group, slope: Decimal, amounts: Decimal) -> Decimal | None:
    """Where H + Σ s·q·(P − E) − Σ (q·P·rate − amount) is zero on this line."""
    return (group.signed - group.held - amounts) / slope if slope else None


def _value(group: _Group, slope: Decimal, amounts: Decimal, price: Decimal) -> Decimal:
    """H + Σ s·q·(P − E) − Σ (q·P·rate − amount) on this line."""
    return group.held - group.signed + amounts + price * slope


def _inside(group: _Group, brackets: tuple[int, ...], price: Decimal) -> bool:
    for term, index in zip(group.terms, brackets, strict=True):
        bracket, notional = term.brackets[index], term.size * price
        if notional < bracket.floor or (bracket.cap is not None and notional >= bracket.cap):
            return False
    return True


def _between(root: Decimal | None, price: Decimal, border: Decimal) -> Decimal:
    """The root, kept between the two ends of its stretch against the last digit's rounding."""
    if root is None:  # unreachable: the line changes sign, so it is not flat
        return border
    low, high = min(price, border), max(price, border)
    return min(max(root, low), high)


def liquidation_price(
    *,
    sign: int,
    size: Decimal,
    entry: Decimal,
    collateral: Decimal,
    rate: Decimal,
    amount: Decimal,
) -> Decimal | None:
    """One position on one bracket's line: P = (s·q·E − H − amount) / (q·(s − rate))."""
    return _positive((sign * size * entry - collateral - amount) / (size * (sign - rate)))


def _positive(price: Decimal) -> Decimal | None:
    return price if price > 0 else None
