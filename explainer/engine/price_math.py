"""Show the math for a position's prices: liquidation, bankruptcy and maximum loss.

They belong to the position's group (see `liquidation`): the position alone when isolated,
every cross position of its market otherwise. A group of one is written with the symbols of
one position (s, q, E); a larger group with sums over its positions (Σ s·q·E). The
liquidation price is solved with the brackets the notionals fall in at that price, and the
words name them.
"""

from collections.abc import Sequence
from decimal import Decimal
from typing import NamedTuple

from .account import CrossTotals
from .decimals import joined, operand, plain, readable, series
from .liquidation import Crossing, Prices
from .positions import Marked, Terms, requirement
from .results import Derivation, PositionResult


class PriceView(NamedTuple):
    terms: Sequence[Terms]  # the group's positions
    marked: Sequence[Marked]
    cross: CrossTotals
    prices: Prices
    held: Decimal
    backing: Decimal
    position: PositionResult  # the position explained


def liquidation_price(v: PriceView) -> Derivation:
    crossing = v.prices.liquidation
    if crossing is not None and crossing.border:
        formula, substituted = _border_texts(v, crossing)
    else:
        brackets = crossing.brackets if crossing else (0,) * len(v.terms)
        formula, substituted = _line_texts(v, brackets)
    return Derivation(
        name="liquidation_price",
        label="Liquidation price",
        words=_liquidation_words(v, crossing),
        formula=formula,
        substituted=substituted,
        value=v.position.liquidation_price,
    )


def _line_texts(v: PriceView, brackets: tuple[int, ...]) -> tuple[str, str]:
    held, _, held_text, _ = _backing_texts(v)
    chosen = [t.brackets[k] for t, k in zip(v.terms, brackets, strict=True)]
    if len(v.terms) == 1:
        (term,), (bracket,) = v.terms, chosen
        s, q, entry = term.sign, operand(term.size), operand(term.entry_price)
        amount, rate = operand(bracket.maintenance_amount), operand(bracket.maintenance_margin_rate)
        fee, fee_text = _fee_texts(term)
        return (
            f"P = (s·q·E − {held} − amount) / (q·(s − rate{fee}))",
            f"P = ({operand(s)} × {q} × {entry} − {held_text} − {amount}) / "
            f"({q} × ({plain(s)} − {rate}{fee_text}))",
        )
    amounts = series(bracket.maintenance_amount for bracket in chosen)
    slopes = [
        f"{operand(t.size)} × ({plain(t.sign)} − {operand(b.maintenance_margin_rate)}"
        f"{_fee_texts(t)[1]})"
        for t, b in zip(v.terms, chosen, strict=True)
    ]
    fee = " − fee" if any(t.reserve for t in v.terms) else ""
    return (
        f"P = (Σ s·q·E − {held} − Σ amount) / Σ q·(s − rate{fee})",
        f"P = ({_signed_notionals(v.terms)} − {held_text} − {amounts}) / ({joined(slopes)})",
    )


def _fee_texts(term: Terms) -> tuple[str, str]:
    """The reserved closing fee rate in a slope: (" − fee", " − 0.0005"), or nothing."""
    return (" − fee", f" − {operand(term.reserve)}") if term.reserve else ("", "")


def _border_texts(v: PriceView, crossing: Crossing) -> tuple[str, str]:
    for term, index in zip(v.terms, crossing.brackets, strict=True):
        bracket = term.brackets[index]
        for edge in (bracket.floor, bracket.cap):
            if edge is not None and edge / term.size == crossing.price:
                return "P = tier border / q", f"P = {plain(edge)} / {operand(term.size)}"
    raise AssertionError("a border crossing lies on a bracket's edge")


