"""5. Cross contagion: two positions share one cross balance, so one market moves the other's
liquidation price. Both isolated, they stay apart.

Either market can move: the chart runs along the first market's price with the second held at
its own what-if price (its entry unless the reader moves it).
"""

from dataclasses import dataclass, replace
from decimal import Decimal, localcontext

from explainer.engine import (
    Account,
    AccountResult,
    Derivation,
    MarginError,
    MarginMode,
    evaluate,
    evaluate_at_marks,
    explain,
)

from . import CROSS, ISOLATED, PRECISION, Trade, distance_math, math, price_grid

CROSS_MATH = (
    "cross_wallet_balance",
    "cross_margin_balance",
    "cross_maintenance_margin",
    "margin_ratio",
    "maintenance_margin",
    "liquidation_price",
)
ISOLATED_MATH = ("margin", "maintenance_margin", "liquidation_price")


@dataclass(frozen=True)
class ContagionPoint:
    a_price: Decimal
    b_liquidation: Decimal | None
    liquidated: bool


@dataclass(frozen=True)
class ContagionOutcome:
    a: Trade
    b: Trade
    wallet: Decimal
    a_price: Decimal
    move: Decimal
    b_price: Decimal
    b_move: Decimal
    cross: AccountResult
    cross_before: AccountResult
    # None when the balance cannot hold both isolated margins: there is nothing to compare.
    isolated: AccountResult | None
    curve: tuple[ContagionPoint, ...]
    derivations: tuple[tuple[str, tuple[Derivation, ...]], ...]

    @property
    def account_liquidation_price(self) -> Decimal | None:
        """The first market's price at which every cross position is liquidated together."""
        return self.cross.positions[0].liquidation_price


def accounts(
    *, a: Trade, b: Trade, wallet: Decimal, mode: MarginMode, a_price: Decimal, b_price: Decimal
) -> Account:
    return Account(
        wallet, (a.position(mode, mark_price=a_price), b.position(mode, mark_price=b_price))
    )


def contagion(
    *, a: Trade, b: Trade, wallet: Decimal, a_price: Decimal, b_price: Decimal | None = None
) -> ContagionOutcome:
    b_price = b.entry if b_price is None else b_price
    both = {"a": a, "b": b, "wallet": wallet, "b_price": b_price}
    cross = accounts(**both, mode=CROSS, a_price=a_price)
    cross_result = evaluate(cross)  # first: its errors are the reader's to fix
    cross_before = evaluate(accounts(**both, mode=CROSS, a_price=a.entry))
    isolated = accounts(**both, mode=ISOLATED, a_price=a_price)
    isolated_result = _isolated(isolated)
    isolated_a = None if isolated_result is None else isolated_result.positions[0].liquidation_price
    grid = price_grid(
        [a.entry, a_price, cross_before.positions[0].liquidation_price, isolated_a], count=101
    )
    with localcontext(prec=PRECISION):
        move = (a_price - a.entry) / a.entry
        b_move = (b_price - b.entry) / b.entry
    derivations = [("Both in cross", _math(cross, cross_result, CROSS_MATH))]
    if isolated_result is not None:
        derivations.append(("Both isolated", _math(isolated, isolated_result, ISOLATED_MATH)))
    return ContagionOutcome(
        a=a,
        b=b,
        wallet=wallet,
        a_price=a_price,
        move=move,
        b_price=b_price,
        b_move=b_move,
        cross=cross_result,
        cross_before=cross_before,
        isolated=isolated_result,
        curve=_curve(cross, a.market.symbol, grid),
        derivations=tuple(derivations),
    )


def _isolated(account: Account) -> AccountResult | None:
    """Both isolated, or None when the balance is less than the two margins together."""
    try:
        return evaluate(account)
    except MarginError as error:
        if error.field != "wallet_balance":
            raise
        return None


def _math(
    account: Account, result: AccountResult, names: tuple[str, ...]
) -> tuple[Derivation, ...]:
    """The first position's uPnL, then the second position's figures."""
    first, second = account.positions
    (pnl,) = math(explain(account, 0), ["unrealized_pnl"])
    labelled = [replace(pnl, label=f"{first.market} unrealised PnL")]
    labelled += [
        replace(item, label=f"{second.market} {item.label[0].lower()}{item.label[1:]}")
        if item.name in {"maintenance_margin", "liquidation_price", "margin"}
        else item
        for item in math(explain(account, 1), names)
    ]
    return (*labelled, distance_math(result.positions[1]))


def _curve(account: Account, market: str, grid: list[Decimal]) -> tuple[ContagionPoint, ...]:
    results = evaluate_at_marks(account, market=market, prices=grid)
    return tuple(
        ContagionPoint(price, result.positions[1].liquidation_price, result.positions[1].liquidated)
        for price, result in zip(grid, results, strict=True)
    )
