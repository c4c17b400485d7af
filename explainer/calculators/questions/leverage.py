"""3. Leverage explorer: how leverage moves the liquidation price, in both modes."""

from dataclasses import dataclass, replace
from decimal import Decimal, localcontext

from explainer.engine import (
    Account,
    Derivation,
    MarginError,
    MarginMode,
    PositionResult,
    evaluate,
    explain,
    liquidation_distance,
    lowest_leverage,
)

from . import (
    CROSS,
    ISOLATED,
    PRECISION,
    Trade,
    distance_math,
    math,
)


@dataclass(frozen=True)
class LeverageRow:
    leverage: Decimal
    isolated: PositionResult | None
    cross: PositionResult | None

    @property
    def isolated_distance(self) -> Decimal | None:
        return None if self.isolated is None else liquidation_distance(self.isolated)

    @property
    def cross_distance(self) -> Decimal | None:
        return None if self.cross is None else liquidation_distance(self.cross)


@dataclass(frozen=True)
class LeverageOutcome:
    trade: Trade
    wallet: Decimal
    picked: LeverageRow
    max_leverage: Decimal
    lowest_leverage: Decimal  # below it the balance cannot cover the initial margin
    rows: tuple[LeverageRow, ...]
    table: tuple[LeverageRow, ...]
    derivations: tuple[tuple[MarginMode, tuple[Derivation, ...]], ...]


TABLE_LEVERAGES = tuple(Decimal(n) for n in (1, 2, 3, 5, 10, 20, 25, 50, 75, 100, 125))


def leverage_explorer(*, trade: Trade, wallet: Decimal) -> LeverageOutcome:
    accounts = {mode: _account_at(trade, wallet, mode) for mode in (ISOLATED, CROSS)}
    picked = LeverageRow(trade.leverage, *(evaluate(a).positions[0] for a in accounts.values()))
    cap = min(
        trade.market.max_leverage, trade.market.tier_for(trade.size * trade.entry).max_leverage
    )
    grid = _leverage_grid(trade.market.max_leverage)
    table = sorted({*(n for n in TABLE_LEVERAGES if n <= cap), trade.leverage})
    rows = {leverage: _leverage_row(trade, wallet, leverage) for leverage in {*grid, *table}}
    names = ("initial_margin", "liquidation_price")
    return LeverageOutcome(
        trade=trade,
        wallet=wallet,
        picked=picked,
        max_leverage=cap,
        lowest_leverage=lowest_leverage(
            size=trade.size, entry_price=trade.entry, wallet_balance=wallet
        ),
        rows=tuple(rows[leverage] for leverage in grid),
        table=tuple(rows[leverage] for leverage in table),
        derivations=tuple(
            (mode, (*math(explain(account), names), distance_math(evaluate(account).positions[0])))
            for mode, account in accounts.items()
        ),
    )


def _account_at(trade: Trade, wallet: Decimal, mode: MarginMode) -> Account:
    return Account(wallet, (trade.position(mode),))


def _leverage_grid(maximum: Decimal, count: int = 60) -> list[Decimal]:
    """Leverages from 1× to the market's maximum, evenly spaced on a log scale."""
    with localcontext(prec=PRECISION):
        ratio = maximum ** (Decimal(1) / (count - 1))
        steps = {(ratio**index).quantize(Decimal("0.01")) for index in range(count)}
    return sorted(step for step in steps | {Decimal(1), maximum} if 1 <= step <= maximum)


def _leverage_row(trade: Trade, wallet: Decimal, leverage: Decimal) -> LeverageRow:
    """Both modes at this leverage; None where it cannot be opened. The rules (the tier's
    leverage cap, a balance that covers the initial margin) are the same in both modes."""
    at = replace(trade, leverage=leverage)
    try:
        isolated = evaluate(_account_at(at, wallet, ISOLATED)).positions[0]
    except MarginError:
        return LeverageRow(leverage, None, None)
    return LeverageRow(leverage, isolated, evaluate(_account_at(at, wallet, CROSS)).positions[0])