def _liquidation_words(v: PriceView, crossing: Crossing | None) -> str:
    symbol = v.terms[0].market.symbol
    if v.terms[0].isolated:
        words = "the mark price where margin plus unrealised PnL falls to the maintenance margin"
    else:
        moving = f"every {symbol} cross position moving with it, " if len(v.terms) > 1 else ""
        words = (
            "the mark price where the cross margin balance falls to the cross maintenance "
            f"margin, {moving}the other markets held at their marks"
        )
    if any(term.reserve for term in v.terms):
        words += (
            f" plus the reserved closing fee (the taker rate, {plain(v.terms[0].reserve)}, of "
            "the notional), so that closing can still be paid for"
        )
    if crossing is None:
        return words + "; it comes out at zero or below, so there is no liquidation price"
    return f"{words}; {_bracket_words(v, crossing)}"


def _bracket_words(v: PriceView, crossing: Crossing) -> str:
    price = crossing.price
    if crossing.border:
        return (
            f"the maintenance amount was given while the rate follows the tiers, so maintenance "
            f"margin jumps where two tiers meet, and liquidation starts at that border, "
            f"{readable(price)}"
        )
    if not any(term.tiered for term in v.terms):
        return "the rate and amount were given, one bracket for every notional"
    parts = [_notional_words(v, i, crossing) for i in range(len(v.terms))]
    return f"at {readable(price)} " + "; ".join(parts)


def _notional_words(v: PriceView, index: int, crossing: Crossing) -> str:
    term, at_mark = v.terms[index], v.marked[index].bracket
    whose = "the notional" if len(v.terms) == 1 else f"the {term.side.value}'s notional"
    notional = readable(term.size * crossing.price)
    if not term.tiered:
        return f"{whose} is {notional} USDC, with the rate and amount given for it"
    tier = crossing.brackets[index]
    bracket = term.brackets[tier]
    band = f"from {readable(bracket.floor)}"
    band += " USDC up" if bracket.cap is None else f" up to {readable(bracket.cap)} USDC"
    words = (
        f"{whose} is {notional} USDC, {term.market.symbol} tier {tier + 1} ({band}), whose "
        f"rate {plain(bracket.maintenance_margin_rate)} and amount "
        f"{plain(bracket.maintenance_amount)} apply there"
    )
    if tier != at_mark:
        words += f" (at the mark it is tier {at_mark + 1}: the move crosses into another tier)"
    return words


def bankruptcy_price(v: PriceView) -> Derivation:
    _, backing, _, backing_text = _backing_texts(v)
    words = "the mark price where the backing margin is used up entirely (no maintenance margin)"
    reserved = any(t.reserve for t in v.terms)
    if reserved:
        words = words.replace(
            "(no maintenance margin)", "(no maintenance margin), the closing fee kept back"
        )
    if len(v.terms) == 1:
        term = v.terms[0]
        s, q, entry = operand(term.sign), operand(term.size), operand(term.entry_price)
        fee, fee_text = _fee_texts(term)
        formula = f"P = (s·q·E − {backing}) / (q·(s{fee}))"
        substituted = f"P = ({s} × {q} × {entry} − {backing_text}) / ({q} × ({s}{fee_text}))"
    elif reserved:
        slopes = [f"{operand(t.size)} × ({plain(t.sign)}{_fee_texts(t)[1]})" for t in v.terms]
        formula = f"P = (Σ s·q·E − {backing}) / Σ q·(s − fee)"
        substituted = f"P = ({_signed_notionals(v.terms)} − {backing_text}) / ({joined(slopes)})"
    elif sum(t.sign * t.size for t in v.terms):
        formula = f"P = (Σ s·q·E − {backing}) / Σ s·q"
        substituted = f"P = ({_signed_notionals(v.terms)} − {backing_text}) / ({_net(v.terms)})"
    else:
        formula, substituted = "Σ s·q = 0", f"Σ s·q = ({_net(v.terms)})"
        words += (
            "; the long and the short are the same size, so the balance does not move with "
            "the price and there is no bankruptcy price"
        )
    if v.position.bankruptcy_price is None and formula != "Σ s·q = 0":
        words += "; it comes out at zero or below, so the position cannot go bankrupt"
    return Derivation(
        name="bankruptcy_price",
        label="Bankruptcy price",
        words=words,
        formula=formula,
        substituted=substituted,
        value=v.position.bankruptcy_price,
    )


