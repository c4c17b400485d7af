"""A case's report: the story in words, the charts, the timeline and the math at the moment
of liquidation, built from the stored spec and kept in the "results" cache by the case's
number and the time it was last saved (an edit makes a new report; nothing stale is shown).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import caches

from explainer import formatting
from explainer.calculators.charts import Chart
from explainer.calculators.tables import MathLine, math_group
from explainer.engine import EventKind, MarginError, explain
from explainer.engine.comparison import compare
from explainer.engine.diagnosis import diagnose
from explainer.engine.findings import Wick, findings
from explainer.serving import RELEASE

from . import charts
from .models import Case
from .narrative import Story, clock_for, first_up, label, price, tell, usdc
from .spec import CaseSpec, to_case

ZERO = Decimal(0)
FUNDING_ROWS = 40  # more funding payments than this are summed per position
KEEP_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Row:
    when: str
    position: str
    what: str
    mark: str
    last: str
    closed: str
    fee: str
    fund: str


@dataclass(frozen=True)
class Report:
    story: Story
    charts: tuple[tuple[str, Chart], ...]
    timeline: tuple[Row, ...]
    math_title: str
    math: tuple[tuple[str, tuple[MathLine, ...]], ...]
    positions: tuple[str, ...]  # each position in words
    wallet: str
    straight_walk: bool  # only the final marks were given


def case_report(case: Case) -> Report:
    key = f"support-report:{RELEASE}:{case.pk}:{case.updated.timestamp()}"
    cache = caches["results"]
    report = cache.get(key)
    if report is None:
        report = build_report(case.case_spec)
        cache.set(key, report, KEEP_SECONDS)
    return report


def build_report(spec: CaseSpec) -> Report:
    case = to_case(spec)
    diagnosis = diagnose(case)
    found = findings(diagnosis)
    clock = clock_for(spec.start)
    story = tell(diagnosis, found, compare(diagnosis), clock)
    wicks = [f for f in found if isinstance(f, Wick)]
    title, math = _math(diagnosis)
    return Report(
        story=story,
        charts=tuple(charts.market_charts(diagnosis, spec.start, clock, wicks)),
        timeline=tuple(_timeline(diagnosis, clock)),
        math_title=title,
        math=math,
        positions=tuple(first_up(label(p)) for p in case.account.positions),
        wallet=usdc(case.account.wallet_balance),
        straight_walk=not spec.path,
    )


def _math(diagnosis) -> tuple[str, tuple]:
    if not diagnosis.moments:
        return "", ()
    moment = diagnosis.moments[0]
    try:
        derivations = explain(moment.account, moment.index)
    except MarginError:
        return "", ()
    title = f"{first_up(label(moment.position))}, at the mark that liquidated it"
    return title, (math_group("", derivations),)


_WHAT = {
    EventKind.LIQUIDATION: "Liquidated",
    EventKind.PARTIAL_LIQUIDATION: "Partly liquidated",
    EventKind.ADL: "Auto-deleveraged",
    EventKind.FUNDING: "Funding paid",
}


def _timeline(diagnosis, clock) -> list[Row]:
    events = diagnosis.replay.events
    funding = [e for e in events if e.kind == EventKind.FUNDING]
    shown = [e for e in events if e.kind != EventKind.FUNDING or len(funding) <= FUNDING_ROWS]
    rows = [_row(e, clock) for e in shown]
    if len(funding) > FUNDING_ROWS:
        rows.extend(_funding_totals(funding))
    return rows


def _row(event, clock) -> Row:
    market = event.market
    number = event.position_id.removeprefix("P")
    funding = event.kind == EventKind.FUNDING
    what = _WHAT[event.kind]
    if funding and event.funding < 0:
        what = "Funding received"
    return Row(
        when=clock(event.hours, event.step),
        position=f"{number} ({market})",
        what=f"{what}: {usdc(abs(event.funding))}" if funding else what,
        mark=price(event.mark_price, market),
        last=price(event.last_price, market) if event.last_price is not None else "—",
        closed="—"
        if funding
        else f"{formatting.plain(event.size)} ({formatting.plain(event.remaining_size)} left)",
        fee="—" if funding else usdc(event.fee),
        fund="—" if funding else usdc(event.insurance_fund),
    )


def _funding_totals(funding) -> list[Row]:
    totals: dict[str, list] = {}
    for event in funding:
        totals.setdefault(event.position_id, []).append(event)
    return [
        Row(
            when=f"{len(paid)} funding times",
            position=f"{pid.removeprefix('P')} ({paid[0].market})",
            what=f"Funding, in all: {usdc(sum((e.funding for e in paid), ZERO))}",
            mark="—",
            last="—",
            closed="—",
            fee="—",
            fund="—",
        )
        for pid, paid in totals.items()
    ]
