"""Small constructors for engine tests (not collected: the name does not start with test_)."""

from decimal import Decimal

from explainer.engine import Account, MarginMode, Position, PositionMode, Side

D = Decimal


def position(
    side: str = "long",
    size: str = "0.02",
    entry: str = "50000",
    leverage: str = "10",
    mode: str = "isolated",
    market: str = "BTC-PERP",
    mark: str | None = None,
    **extra: object,
) -> Position:
    return Position(
        side=Side(side),
        size=D(size),
        entry_price=D(entry),
        leverage=D(leverage),
        margin_mode=MarginMode(mode),
        market=market,
        mark_price=None if mark is None else D(mark),
        **extra,
    )


def account(wallet: str, *positions: Position, hedge: bool = False) -> Account:
    mode = PositionMode.HEDGE if hedge else PositionMode.ONE_WAY
    return Account(wallet_balance=D(wallet), positions=positions, position_mode=mode)


def canonical(mode: str = "isolated", **changes: object) -> Account:
    """The site-wide example: BTC-PERP long 0.02 at 50,000, 10×, in a 500 USDC wallet."""
    return account("500", position(mode=mode, **changes))