def max_loss(v: PriceView) -> Derivation:
    if len(v.terms) == 1:
        words, formula, text = _single_loss_texts(v)
    else:
        words, formula, text = _group_loss_texts(v)
    return Derivation(
        name="max_loss",
        label="Maximum loss",
        words=words,
        formula=f"max loss = {formula}",
        substituted=f"max loss = {text}",
        value=v.position.max_loss,
    )


def _single_loss_texts(v: PriceView) -> tuple[str, str, str]:
    term, backing = v.terms[0], v.backing
    bankrupt = (term.sign * term.entry_notional - backing) / (term.sign * term.size)
    source = "the allocated margin" if term.isolated else "the cross wallet plus others' uPnL"
    words = f"what the trader can lose before the position is bankrupt: {source}"
    size, entry = operand(term.size), plain(term.entry_price)
    formula = "s·q·(E − bankruptcy price)"
    text = f"{operand(term.sign)} × {size} × ({entry} − {operand(bankrupt)})"
    if term.reserve:
        # The reserved fee is part of what is lost, so the loss is all that backs it.
        _, formula, _, text = _backing_texts(v)
        words += ", the closing fee kept back at bankruptcy included"
    if backing < 0:
        words += "; nothing is left to lose"
        formula, text = f"max(0, {formula})", f"max(0, {text})"
    elif not _exposed(v) and backing >= term.entry_notional:
        words += "; no price liquidates it, and a long cannot lose more than its value, q·E"
        formula, text = f"min(q·E, {formula})", f"min({size} × {entry}, {text})"
    return words, formula, text


def _group_loss_texts(v: PriceView) -> tuple[str, str, str]:
    _, backing, _, backing_text = _backing_texts(v)
    symbol = v.terms[0].market.symbol
    words = (
        f"what the account can lose through {symbol} before it is bankrupt, every {symbol} "
        "cross position moving together: the cross wallet plus the other markets' uPnL"
    )
    signed = sum(t.sign * t.entry_notional for t in v.terms)
    if v.backing < 0:
        return words + "; nothing is left to lose", f"max(0, {backing})", f"max(0, {backing_text})"
    if not _exposed(v) and v.backing >= max(signed, 0):
        words += "; no price liquidates them, so no more than they lose at a price of zero"
        loss = f"max(0, {_signed_notionals(v.terms)})"
        return words, f"min(max(0, Σ s·q·E), {backing})", f"min({loss}, {backing_text})"
    return words, backing, backing_text


def _exposed(v: PriceView) -> bool:
    """Whether some price liquidates the group, or it is liquidated already."""
    return v.position.liquidated or v.prices.liquidation is not None


def _backing_texts(v: PriceView) -> tuple[str, str, str, str]:
    """Symbols and numbers for what backs the group, with and without maintenance."""
    term = v.terms[0]
    if term.isolated:
        return "margin", "margin", plain(term.margin), plain(term.margin)
    pnl = sum(figures.unrealized_pnl for figures in v.marked)
    # With the closing fee reserved, the other markets' MM includes their reserved fees.
    required = sum(requirement(t, f) for t, f in zip(v.terms, v.marked, strict=True))
    others_pnl = operand(v.cross.unrealized_pnl - pnl)
    others_mm = operand(v.cross.requirement - required)
    wallet = plain(v.cross.wallet)
    others = "others'" if len(v.terms) == 1 else "other markets'"
    return (
        f"(cross wallet + {others} uPnL − {others} MM)",
        f"(cross wallet + {others} uPnL)",
        f"({wallet} + {others_pnl} − {others_mm})",
        f"({wallet} + {others_pnl})",
    )


def _signed_notionals(terms: Sequence[Terms]) -> str:
    texts = [f"{operand(t.sign)} × {operand(t.size)} × {operand(t.entry_price)}" for t in terms]
    return f"({joined(texts)})"


def _net(terms: Sequence[Terms]) -> str:
    return joined([f"{operand(t.sign)} × {operand(t.size)}" for t in terms])
