"""The words and tables beside each chart: a one-sentence answer, plain tables of the engine's
numbers (rounded here for display only), and the math grouped for the disclosure."""

from dataclasses import dataclass
from decimal import ROUND_CEILING

from explainer.engine import Derivation, MarginMode, Market, liquidation_distance
from explainer.formatting import amount, percent, rate, usdc

from . import display
from .display import leverage, price, signed_percent, signed_usdc, size
from .questions.comparison import Comparison
from .questions.contagion import ContagionOutcome
from .questions.leverage import LeverageOutcome
from .questions.liquidation import LiquidationOutcome
from .questions.pnl import PnlOutcome

ILLUSTRATIVE = "The market numbers are illustrative, not Entry Finance's live risk limits."


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[str, ...]
    current: bool = False
    key: bool = False  # kept in view, with the current row, while the reader edits (summary)


@dataclass(frozen=True)
class Table:
    caption: str
    head: tuple[str, ...]
    rows: tuple[Row, ...]
    highlight: int | None = None  # a column to emphasise (the reader's chosen mode)
    note: str = ""
    wide: bool = False  # too many columns to sit beside the chart

    @property
    def body(self) -> tuple[tuple[Row, tuple[tuple[str, str], ...]], ...]:
        """Each row with its cells paired with their column heads: a phone shows a table of
        several columns as one card a row, each value under its head."""
        return tuple((row, tuple(zip(self.head[1:], row.cells, strict=False))) for row in self.rows)


@dataclass(frozen=True)
class MathLine:
    label: str
    words: str
    formula: str
    substituted: str
    value: str


