"""Show the math: each figure as words, a formula, the same formula with numbers, a value.

Symbols: s is +1 for a long and −1 for a short, q the size, E the entry price, M the mark
price, P the price being solved for. Numbers are printed plainly ("0.02 × 50000"), negatives
in brackets, and sums of several terms in brackets.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from .account import CrossTotals, assemble, collateral, cross_totals
from .decimals import in_context, operand, plain
from .errors import MarginError
from .liquidation import raw_bankruptcy_price
from .models import Account
from .positions import Marked, Terms, at_mark, maintenance_terms
from .results import AccountResult, PositionResult
from .validation import checked_terms


@dataclass(frozen=True)
class Derivation:
    name: str
    label: str
    words: str
    formula: str
    substituted: str
    value: Decimal | None


class _View(NamedTuple):
    term: Terms
    figures: Marked
    position: PositionResult
    cross: CrossTotals
    account: AccountResult
    terms: Sequence[Terms]
    marked: Sequence[Marked]


@in_context
def explain(account: Account, position_index: int = 0) -> tuple[Derivation, ...]:
    terms = checked_terms(account)
    if not 0 <= position_index < len(terms):
        raise MarginError("There is no position with that index.", field="position_index")
    marked = [at_mark(t, Decimal(p.mark)) for t, p in zip(terms, account.positions, strict=True)]
    wallet = Decimal(account.wallet_balance)
    result = assemble(wallet=wallet, terms=terms, marked=marked)
    view = _View(
        term=terms[position_index],
        figures=marked[position_index],
        position=result.positions[position_index],
        cross=cross_totals(wallet=wallet, terms=terms, marked=marked),
        account=result,
        terms=terms,
        marked=marked,
    )
    return tuple(derive(view) for derive in _DERIVATIONS)


def _notional(v: _View) -> Derivation:
    return Derivation(
        name="notional",
        label="Notional",
        words="the position's size times the mark price",
        formula="notional = q·M",
        substituted=f"notional = {operand(v.term.size)} × {operand(v.figures.mark_price)}",
        value=v.figures.notional,
    )


def _initial_margin(v: _View) -> Derivation:
    q, entry, leverage = v.term.size, v.term.entry_price, v.term.leverage
    return Derivation(
        name="initial_margin",
        label="Initial margin",
        words="what opening the position set aside: its value at entry over the leverage",
        formula="IM = q·E / leverage",
        substituted=f"IM = {operand(q)} × {operand(entry)} / {operand(leverage)}",
        value=v.term.initial_margin,
    )


def _margin(v: _View) -> Derivation:
    if v.term.isolated:
        label, formula = "Allocated margin", "margin = allocated margin"
        words = (
            "the margin allocated to this isolated position: the initial margin unless margin "
            "was added or removed; it is all this position can lose"
        )
    else:
        label, formula = "Margin", "margin = IM"
        words = "a cross position's margin is its initial margin; the whole cross wallet backs it"
    return Derivation(
        name="margin",
        label=label,
        words=words,
        formula=formula,
        substituted=f"margin = {plain(v.term.margin)}",
        value=v.term.margin,
    )


def _maintenance_margin(v: _View) -> Derivation:
    f = v.figures
    return Derivation(
        name="maintenance_margin",
        label="Maintenance margin",
        words=f"the least margin that keeps the position open; {_tier_words(v.term, f)}",
        formula="MM = q·M·rate − amount",
        substituted=f"MM = {operand(v.term.size)} × {operand(f.mark_price)} × "
        f"{operand(f.rate)} − {operand(f.amount)}",
        value=f.maintenance_margin,
    )


def _tier_words(term: Terms, figures: Marked) -> str:
    _, _, tier = maintenance_terms(term, figures.notional)
    if tier is None:
        return "the rate and amount were given for this position"
    band = f"from {plain(tier.floor)} USDC"
    if tier.cap is not None:
        band += f" up to {plain(tier.cap)} USDC"
    return (
        f"{term.market.symbol} tier {term.market.tiers.index(tier) + 1} (notional {band}) "
        f"sets rate {plain(figures.rate)} and amount {plain(figures.amount)}"
    )


def _unrealized_pnl(v: _View) -> Derivation:
    mark, entry = plain(v.figures.mark_price), plain(v.term.entry_price)
    return Derivation(
        name="unrealized_pnl",
        label="Unrealised PnL",
        words="the profit or loss if the position were closed at the mark price",
        formula="uPnL = s·q·(M − E)",
        substituted=f"uPnL = {operand(v.term.sign)} × {operand(v.term.size)} × ({mark} − {entry})",
        value=v.figures.unrealized_pnl,
    )


def _roe(v: _View) -> Derivation:
    return Derivation(
        name="roe",
        label="Return on equity",
        words="the unrealised PnL as a fraction of the margin (0.1 is 10 %)",
        formula="ROE = uPnL / margin",
        substituted=f"ROE = {operand(v.figures.unrealized_pnl)} / {operand(v.term.margin)}",
        value=v.position.roe,
    )


def _backing_texts(v: _View) -> tuple[str, str, str, str]:
    """Symbols and numbers for what backs the position, with and without maintenance."""
    if v.term.isolated:
        return "margin", "margin", plain(v.term.margin), plain(v.term.margin)
    pnl = operand(v.cross.unrealized_pnl - v.figures.unrealized_pnl)
    mm = operand(v.cross.maintenance_margin - v.figures.maintenance_margin)
    wallet = plain(v.cross.wallet)
    return (
        "(cross wallet + others' uPnL − others' MM)",
        "(cross wallet + others' uPnL)",
        f"({wallet} + {pnl} − {mm})",
        f"({wallet} + {pnl})",
    )


def _liquidation_price(v: _View) -> Derivation:
    held, _, held_text, _ = _backing_texts(v)
    s, q, entry, f = v.term.sign, operand(v.term.size), operand(v.term.entry_price), v.figures
    return Derivation(
        name="liquidation_price",
        label="Liquidation price",
        words=_liquidation_words(v),
        formula=f"P = (s·q·E − {held} − amount) / (q·(s − rate))",
        substituted=f"P = ({operand(s)} × {q} × {entry} − {held_text} − {operand(f.amount)}) / "
        f"({q} × ({plain(s)} − {operand(f.rate)}))",
        value=v.position.liquidation_price,
    )


def _liquidation_words(v: _View) -> str:
    if v.term.isolated:
        words = "the mark price where margin plus unrealised PnL falls to the maintenance margin"
    else:
        words = (
            "the mark price where the cross margin balance falls to the cross maintenance "
            "margin, every other cross position held at its own mark"
        )
    words += "; the current tier's rate and amount are kept"
    if v.position.liquidation_price is None:
        words += "; it comes out at zero or below, so there is no liquidation price"
    return words


def _bankruptcy_price(v: _View) -> Derivation:
    _, backing, _, backing_text = _backing_texts(v)
    s, q, entry = operand(v.term.sign), operand(v.term.size), operand(v.term.entry_price)
    words = "the mark price where the backing margin is used up entirely (no maintenance margin)"
    if v.position.bankruptcy_price is None:
        words += "; it comes out at zero or below, so the position cannot go bankrupt"
    return Derivation(
        name="bankruptcy_price",
        label="Bankruptcy price",
        words=words,
        formula=f"P = (s·q·E − {backing}) / (q·s)",
        substituted=f"P = ({s} × {q} × {entry} − {backing_text}) / ({q} × {s})",
        value=v.position.bankruptcy_price,
    )


def _max_loss(v: _View) -> Derivation:
    term = v.term
    _, backing = collateral(term, v.figures, v.cross)
    bankrupt = raw_bankruptcy_price(
        sign=term.sign, size=term.size, entry=term.entry_price, collateral=backing
    )
    source = "the allocated margin" if term.isolated else "the cross wallet plus others' uPnL"
    words = f"what the trader can lose before the position is bankrupt: {source}"
    size, entry = operand(term.size), plain(term.entry_price)
    formula, text = (
        "s·q·(E − bankruptcy price)",
        (f"{operand(term.sign)} × {size} × ({entry} − {operand(bankrupt)})"),
    )
    if backing < 0:
        words += "; nothing is left to lose"
        formula, text = f"max(0, {formula})", f"max(0, {text})"
    elif term.sign == 1 and backing >= term.entry_notional:
        words += "; a long cannot lose more than its value at entry, q·E"
        formula, text = f"min(q·E, {formula})", f"min({size} × {entry}, {text})"
    return Derivation(
        name="max_loss",
        label="Maximum loss",
        words=words,
        formula=f"max loss = {formula}",
        substituted=f"max loss = {text}",
        value=v.position.max_loss,
    )


def _cross_wallet_balance(v: _View) -> Derivation:
    margins = _sum(t.margin for t in v.terms if t.isolated)
    return Derivation(
        name="cross_wallet_balance",
        label="Cross wallet balance",
        words="the wallet less the margin locked in isolated positions",
        formula="cross wallet = wallet − Σ isolated margins",
        substituted=f"cross wallet = {plain(v.account.wallet_balance)} − {margins}",
        value=v.account.cross_wallet_balance,
    )


def _cross_margin_balance(v: _View) -> Derivation:
    pnls = _sum(m.unrealized_pnl for t, m in _cross(v))
    return Derivation(
        name="cross_margin_balance",
        label="Cross margin balance",
        words="the cross wallet plus the unrealised PnL of every cross position",
        formula="cross margin balance = cross wallet + Σ cross uPnL",
        substituted=f"cross margin balance = {plain(v.account.cross_wallet_balance)} + {pnls}",
        value=v.account.cross_margin_balance,
    )


def _cross_maintenance_margin(v: _View) -> Derivation:
    return Derivation(
        name="cross_maintenance_margin",
        label="Cross maintenance margin",
        words="the maintenance margin all cross positions need together",
        formula="cross MM = Σ cross MM",
        substituted=f"cross MM = {_sum(m.maintenance_margin for t, m in _cross(v))}",
        value=v.account.cross_maintenance_margin,
    )


def _margin_ratio(v: _View) -> Derivation:
    account = v.account
    words = (
        "the share of the cross margin balance the maintenance margin takes; "
        "at 1 (100 %) the cross positions are liquidated"
    )
    if account.margin_ratio is None:
        words += "; undefined here: no cross position, or a cross margin balance of 0 or below"
    mm, balance = operand(account.cross_maintenance_margin), operand(account.cross_margin_balance)
    return Derivation(
        name="margin_ratio",
        label="Margin ratio",
        words=words,
        formula="margin ratio = Σ cross MM / cross margin balance",
        substituted=f"margin ratio = {mm} / {balance}",
        value=account.margin_ratio,
    )


def _available_balance(v: _View) -> Derivation:
    balance = operand(v.account.cross_margin_balance)
    initial = _sum(t.initial_margin for t, m in _cross(v))
    return Derivation(
        name="available_balance",
        label="Available balance",
        words="what is free to open positions or add margin: the cross margin balance not "
        "tied up as initial margin of cross positions",
        formula="available = max(0, cross margin balance − Σ cross IM)",
        substituted=f"available = max(0, {balance} − {initial})",
        value=v.account.available_balance,
    )


def _cross(v: _View) -> list[tuple[Terms, Marked]]:
    return [(t, m) for t, m in zip(v.terms, v.marked, strict=True) if not t.isolated]


def _sum(values: Iterable[Decimal]) -> str:
    """ "a", or "(a + b − c)" for several terms."""
    numbers = list(values)
    if len(numbers) < 2:
        return operand(numbers[0]) if numbers else "0"
    texts = [plain(number) for number in numbers]
    series = texts[0] + "".join(
        f" − {text[1:]}" if text.startswith("−") else f" + {text}" for text in texts[1:]
    )
    return f"({series})"


_DERIVATIONS = (
    _notional,
    _initial_margin,
    _margin,
    _maintenance_margin,
    _unrealized_pnl,
    _roe,
    _liquidation_price,
    _bankruptcy_price,
    _max_loss,
    _cross_wallet_balance,
    _cross_margin_balance,
    _cross_maintenance_margin,
    _margin_ratio,
    _available_balance,
)
