"""The practice account: a wallet, positions and orders to play with, and price paths to
replay them on, one step of `simulation.replay` at a time.

- `state`: the values (Practice, Order, Frame, Happening, PracticePath) and the limits.
- `orders`, `controls`: what the order panel and the position controls do.
- `trading`: how a fill adds to, reduces or flips a position (one-way mode).
- `stepping`: choosing a path and advancing along it on the replay's Book.
- `paths`, `scenarios`: the illustrative paths, custom paths and the guided scenarios.
- `figures`: margin balance and each position's margin ratio, with show-the-math.
- `data`: to and from the JSON the web session keeps.

Every refusal is a MarginError whose field is the control's own keyword.
"""

from .controls import (
    add_margin,
    remove_margin,
    set_leverage,
    set_position_mode,
    switch_margin_mode,
)
from .data import from_data, to_data
from .figures import explain_account, explain_position, margin_balance, margin_ratios
from .orders import cancel_order, close, close_all, limit_order, market_order
from .paths import PATHS, custom_path
from .scenarios import SCENARIOS, Scenario
from .state import (
    INSURANCE_FUND,
    MAX_ORDERS,
    MAX_POSITIONS,
    MAX_STEPS,
    START_MARKS,
    START_WALLET,
    Frame,
    Happening,
    Ledger,
    Order,
    Practice,
    PracticePath,
    fresh,
)
from .stepping import advance, choose_path

__all__ = [
    "INSURANCE_FUND",
    "MAX_ORDERS",
    "MAX_POSITIONS",
    "MAX_STEPS",
    "PATHS",
    "SCENARIOS",
    "START_MARKS",
    "START_WALLET",
    "Frame",
    "Happening",
    "Ledger",
    "Order",
    "Practice",
    "PracticePath",
    "Scenario",
    "add_margin",
    "advance",
    "cancel_order",
    "choose_path",
    "close",
    "close_all",
    "custom_path",
    "explain_account",
    "explain_position",
    "fresh",
    "from_data",
    "limit_order",
    "margin_balance",
    "margin_ratios",
    "market_order",
    "remove_margin",
    "set_leverage",
    "set_position_mode",
    "switch_margin_mode",
    "to_data",
]