@dataclass(frozen=True)
class Presentation:
    lede: str
    tables: tuple[Table, ...]
    math: tuple[tuple[str, tuple[MathLine, ...]], ...]
    key: tuple[tuple[str, tuple[str, ...]], ...] = ()  # the summary, where rows are too long

    @property
    def beside(self) -> Table | None:
        """The table that sits beside the chart (the others go below it)."""
        return None if self.tables[0].wide else self.tables[0]

    @property
    def below(self) -> tuple[Table, ...]:
        return self.tables if self.tables[0].wide else self.tables[1:]

    @property
    def summary(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The key figures kept in view above the form, as (label, values): `key` if given,
        else the first table's key and current rows (else its first row), each value named by
        its column when there are several."""
        if self.key:
            return self.key
        table = self.tables[0]
        body = [(row, cells) for row, cells in table.body if row.key or row.current]
        several = len(table.head) > 2
        return tuple(
            (row.label, tuple(f"{head} {cell}" if several else cell for head, cell in cells))
            for row, cells in body or table.body[:1]
        )


def math_group(title: str, derivations: tuple[Derivation, ...]) -> tuple[str, tuple[MathLine, ...]]:
    lines = tuple(
        MathLine(d.label, d.words, d.formula, d.substituted, display.derivation_value(d))
        for d in derivations
    )
    return title, lines


def trade_words(market: Market, side, amount) -> str:
    return f"{side.value} of {size(amount, market)} on {market.symbol}"


# 1. Isolated vs cross ------------------------------------------------------------------------


def comparison(outcome: Comparison) -> Presentation:
    market, iso, cross = outcome.trade.market, outcome.isolated, outcome.cross
    at = f"{price(outcome.what_if_price, market)} ({signed_percent(outcome.move)})"
    if not outcome.move:
        at = f"the entry price ({price(outcome.what_if_price, market)})"

    def liquidation(mode) -> str:
        if mode.position.liquidation_price is None:
            return "never liquidated"
        return (
            f"liquidated at {price(mode.position.liquidation_price, market)} "
            f"({percent(mode.distance)} away)"
        )

    def value(mode) -> str:
        text = usdc(mode.what_if.account_value)
        return f"{text} (liquidated)" if mode.liquidated_at_what_if else text

    def worth(mode) -> str:
        """What the account holds at the what-if price; a profit takes it above the balance."""
        text = f"{usdc(mode.what_if.account_value)} in {mode.mode.value}"
        return f"{text} (liquidated)" if mode.liquidated_at_what_if else text

    lede = (
        f"A {trade_words(market, outcome.trade.side, outcome.trade.size)} with "
        f"{usdc(iso.position.margin)} of margin at {leverage(outcome.trade.leverage)}: isolated is "
        f"{liquidation(iso)}, cross is {liquidation(cross)}. At {at}, the account's "
        f"{usdc(outcome.wallet)} is worth {worth(iso)} and {worth(cross)}."
    )
    rows = (
        Row("Position size", (size(iso.position.size, market),) * 2),
        Row(
            "Liquidation price",
            tuple(price(m.position.liquidation_price, market) for m in outcome.modes),
        ),
        Row("Distance to it", tuple(percent(m.distance) for m in outcome.modes)),
        Row("Maximum loss", tuple(usdc(m.position.max_loss) for m in outcome.modes)),
        Row("Left if liquidated", tuple(usdc(m.left_after_liquidation) for m in outcome.modes)),
        Row(f"Account value at {at}", tuple(value(m) for m in outcome.modes), current=True),
    )
    table = Table(
        caption=f"Both modes with {usdc(outcome.wallet)} in the account",
        head=("Figure", "Isolated", "Cross"),
        rows=rows,
        highlight=1 if outcome.chosen is MarginMode.ISOLATED else 2,
    )
    math = tuple(math_group(m.mode.value.capitalize(), m.derivations) for m in outcome.modes)
    # The last row's label is too long for the summary bar.
    worth = f"Worth at {price(outcome.what_if_price, market)}"
    key = tuple(
        (label, (f"Isolated {row.cells[0]}", f"Cross {row.cells[1]}"))
        for label, row in (("Liquidation price", rows[1]), (worth, rows[-1]))
    )
    return Presentation(lede, (table,), math, key)


# 2. Liquidation price ------------------------------------------------------------------------


def liquidation(outcome: LiquidationOutcome) -> Presentation:
    position, market = outcome.position, outcome.trade.market
    direction = "below" if position.side.sign == 1 else "above"
    if position.liquidation_price is None:
        where = "cannot be liquidated at any price: the balance covers the whole position"
    else:
        where = (
            f"is liquidated at {price(position.liquidation_price, market)}, "
            f"{percent(outcome.distance)} {direction} the entry price"
        )
    lede = f"This {outcome.mode.value} {trade_words(market, position.side, position.size)} {where}."
    # What backs the position: its own margin in isolated, the whole cross balance in cross
    # (a cross position's margin is its initial margin, already the row above).
    if outcome.mode is MarginMode.ISOLATED:
        backing = Row("Allocated margin", (usdc(position.margin),))
    else:
        backing = Row("Cross margin balance", (usdc(outcome.account.cross_margin_balance),))
    figures = Table(
        caption="The position's figures",
        head=("Figure", "Value"),
        rows=(
            Row("Notional", (usdc(position.notional),)),
            Row("Initial margin", (usdc(position.initial_margin),)),
            backing,
            Row(
                "Maintenance margin",
                (
                    f"{usdc(position.maintenance_margin)} "
                    f"({rate(position.maintenance_margin_rate)})",
                ),
            ),
            Row("Liquidation price", (price(position.liquidation_price, market),), current=True),
            Row("Distance to it", (percent(outcome.distance),), key=True),
            Row("Bankruptcy price", (price(position.bankruptcy_price, market),)),
            Row("Maximum loss", (usdc(position.max_loss),)),
        ),
    )
    return Presentation(lede, (figures, tiers(outcome)), (math_group("", outcome.derivations),))


def tiers(outcome: LiquidationOutcome) -> Table:
    market = outcome.trade.market
    rows = []
    for index, tier in enumerate(market.tiers):
        applies = index == outcome.tier_index
        floor, cap = amount(tier.floor, 0), tier.cap and amount(tier.cap, 0)
        band = f"{floor} – {cap} USDC" if cap else f"from {floor} USDC"
        rows.append(
            Row(
                f"{index + 1}{' (applies)' if applies else ''}",
                (
                    band,
                    rate(tier.maintenance_margin_rate),
                    usdc(tier.maintenance_amount),
                    leverage(tier.max_leverage),
                ),
                current=applies,
            )
        )
    note = ILLUSTRATIVE
    if outcome.tier_index is None:
        note += " You gave a maintenance rate, so no tier applies."
    return Table(
        caption=f"{market.symbol} maintenance margin tiers (by notional at the mark price)",
        head=("Tier", "Notional", "Rate", "Amount", "Max leverage"),
        rows=tuple(rows),
        note=note,
    )


# 3. Leverage explorer ------------------------------------------------------------------------


def leverage_explorer(outcome: LeverageOutcome) -> Presentation:
    market, picked, trade = outcome.trade.market, outcome.picked, outcome.trade
    lede = (
        f"At {leverage(picked.leverage)} this {trade_words(market, trade.side, trade.size)} "
        f"needs {usdc(picked.isolated.initial_margin)} of initial margin. Isolated "
        f"{_away(picked.isolated_distance, 'is liquidated ')}; cross, backed by "
        f"{usdc(outcome.wallet)}, {_away(picked.cross_distance)}."
    )
    rows = tuple(
        Row(
            leverage(row.leverage),
            (
                usdc(row.isolated.initial_margin) if row.isolated else "—",
                *_liquidation_cells(row.isolated, market),
                *_liquidation_cells(row.cross, market),
            ),
            current=row.leverage == picked.leverage,
        )
        for row in outcome.table
    )
    table = Table(
        caption="Liquidation price and distance by leverage",
        head=(
            "Leverage",
            "Initial margin",
            "Isolated: liquidation",
            "Isolated: distance",
            "Cross: liquidation",
            "Cross: distance",
        ),
        rows=rows,
        wide=True,
        note=" ".join((*_leverage_notes(outcome, rows), ILLUSTRATIVE)),
    )
    math = tuple(
        math_group(f"{mode.value.capitalize()} at {leverage(picked.leverage)}", d)
        for mode, d in outcome.derivations
    )
    # The picked row has five figures, too many for the summary: its liquidation prices.
    key = tuple(
        (name, ("{} ({})".format(*_liquidation_cells(position, market)),))
        for name, position in (
            (f"Isolated at {leverage(picked.leverage)}", picked.isolated),
            ("Cross", picked.cross),
        )
    )
    return Presentation(lede, (table,), math, key)


NEVER = "never liquidated"


def _away(distance, verb: str = "") -> str:
    """Such as "9.55 % away" after `verb`, or "is never liquidated" when no price does it."""
    return f"is {NEVER}" if distance is None else f"{verb}{percent(distance)} away"


def _liquidation_cells(position, market: Market) -> tuple[str, str]:
    """Liquidation price and distance; "—" where the leverage cannot be opened."""
    if position is None:
        return "—", "—"
    if position.liquidation_price is None:
        return NEVER, "any fall" if position.side.sign == 1 else "any rise"
    return price(position.liquidation_price, market), percent(liquidation_distance(position))


def _leverage_notes(outcome: LeverageOutcome, rows: tuple[Row, ...]) -> tuple[str, ...]:
    cells = {cell for row in rows for cell in row.cells}
    notes = []
    if NEVER in cells:
        notes.append(
            "Never liquidated: no price, not even zero, liquidates the position, so the price "
            "can move against it by any amount."
        )
    if "—" in cells:
        lowest = leverage(outcome.lowest_leverage, rounding=ROUND_CEILING)
        notes.append(
            f"— means that leverage cannot be opened: the {usdc(outcome.wallet)} balance covers "
            f"the initial margin only from {lowest} up."
        )
    symbol, most = outcome.trade.market.symbol, leverage(outcome.max_leverage)
    notes.append(f"{symbol} allows up to {most} for this size.")
    return tuple(notes)


# 4. Margin, PnL and ROE ----------------------------------------------------------------------


def pnl(outcome: PnlOutcome) -> Presentation:
    position, market = outcome.position, outcome.trade.market
    largest = outcome.largest
    lede = (
        f"A {trade_words(market, position.side, position.size)} at "
        f"{leverage(position.leverage)} needs {usdc(position.initial_margin)} of margin. At "
        f"{price(outcome.exit_price, market)} its PnL is {signed_usdc(position.unrealized_pnl)}, "
        f"an ROE of {signed_percent(position.roe)}."
    )
    limit = f"tier {market.tiers.index(largest.tier) + 1}'s cap" if largest.tier else "the balance"
    exit_at = price(outcome.exit_price, market)
    rows = (
        Row("Size", (size(position.size, market),), current=outcome.solved == "size"),
        Row(
            "Margin (initial)", (usdc(position.initial_margin),), current=outcome.solved == "margin"
        ),
        Row("Leverage", (leverage(position.leverage),), current=outcome.solved == "leverage"),
        Row(f"Notional at {exit_at}", (usdc(position.notional),)),
        Row(f"PnL at {exit_at}", (signed_usdc(position.unrealized_pnl),), key=True),
        Row("ROE", (signed_percent(position.roe),), key=True),
        Row("Available balance", (usdc(outcome.account.available_balance),)),
        Row(f"Largest position at {leverage(position.leverage)}", (size(largest.size, market),)),
        Row("Its notional at entry", (usdc(largest.notional),)),
        Row("Limited by", (limit,)),
    )
    table = Table(
        caption="Your position",
        head=("Figure", "Value"),
        rows=rows,
        note="The highlighted row is the one worked out for you.",
    )
    return Presentation(lede, (table,), (math_group("", outcome.derivations),))


# 5. Cross contagion --------------------------------------------------------------------------


def contagion(outcome: ContagionOutcome) -> Presentation:
    a, b = outcome.a.market, outcome.b.market
    cross, isolated = outcome.cross, outcome.isolated
    before = outcome.cross_before.positions[1].liquidation_price
    lede = (
        f"Both in cross, the {b.symbol} liquidation price moves from {price(before, b)} to "
        f"{price(cross.positions[1].liquidation_price, b)} as {a.symbol} goes from "
        f"{price(outcome.a.entry, a)} to {price(outcome.a_price, a)}."
    )
    if outcome.b_move:
        lede += " " + contagion_second_market(outcome)
    if isolated is None:
        lede += " " + contagion_no_isolated(outcome)
    else:
        lede += f" Both isolated, it stays at {price(isolated.positions[1].liquidation_price, b)}."
    if cross.positions[1].liquidated:
        lede += f" At this {a.symbol} price every cross position has been liquidated."
    if isolated is not None:
        for position in isolated.positions:
            if position.liquidated:
                lede += f" Isolated, the {position.market} position alone has been liquidated."
    results = (cross,) if isolated is None else (cross, isolated)

    def cells(figure) -> tuple[str, ...]:
        return tuple(figure(result) for result in results)

    def state(result) -> str:
        return ", ".join("liquidated" if p.liquidated else "open" for p in result.positions)

    rows = (
        Row(
            f"{a.symbol} unrealised PnL",
            cells(lambda _: signed_usdc(cross.positions[0].unrealized_pnl)),
        ),
        Row(
            f"{b.symbol} unrealised PnL",
            cells(lambda _: signed_usdc(cross.positions[1].unrealized_pnl)),
        ),
        Row(
            f"{a.symbol} liquidation price",
            cells(lambda result: price(result.positions[0].liquidation_price, a)),
        ),
        Row(
            "Cross margin balance",
            cells(lambda result: usdc(result.cross_margin_balance) if result is cross else "—"),
        ),
        Row(
            "Margin ratio",
            cells(lambda result: percent(result.margin_ratio) if result is cross else "—"),
        ),
        Row(
            f"{b.symbol} liquidation price",
            cells(lambda result: price(result.positions[1].liquidation_price, b)),
            current=True,
        ),
        Row(
            f"{b.symbol} distance to it",
            cells(lambda result: percent(liquidation_distance(result.positions[1]))),
        ),
        Row(f"Positions ({a.symbol}, {b.symbol})", cells(state)),
    )
    caption = f"With {a.symbol} at {price(outcome.a_price, a)} ({signed_percent(outcome.move)})"
    if outcome.b_move:
        caption += f" and {b.symbol} at {price(outcome.b_price, b)} "
        caption += f"({signed_percent(outcome.b_move)})"
    table = Table(
        caption=caption,
        head=("Figure", "Both cross", "Both isolated")[: len(results) + 1],
        rows=rows,
        note="" if isolated is not None else contagion_no_isolated(outcome),
    )
    math = tuple(math_group(title, derivations) for title, derivations in outcome.derivations)
    return Presentation(lede, (table,), math)


def contagion_second_market(outcome: ContagionOutcome) -> str:
    """The second market's own move: its PnL counts toward the shared balance too."""
    a, b = outcome.a.market, outcome.b.market
    pnl = outcome.cross.positions[1].unrealized_pnl
    return (
        f"{b.symbol} is at {price(outcome.b_price, b)} ({signed_percent(outcome.b_move)}), and "
        f"its {signed_usdc(pnl)} of unrealised PnL counts toward the shared balance too, so it "
        f"moves the {a.symbol} liquidation price: "
        f"{price(outcome.cross.positions[0].liquidation_price, a)} in cross."
    )


def contagion_no_isolated(outcome: ContagionOutcome) -> str:
    """Why there is no isolated column: the two margins do not fit in the balance."""
    first, second = outcome.cross.positions
    return (
        f"Both isolated cannot be compared for this balance: isolated, the {first.market} "
        f"position sets aside {usdc(first.initial_margin)} and the {second.market} position "
        f"{usdc(second.initial_margin)}, more together than the {usdc(outcome.wallet)} in the "
        "account. Cross margin needs no such set-aside, so only the cross figures are shown."
    )
