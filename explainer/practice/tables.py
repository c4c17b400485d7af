"""The desk's tables, as an exchange lays them out: positions (size, entry, mark, liquidation
price, margin ratio, margin, unrealised PnL and ROE), the account (wallet, margin balance,
available balance) and open orders, with the engine's show-the-math for every figure. Built
from the calculators' Table, Row and math groups, so the same templates draw them."""

from dataclasses import replace

from explainer.calculators.display import leverage, price, signed_percent, signed_usdc, size
from explainer.calculators.tables import Presentation, Row, Table, math_group
from explainer.engine import AccountResult, get_market
from explainer.engine import practice as engine
from explainer.formatting import percent, usdc

POSITION_HEAD = (
    "Position",
    "Side and margin",
    "Size",
    "Entry price",
    "Mark price",
    "Liquidation price",
    "Margin ratio",
    "Margin",
    "Unrealised PnL (ROE)",
)
ACCOUNT_FIGURES = (
    "cross_wallet_balance",
    "cross_margin_balance",
    "cross_maintenance_margin",
    "margin_ratio",
    "available_balance",
)
POSITION_FIGURES = (
    "notional",
    "initial_margin",
    "margin",
    "maintenance_margin",
    "unrealized_pnl",
    "roe",
    "position_margin_ratio",
    "liquidation_price",
    "bankruptcy_price",
)


def positions(practice: engine.Practice, result: AccountResult) -> Table:
    ratios = engine.margin_ratios(practice)
    rows = tuple(_position_row(p, ratios.get(p.id)) for p in result.positions)
    return Table(
        caption="Open positions",
        head=POSITION_HEAD,
        rows=rows,
        wide=True,
        note="" if rows else "No open positions: place an order to open one.",
    )


def _position_row(p, ratio) -> Row:
    """A cross position's margin ratio is the account's (they share one balance)."""
    market = get_market(p.market)
    return Row(
        f"{p.id} {p.market}",
        (
            f"{p.side.value}, {p.margin_mode.value} {leverage(p.leverage)}",
            size(p.size, market),
            price(p.entry_price, market),
            price(p.mark_price, market),
            price(p.liquidation_price, market),
            percent(ratio),
            usdc(p.margin),
            f"{signed_usdc(p.unrealized_pnl)} ({signed_percent(p.roe)})",
        ),
        current=p.liquidated,
    )


def account(practice: engine.Practice, result: AccountResult) -> Table:
    rows = (
        Row("Wallet balance", (usdc(result.wallet_balance),)),
        Row("Margin balance", (usdc(practice.margin_balance),)),
        Row("Available balance", (usdc(result.available_balance),)),
        Row("Cross margin balance", (usdc(result.cross_margin_balance),)),
        Row("Cross margin ratio", (percent(result.margin_ratio),)),
        Row("Insurance fund (illustrative)", (usdc(practice.insurance_fund),)),
    )
    return Table(caption="Account", head=("Figure", "Value"), rows=rows)


def orders(practice: engine.Practice) -> Table:
    rows = tuple(
        Row(
            o.id,
            (
                f"{o.market} {o.side.value}",
                size(o.size, get_market(o.market)),
                price(o.price, get_market(o.market)),
                f"{o.margin_mode.value} {leverage(o.leverage)}",
            ),
        )
        for o in practice.orders
    )
    return Table(
        caption="Open orders",
        head=("Order", "Market", "Size", "Limit price", "Margin"),
        rows=rows,
        note="" if rows else "No resting limit orders.",
    )


def math(practice: engine.Practice) -> tuple:
    """Every figure's formula with the account's numbers: one group a position, then the
    account's figures (the same for every position, so shown once)."""
    groups = []
    for position in practice.account.positions:
        steps = engine.explain_position(practice, position.id)
        mine = tuple(d for d in steps if d.name in POSITION_FIGURES)
        groups.append(_math_group(f"{position.id} {position.market} {position.side.value}", mine))
    shared = engine.explain_account(practice)
    if practice.account.positions:
        first = engine.explain_position(practice, practice.account.positions[0].id)
        shared += tuple(d for d in first if d.name in ACCOUNT_FIGURES)
    groups.append(_math_group("The account", shared))
    return tuple(groups)


def _math_group(title: str, derivations: tuple) -> tuple:
    """The calculators' math group; an isolated position's margin ratio is a fraction too."""
    title, lines = math_group(title, derivations)
    shown = tuple(
        replace(line, value=percent(d.value)) if d.name == "position_margin_ratio" else line
        for line, d in zip(lines, derivations, strict=True)
    )
    return title, shown


def presentation(
    practice: engine.Practice, result: AccountResult, lede: str, *, with_math: bool = True
) -> Presentation:
    return Presentation(
        lede,
        (positions(practice, result), account(practice, result), orders(practice)),
        math(practice) if with_math else (),
    )
