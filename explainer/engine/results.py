"""What the engine reports: the engine's outputs."""

from dataclasses import dataclass
from decimal import Decimal

from .models import MarginMode, Side


@dataclass(frozen=True)
class PositionResult:
    id: str
    market: str
    side: Side
    margin_mode: MarginMode
    size: Decimal
    entry_price: Decimal
    mark_price: Decimal
    leverage: Decimal
    notional: Decimal
    initial_margin: Decimal
    # Isolated: the allocated margin. Cross: the initial margin.
    margin: Decimal
    maintenance_margin_rate: Decimal
    maintenance_amount: Decimal
    maintenance_margin: Decimal
    unrealized_pnl: Decimal
    # A fraction: 0.1 is 10 %.
    roe: Decimal
    liquidation_price: Decimal | None
    bankruptcy_price: Decimal | None
    max_loss: Decimal
    liquidated: bool
    # Auto-deleveraging rank: PnL ratio × effective leverage when in profit, PnL ratio ÷
    # effective leverage otherwise (see `adl`). None when nothing backs the position.
    adl_score: Decimal | None = None


@dataclass(frozen=True)
class AccountResult:
    wallet_balance: Decimal
    cross_wallet_balance: Decimal
    cross_margin_balance: Decimal
    cross_maintenance_margin: Decimal
    # None without cross positions, or when the cross margin balance is zero or negative
    # (the ratio would be infinite or meaningless; such an account is liquidated anyway).
    margin_ratio: Decimal | None
    available_balance: Decimal
    unrealized_pnl: Decimal
    positions: tuple[PositionResult, ...]


@dataclass(frozen=True)
class Derivation:
    """One figure shown step by step: words, a formula, the formula with numbers, a value."""

    name: str
    label: str
    words: str
    formula: str
    substituted: str
    value: Decimal | None
