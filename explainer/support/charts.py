"""A case's charts: for each market held, the mark (and the last price, when the path had
it) over time, each position's liquidation price moving with it, and the events marked.

A long path is thinned for drawing only: each of about BUCKETS stretches keeps its first,
lowest, highest and last point, so a wick survives; every event's step is always kept.
"""

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from explainer.calculators.charts import (
    BLUE,
    GREY,
    INK,
    ORANGE,
    SKY,
    VERMILLION,
    Chart,
    layout,
    line,
    num,
)
from explainer.engine import EventKind
from explainer.engine.diagnosis import Diagnosis
from explainer.engine.findings import Wick

from .narrative import Clock, price

BUCKETS = 300
POSITION_COLOURS = (VERMILLION, BLUE, ORANGE, SKY, "#009E73", "#CC79A7", INK)
EVENT_MARKERS = {
    EventKind.LIQUIDATION: ("x", "Liquidation"),
    EventKind.PARTIAL_LIQUIDATION: ("triangle-down", "Partial liquidation"),
    EventKind.ADL: ("square", "Auto-deleveraging"),
}


def market_charts(
    diagnosis: Diagnosis, start: datetime | None, clock: Clock, wicks: Sequence[Wick] = ()
) -> list[tuple[str, Chart]]:
    markets = list(dict.fromkeys(p.market for p in diagnosis.opened.positions))
    return [(m, _chart(diagnosis, m, start, clock, wicks)) for m in markets]


def _x(start: datetime | None, hours: Decimal | None, step: int) -> int:
    """Milliseconds since 1970 on a date axis (shorter in the page than a date string), or
    the step's number on the straight walk."""
    if start is not None and hours is not None:
        return int(start.timestamp()) * 1000 + int(hours * 3_600_000)
    return step + 1


def _hover(name: str, start: datetime | None) -> str:
    when = "%{x|%d %b %H:%M} UTC" if start else "step %{x}"
    return f"{when}: %{{y:,.2f}} USDC<extra>{name}</extra>"


def _chart(diagnosis, market, start, clock, wicks) -> Chart:
    steps = diagnosis.replay.steps
    pinned = {e.step for e in diagnosis.replay.events if e.kind != EventKind.FUNDING}
    kept = thinned([s.marks[market] for s in steps], pinned)
    opening = next(p.mark for p in diagnosis.opened.positions if p.market == market)
    x = [_x(start, steps[i].hours, i) for i in kept]
    traces = [
        line(
            [_start_x(start), *x] if start is None else x,
            [num(opening)] * (start is None) + [num(steps[i].marks[market]) for i in kept],
            name="Mark price",
            style={"color": INK, "width": 2},
            hovertemplate=_hover("Mark price", start),
        )
    ]
    lasts = [steps[i].quotes.get(market) for i in kept]
    if any(q is not None and q.last is not None for q in lasts):
        traces.append(
            line(
                x,
                [num(q.last) if q and q.last is not None else None for q in lasts],
                name="Last traded price",
                style={"color": GREY, "width": 1, "dash": "dot"},
                hovertemplate=_hover("Last traded price", start),
            )
        )
    held = [p for p in diagnosis.opened.positions if p.market == market]
    for colour, position in zip(POSITION_COLOURS * 3, held, strict=False):
        traces.append(_liquidation_line(diagnosis, position, start, colour))
    traces.extend(_event_points(diagnosis, market, start))
    traces.extend(_wick_points(diagnosis, market, start, wicks))
    x_title = "Time (UTC)" if start else "Step of the straight walk to the marks given"
    figure = {"data": traces, "layout": layout(x_title, f"{market} price (USDC)")}
    if start:
        figure["layout"]["xaxis"]["type"] = "date"
        figure["layout"]["xaxis"]["tickformat"] = "%d %b %H:%M"
    return Chart(
        figure,
        f"{market}: mark price and liquidation prices over time",
        _summary(diagnosis, market, clock),
    )


