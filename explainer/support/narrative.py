"""What happened to the customer's positions, in plain words, with their numbers.

Every number here comes from the engine (`diagnosis`, `findings`, `comparison`); this module
only words and rounds them. Prices are shown to the market's tick, amounts to the cent.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from explainer import formatting
from explainer.engine import MARKETS, EventKind, MarginMode, Position
from explainer.engine.comparison import Comparison, Likely
from explainer.engine.diagnosis import Diagnosis, Moment
from explainer.engine.findings import (
    Contagion,
    FeesAndFunding,
    Finding,
    HigherBracket,
    InsuranceAndAdl,
    Leftover,
    Partial,
    Reason,
    Wick,
)

Clock = Callable[[Decimal | None, int], str]


@dataclass(frozen=True)
class Explanation:
    reason: Reason
    title: str
    text: str
    evidence: tuple[tuple[str, str], ...]
    article: str  # "slug#section" of the article that teaches it


@dataclass(frozen=True)
class Chapter:
    """One position the liquidation engine took, and why."""

    position_id: str
    heading: str
    what: str
    explanations: tuple[Explanation, ...]


@dataclass(frozen=True)
class Story:
    summary: tuple[str, ...]
    chapters: tuple[Chapter, ...]
    reassurance: tuple[Explanation, ...]  # wicks on positions that were never taken
    comparison: tuple[str, ...]


ARTICLES = {
    Reason.MARK_NOT_LAST: "margin-explained#mark-price-and-last-price",
    Reason.CROSS_CONTAGION: "cross-vs-isolated-margin#several-cross-positions-share-one-balance",
    Reason.FEES_AND_FUNDING: "margin-explained#margin-balance",
    Reason.HIGHER_BRACKET: "liquidation-price-and-risk-engine#maintenance-margin-and-its-tiers",
    Reason.PARTIAL: "liquidation-price-and-risk-engine#what-happens-when-a-position-is-liquidated",
    Reason.INSURANCE_AND_ADL: (
        "liquidation-price-and-risk-engine#what-happens-when-a-position-is-liquidated"
    ),
    Reason.LEFTOVER: "liquidation-price-and-risk-engine#the-bankruptcy-price",
}


def clock_for(start: datetime | None) -> Clock:
    """Times as dates when the path had them, else as steps of the straight walk."""

    def when(hours: Decimal | None, step: int) -> str:
        if start is not None and hours is not None:
            moment = start + timedelta(seconds=float(hours * 3600))
            return moment.strftime("%d %b %Y, %H:%M UTC")
        return f"step {step + 1} of the walk to the marks given"

    return when


def price(value: Decimal | None, market: str) -> str:
    if value is None:
        return "none"
    places = max(0, -MARKETS[market].tick_size.normalize().as_tuple().exponent)
    return f"{formatting.amount(value, places)} USDC"


def usdc(value: Decimal) -> str:
    return formatting.usdc(value)


def label(position: Position, number: str | None = None) -> str:
    """'position 1, the BTC-PERP long (0.1 at 60,000.0 USDC, 20× cross)'."""
    number = number or position.id.removeprefix("P")
    mode = "cross" if position.margin_mode == MarginMode.CROSS else "isolated"
    return (
        f"position {number}, the {position.market} {position.side.value} "
        f"({formatting.plain(position.size)} at {price(position.entry_price, position.market)}, "
        f"{formatting.plain(position.leverage)}× {mode})"
    )


def tell(
    diagnosis: Diagnosis,
    found: tuple[Finding, ...],
    comparison: Comparison | None,
    clock: Clock,
) -> Story:
    positions = {p.id: p for p in diagnosis.opened.positions}
    words = _Words(diagnosis, positions, clock)
    chapters = tuple(
        Chapter(
            moment.position_id,
            first_up(label(positions[moment.position_id])),
            words.what(moment),
            tuple(
                words.explain(f)
                for f in found
                if f.position_id == moment.position_id and not _is_reassurance(f, diagnosis)
            ),
        )
        for moment in diagnosis.moments
    )
    reassurance = tuple(words.explain(f) for f in found if _is_reassurance(f, diagnosis))
    summary = words.summary()
    told = words.comparison(comparison) if comparison else ()
    return Story(summary, chapters, reassurance, told)


def _is_reassurance(finding: Finding, diagnosis: Diagnosis) -> bool:
    return isinstance(finding, Wick) and diagnosis.moment_of(finding.position_id) is None


class _Words:
    def __init__(self, diagnosis: Diagnosis, positions: dict[str, Position], clock: Clock):
        self.d = diagnosis
        self.positions = positions
        self.clock = clock

    def name(self, position_id: str) -> str:
        return label(self.positions[position_id])

    def short(self, position_id: str) -> str:
        p = self.positions[position_id]
        return f"position {position_id.removeprefix('P')} ({p.market} {p.side.value})"

    def market(self, position_id: str) -> str:
        return self.positions[position_id].market

    def p(self, value: Decimal | None, position_id: str) -> str:
        return price(value, self.market(position_id))

    # What happened, in order.

    def summary(self) -> tuple[str, ...]:
        d = self.d
        if not d.moments:
            return self._nothing_taken()
        lines = []
        by_step: dict[int, list[Moment]] = {}
        for moment in d.moments:
            by_step.setdefault(moment.event.step, []).append(moment)
        for step, moments in by_step.items():
            first = moments[0].event
            when = self.clock(first.hours, step)
            names = _joined([self.short(m.position_id) for m in moments])
            marks = _joined(
                [
                    f"{m.event.market} marked at {self.p(m.event.mark_price, m.position_id)}"
                    for m in _one_per_market(moments)
                ]
            )
            verb = (
                "cut"
                if all(m.event.kind == EventKind.PARTIAL_LIQUIDATION for m in moments)
                else "took"
            )
            lines.append(first_up(f"{when}: with {marks}, the liquidation engine {verb} {names}."))
        survivors = [pid for pid in self.positions if d.moment_of(pid) is None]
        if survivors:
            lines.append(
                f"{first_up(_joined([self.short(pid) for pid in survivors]))} "
                f"{'was' if len(survivors) == 1 else 'were'} never liquidated on this path."
            )
        books = d.replay
        lines.append(
            f"Over the whole path the wallet went from {usdc(d.opened.wallet_balance)} to "
            f"{usdc(books.final_wallet_balance)}: realised PnL {usdc(books.realized_pnl)}, "
            f"fees {usdc(books.fees)}, funding {usdc(books.funding)}."
        )
        return tuple(lines)

    def _nothing_taken(self) -> tuple[str, ...]:
        closest = self.d.closest
        lines = ["On this path the engine liquidates none of the positions."]
        if closest is not None:
            gap = abs(closest.mark - closest.liquidation_price) / closest.mark
            lines.append(
                f"The nearest it came was {self.clock(closest.hours, closest.step)}, when "
                f"{self.market(closest.position_id)} marked at "
                f"{self.p(closest.mark, closest.position_id)}, {formatting.percent(gap)} from "
                f"the liquidation price of {self.short(closest.position_id)}, "
                f"{self.p(closest.liquidation_price, closest.position_id)}."
            )
        lines.append(
            "If the exchange did liquidate a position, something is missing from the case: "
            "another position sharing the cross margin, fees or funding paid, a lower wallet "
            "balance, or the part of the price path where it happened."
        )
        return tuple(lines)

    def what(self, moment: Moment) -> str:
        event = moment.event
        result = moment.result
        when = self.clock(event.hours, event.step)
        kind = (
            "began cutting it down" if event.kind == EventKind.PARTIAL_LIQUIDATION else "closed it"
        )
        return (
            f"When {event.market} marked at {self.p(event.mark_price, event.position_id)} "
            f"({when}), its liquidation price was "
            f"{self.p(result.liquidation_price, event.position_id)} and its maintenance margin "
            f"{usdc(result.maintenance_margin)}, so the liquidation engine {kind}."
        )

    # Each explanation.

    def explain(self, finding: Finding) -> Explanation:
        method = getattr(self, f"_{finding.reason.value}")
        title, text, evidence = method(finding)
        return Explanation(finding.reason, title, text, tuple(evidence), ARTICLES[finding.reason])

    def _mark_not_last(self, f: Wick):
        pid = f.position_id
        when = self.clock(f.hours, f.step)
        evidence = [
            ("Time", when),
            ("Last traded price", self.p(f.last, pid)),
            ("Mark price", self.p(f.mark, pid)),
            ("Liquidation price then", self.p(f.liquidation_price, pid)),
        ]
        if f.last_crossed:
            text = (
                f"{when} the last traded price of {self.market(pid)} touched "
                f"{self.p(f.last, pid)}, past the liquidation price of {self.short(pid)} "
                f"({self.p(f.liquidation_price, pid)}). The mark price stayed at "
                f"{self.p(f.mark, pid)}, and only the mark triggers liquidation, so that wick "
                "liquidated nothing."
            )
            taken = self.d.moment_of(pid) is not None
            title = "An earlier wick on the last price" if taken else "A wick on the last price"
            return f"{title} liquidated nothing", text, evidence
        text = (
            f"The liquidation follows the mark price, not the last traded price on the candle "
            f"chart. {when} the mark reached {self.p(f.mark, pid)}, past the liquidation price "
            f"{self.p(f.liquidation_price, pid)}, while the last traded price was "
            f"{self.p(f.last, pid)} and had not got there. The chart of trades can look as if "
            "the price never reached the position's liquidation price."
        )
        return "The mark price, not the last price, triggered it", text, evidence

    def _cross_contagion(self, f: Contagion):
        pid = f.position_id
        others = _joined([self.short(o) for o in f.others])
        alone = (
            "no price would have liquidated it"
            if f.alone_price is None
            else f"its liquidation price would have been {self.p(f.alone_price, pid)}"
        )
        if f.others_pnl < 0:
            why = (
                f"The position itself was {'in profit' if f.own_pnl > 0 else 'at a loss'} "
                f"({usdc(f.own_pnl)}); the other positions' losses used up the margin they "
                "shared and took it down with them."
            )
        else:
            why = (
                f"Its own loss ({usdc(f.own_pnl)}) did it; the other positions' profit held "
                "it off for a while."
            )
        text = (
            f"In cross mode every cross position shares one margin balance. On its own, with "
            f"the same wallet, {alone}. With {others} beside it (unrealised PnL "
            f"{usdc(f.others_pnl)}) it was {self.p(f.with_others_price, pid)}. {why}"
        )
        evidence = [
            ("Liquidation price on its own", self.p(f.alone_price, pid)),
            ("Liquidation price with the others", self.p(f.with_others_price, pid)),
            ("Its own unrealised PnL", usdc(f.own_pnl)),
            ("The others' unrealised PnL", usdc(f.others_pnl)),
        ]
        return "Other cross positions moved its liquidation price", text, evidence

    def _fees_and_funding(self, f: FeesAndFunding):
        pid = f.position_id
        cross = self.positions[pid].margin_mode == MarginMode.CROSS
        source = "the cross wallet" if cross else "its isolated margin"
        text = (
            f"Fees and funding had taken {usdc(f.total)} out of {source} by then. Had none of "
            f"it been paid, the liquidation price would have been "
            f"{self.p(f.price_without, pid)} instead of {self.p(f.price_with, pid)}."
        )
        evidence = [
            ("Trading fees paid", usdc(f.fees)),
            ("Funding paid before the path", usdc(f.funding_before)),
            ("Funding paid along the path", usdc(f.funding_along)),
            ("Liquidation price as it was", self.p(f.price_with, pid)),
            ("Without fees and funding", self.p(f.price_without, pid)),
        ]
        return "Fees and funding wore the margin down", text, evidence

    def _higher_bracket(self, f: HigherBracket):
        pid = f.position_id
        text = (
            f"The position's notional at its liquidation price, {usdc(f.notional)}, falls in "
            f"maintenance tier {f.tier}, which asks {formatting.rate(f.rate)} of the notional "
            f"instead of the first tier's {formatting.rate(f.first_rate)}. Large positions need "
            f"more margin to stay open. At the first tier's rate the liquidation price would "
            f"have been {self.p(f.price_first_tier, pid)}, not {self.p(f.price, pid)}."
        )
        evidence = [
            ("Notional at the liquidation price", usdc(f.notional)),
            ("Maintenance tier", str(f.tier)),
            ("Maintenance rate", formatting.rate(f.rate)),
            ("First tier's rate", formatting.rate(f.first_rate)),
            ("Liquidation price at the first tier's rate", self.p(f.price_first_tier, pid)),
        ]
        return "A larger position sits in a higher maintenance tier", text, evidence

    def _partial_liquidation(self, f: Partial):
        pid = f.position_id
        cuts = [
            f"{self.clock(c.hours, c.step)} at {self.p(c.mark_price, pid)}, "
            f"{formatting.plain(c.size)} closed, {formatting.plain(c.remaining_size)} left"
            for c in f.cuts
        ]
        rest = (
            f" The rest, {formatting.plain(f.rest.size)}, was closed "
            f"{self.clock(f.rest.hours, f.rest.step)} at {self.p(f.rest.mark_price, pid)}."
            if f.rest
            else " What was left stayed open to the end of the path."
        )
        text = (
            "The liquidation engine first cut the position into a lower tier instead of "
            f"closing all of it: {'; '.join(cuts)}.{rest}"
        )
        evidence = [(f"Cut {n}", line) for n, line in enumerate(cuts, start=1)]
        if f.rest:
            evidence.append(
                (
                    "Rest closed",
                    f"{formatting.plain(f.rest.size)} at {self.p(f.rest.mark_price, pid)}",
                )
            )
        return "A partial liquidation, then the rest", text, evidence

    def _insurance_fund_and_adl(self, f: InsuranceAndAdl):
        text = (
            f"The price had gone past the bankruptcy price: closing at the mark lost more than "
            f"the margin behind it. The insurance fund paid {usdc(f.covered)} of that gap; "
            "the customer lost no more than their margin."
        )
        evidence = [("Paid by the insurance fund", usdc(f.covered))]
        if f.deleveraged:
            names = _joined([self.short(e.position_id) for e in f.adl]) or "profitable traders"
            text += (
                f" The fund could not cover {usdc(f.deleveraged)}, so the exchange "
                f"auto-deleveraged {names} on the other side to close the gap."
            )
            evidence.append(("Passed to auto-deleveraging", usdc(f.deleveraged)))
        if f.fund_balance is not None:
            evidence.append(("Insurance fund afterwards", usdc(f.fund_balance)))
        return "The insurance fund, and auto-deleveraging", text, evidence

    def _leftover_margin(self, f: Leftover):
        pid = f.position_id
        whose = (
            f"the cross margin behind {_joined([self.short(i) for i in f.together])}"
            if f.together
            else "its margin"
        )
        if f.to_fund > 0:
            fund = f"the remaining {usdc(f.to_fund)} went to the insurance fund"
        elif f.to_fund == 0:
            fund = "nothing was left over for the insurance fund"
        else:
            fund = f"the insurance fund paid {usdc(-f.to_fund)} to cover the rest"
        if f.left >= 0:
            closed = (
                f"Closed at the mark of {self.p(f.mark, pid)}, {usdc(f.left)} of it was still "
                f"there: the liquidation fee took {usdc(f.fee)}, and {fund}."
            )
        else:
            closed = (
                f"Closed at the mark of {self.p(f.mark, pid)}, past the bankruptcy price, the "
                f"loss went {usdc(-f.left)} beyond that margin, and {fund}."
            )
        text = (
            f"The customer lost {whose}, {usdc(f.backing)}. {closed} The bankruptcy price, "
            f"where nothing at all is left, was {self.p(f.bankruptcy_price, pid)}; liquidating "
            "before it is what keeps a loss from going past the margin."
        )
        evidence = [
            ("Margin lost", usdc(f.backing)),
            ("Left at the liquidation mark", usdc(f.left)),
            ("Liquidation fee", usdc(f.fee)),
            ("To the insurance fund", usdc(f.to_fund)),
            ("Liquidation price", self.p(f.liquidation_price, pid)),
            ("Bankruptcy price", self.p(f.bankruptcy_price, pid)),
        ]
        return "Where the leftover margin went", text, evidence

    # The exchange's figure.

    def comparison(self, c: Comparison) -> tuple[str, ...]:
        pid = c.position_id
        lines = []
        if c.first_taken:
            lines.append(
                f"The exchange named {self.short(pid)}; the engine took "
                f"{self.short(c.first_taken)} first."
            )
        if c.likely == Likely.NOT_TAKEN:
            lines.append(
                f"The exchange reported liquidating {self.short(pid)}"
                + (f" at {self.p(c.reported_price, pid)}" if c.reported_price else "")
                + ", but with the numbers in this case the engine does not liquidate it. "
                "Something is likely missing: another position sharing the cross margin, fees "
                "or funding paid, a lower wallet balance, or the part of the path where it "
                "happened."
            )
            return tuple(lines)
        if c.reported_price is not None:
            lines.append(
                f"Reported {self.p(c.reported_price, pid)}, computed "
                f"{self.p(c.computed_price, pid)}, difference {self.p(c.difference, pid)} "
                f"(the first mark on the path past it was {self.p(c.computed_mark, pid)})."
            )
            lines.append(self._likely(c))
        if c.hours_difference is not None and c.hours_difference != 0:
            hours = formatting.plain(abs(c.hours_difference).quantize(Decimal("0.01")))
            side = "later" if c.hours_difference > 0 else "earlier"
            lines.append(f"The exchange's time is {hours} hours {side} than the engine's.")
        return tuple(lines)

    def _likely(self, c: Comparison) -> str:
        pid = c.position_id
        return {
            Likely.SAME: (
                f"They agree to within a few ticks (a tick is {self.p(c.tick, pid)}): the "
                "difference is rounding, or the exchange reports the mark at which its engine "
                "acted."
            ),
            Likely.FEE_CONVENTION: (
                "The difference is a fee convention: reserving the taker fee of closing in the "
                "liquidation price, as some exchanges do, gives "
                f"{self.p(c.fee_convention_price, pid)}."
            ),
            Likely.SAMPLING: (
                "The exchange's figure lies between the exact liquidation price and the next "
                "mark on this path: its price feed is finer than the path entered here."
            ),
            Likely.MISSING: (
                "The exchange liquidated the position earlier than these numbers would. "
                "Something that weakened it is likely missing from the case: another position "
                "sharing the cross margin, fees or funding paid, or a lower wallet balance."
            ),
            Likely.EXTRA: (
                "The exchange liquidated the position later than these numbers would: the "
                "account likely had more behind it than entered, such as margin added or a "
                "profitable position."
            ),
        }[c.likely]


def first_up(text: str) -> str:
    return text[:1].upper() + text[1:]


def _one_per_market(moments: list[Moment]) -> list[Moment]:
    seen: dict[str, Moment] = {}
    for moment in moments:
        seen.setdefault(moment.event.market, moment)
    return list(seen.values())


def _joined(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
