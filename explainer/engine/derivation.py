"""Show the math: each figure as words, a formula, the same formula with numbers, a value.

Symbols: s is +1 for a long and −1 for a short, q the size, E the entry price, M the mark
price, P the price being solved for. Numbers are printed plainly ("0.02 × 50000"), negatives
in brackets, and sums of several terms in brackets.
"""

from collections.abc import Sequence
from decimal import Decimal
from typing import NamedTuple

from .account import CrossTotals, assemble, collateral, cross_totals, groups, position_prices
from .decimals import in_context, operand, plain, series
from .errors import MarginError
from .models import Account
from .positions import Marked, Terms, at_mark
from .price_math import PriceView, bankruptcy_price, liquidation_price, max_loss
from .results import AccountResult, Derivation, PositionResult
from .validation import checked_terms

__all__ = ["Derivation", "explain"]


class _View(NamedTuple):
    term: Terms
    figures: Marked
    position: PositionResult
    cross: CrossTotals
    account: AccountResult
    terms: Sequence[Terms]
    marked: Sequence[Marked]
    prices: PriceView


@in_context
def explain(account: Account, position_index: int = 0) -> tuple[Derivation, ...]:
    terms = checked_terms(account)
    if not 0 <= position_index < len(terms):
        raise MarginError("There is no position with that index.", field="position_index")
    marked = [at_mark(t, Decimal(p.mark)) for t, p in zip(terms, account.positions, strict=True)]
    wallet = Decimal(account.wallet_balance)
    result = assemble(wallet=wallet, terms=terms, marked=marked)
    cross = cross_totals(wallet=wallet, terms=terms, marked=marked)
    view = _View(
        term=terms[position_index],
        figures=marked[position_index],
        position=result.positions[position_index],
        cross=cross,
        account=result,
        terms=terms,
        marked=marked,
        prices=_price_view(terms, marked, cross, result.positions[position_index], position_index),
    )
    return tuple(derive(view) for derive in _DERIVATIONS)


def _price_view(
    terms: Sequence[Terms],
    marked: Sequence[Marked],
    cross: CrossTotals,
    position: PositionResult,
    index: int,
) -> PriceView:
    group = next(group for group in groups(terms) if index in group)
    held, backing = collateral(group, terms, marked, cross)
    prices = position_prices(terms, marked, cross, [group])[index]
    return PriceView(
        terms=[terms[i] for i in group],
        marked=[marked[i] for i in group],
        cross=cross,
        prices=prices,
        held=held,
        backing=backing,
        position=position,
    )


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
    if not term.tiered:
        return "the rate and amount were given for this position"
    tier = term.brackets[figures.bracket]
    band = f"from {plain(tier.floor)} USDC"
    if tier.cap is not None:
        band += f" up to {plain(tier.cap)} USDC"
    amount = "" if term.amount is None else " (the amount given for this position)"
    return (
        f"{term.market.symbol} tier {figures.bracket + 1} (notional {band}) sets rate "
        f"{plain(figures.rate)} and amount {plain(figures.amount)}{amount}"
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


def _cross_wallet_balance(v: _View) -> Derivation:
    margins = series(t.margin for t in v.terms if t.isolated)
    return Derivation(
        name="cross_wallet_balance",
        label="Cross wallet balance",
        words="the wallet less the margin locked in isolated positions",
        formula="cross wallet = wallet − Σ isolated margins",
        substituted=f"cross wallet = {plain(v.account.wallet_balance)} − {margins}",
        value=v.account.cross_wallet_balance,
    )


def _cross_margin_balance(v: _View) -> Derivation:
    pnls = series(m.unrealized_pnl for t, m in _cross(v))
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
        substituted=f"cross MM = {series(m.maintenance_margin for t, m in _cross(v))}",
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
    initial = series(t.initial_margin for t, m in _cross(v))
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


_DERIVATIONS = (
    _notional,
    _initial_margin,
    _margin,
    _maintenance_margin,
    _unrealized_pnl,
    _roe,
    lambda v: liquidation_price(v.prices),  # the three prices: see price_math
    lambda v: bankruptcy_price(v.prices),
    lambda v: max_loss(v.prices),
    _cross_wallet_balance,
    _cross_margin_balance,
    _cross_maintenance_margin,
    _margin_ratio,
    _available_balance,
)