def thinned(values: Sequence[Decimal], pinned: set[int], buckets: int = BUCKETS) -> list[int]:
    """Indexes to draw: the first, lowest, highest and last of each stretch, and the pinned."""
    count = len(values)
    if count <= buckets * 4:
        return list(range(count))
    size = -(-count // buckets)
    keep = set(pinned) | {count - 1}
    for begin in range(0, count, size):
        stretch = range(begin, min(begin + size, count))
        keep |= {stretch[0], stretch[-1]}
        keep.add(min(stretch, key=values.__getitem__))
        keep.add(max(stretch, key=values.__getitem__))
    return sorted(i for i in keep if 0 <= i < count)


def _liquidation_line(diagnosis, position, start, colour) -> dict:
    x, y = [], []
    for point in diagnosis.series:
        if position.id not in point.liquidation_prices:
            continue
        x.append(_x(start, point.hours, max(point.step, 0)) if point.step >= 0 else _start_x(start))
        y.append(num(point.liquidation_prices[position.id]))
    # Short, so a phone's legend keeps it on one line; the chart's summary has the rest.
    name = f"Liquidation price, position {position.id.removeprefix('P')} ({position.side.value})"
    style = {"color": colour, "width": 2, "dash": "dash"}
    return line(x, y, name=name, style=style, hovertemplate=_hover(name, start))


def _start_x(start: datetime | None) -> int:
    return int(start.timestamp() * 1000) if start else 0


def _event_points(diagnosis, market, start) -> list[dict]:
    traces = []
    for kind, (symbol, name) in EVENT_MARKERS.items():
        events = [e for e in diagnosis.replay.events if e.kind == kind and e.market == market]
        if not events:
            continue
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": [_x(start, e.hours, e.step) for e in events],
                "y": [num(e.mark_price) for e in events],
                "name": name,
                "marker": {
                    "symbol": symbol,
                    "size": 12,
                    "color": VERMILLION,
                    "line": {"width": 2, "color": INK},
                },
                "text": [f"{name} of position {e.position_id.removeprefix('P')}" for e in events],
                "hovertemplate": "%{text}<br>%{y:,.2f} USDC<extra></extra>",
            }
        )
    return traces


def _wick_points(diagnosis, market, start, wicks) -> list[dict]:
    mine = [w for w in wicks if _market_of(diagnosis, w.position_id) == market and w.last_crossed]
    if not mine:
        return []
    return [
        {
            "type": "scatter",
            "mode": "markers",
            "x": [_x(start, w.hours, w.step) for w in mine],
            "y": [num(w.last) for w in mine],
            "name": "Wick on the last price (no liquidation)",
            "marker": {"symbol": "circle-open", "size": 14, "color": GREY, "line": {"width": 2}},
            "hovertemplate": "Last price %{y:,.2f} USDC<extra></extra>",
        }
    ]


def _market_of(diagnosis, position_id) -> str:
    return next(p.market for p in diagnosis.opened.positions if p.id == position_id)


def _summary(diagnosis, market, clock) -> str:
    steps = diagnosis.replay.steps
    first = next(p.mark for p in diagnosis.opened.positions if p.market == market)
    last = steps[-1].marks[market]
    low = min(first, *(s.marks[market] for s in steps))
    high = max(first, *(s.marks[market] for s in steps))
    text = (
        f"{market}'s mark went from {price(first, market)} to {price(last, market)}, between "
        f"{price(low, market)} and {price(high, market)}."
    )
    taken = [e for e in diagnosis.replay.events if e.market == market and e.kind in EVENT_MARKERS]
    for event in taken[:10]:
        text += (
            f" {EVENT_MARKERS[event.kind][1]} of position {event.position_id.removeprefix('P')} "
            f"at {price(event.mark_price, market)}, {clock(event.hours, event.step)}."
        )
    return text
