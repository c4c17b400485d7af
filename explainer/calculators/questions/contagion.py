"""5. Cross contagion: two positions share one cross balance, so one market moves the other's
liquidation price. Both isolated, they stay apart."""

from dataclasses import dataclass, replace
from decimal import Decimal, localcontext

from explainer.engine import (
    Account,
    AccountResult,
    Derivation,
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
    cross: AccountResult
    cross_before: AccountResult
    isolated: AccountResult
    curve: tuple[ContagionPoint, ...]
    derivations: tuple[tuple[str, tuple[Derivation, ...]], ...]

    @property
    def account_liquidation_price(self) -> Decimal | None:
        """The first market's price at which every cross position is liquidated together."""
        return self.cross.positions[0].liquidation_price


def accounts(*, a: Trade, b: Trade, wallet: Decimal, mode: MarginMode, a_price: Decimal) -> Account:
    return Account(wallet, (a.position(mode, mark_price=a_price), b.position(mode)))


def contagion(*, a: Trade, b: Trade, wallet: Decimal, a_price: Decimal) -> ContagionOutcome:
    both = {"a": a, "b": b, "wallet": wallet}
    isolated = accounts(**both, mode=ISOLATED, a_price=a_price)
    isolated_result = evaluate(isolated)  # first: it refuses margins the balance cannot hold
    cross = accounts(**both, mode=CROSS, a_price=a_price)
    cross_before = evaluate(accounts(**both, mode=CROSS, a_price=a.entry))
    first = cross_before.positions[0]
    grid = price_grid(
        [a.entry, a_price, first.liquidation_price, isolated_result.positions[0].liquidation_price],
        count=101,
    )
    with localcontext(prec=PRECISION):
        move = (a_price - a.entry) / a.entry
    cross_result = evaluate(cross)
    return ContagionOutcome(
        a=a,
        b=b,
        wallet=wallet,
        a_price=a_price,
        move=move,
        cross=cross_result,
        cross_before=cross_before,
        isolated=isolated_result,
        curve=_curve(cross, a.market.symbol, grid),
        derivations=(
            ("Both in cross", _math(cross, cross_result, CROSS_MATH)),
            ("Both isolated", _math(isolated, isolated_result, ISOLATED_MATH)),
        ),
    )


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
