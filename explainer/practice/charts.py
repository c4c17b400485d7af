"""One chart a market the path moves: the mark (and the last price, when the path has one)
over the steps played, and each open position's liquidation price beside it. Plain Plotly dicts
from the engine's frames, drawn by static/js/charts.js; static/js/practice.js reveals them a
frame at a time while playing. The x axis spans the whole path, so it stays still as it fills."""

from dataclasses import dataclass

from explainer.calculators.charts import GREY, INK, Chart, layout, line, num
from explainer.calculators.display import price
from explainer.engine import get_market
from explainer.engine import practice as engine
from explainer.support.charts import POSITION_COLOURS, thinned

# A long path is thinned for drawing as the support desk thins one (each stretch keeps its
# first, lowest, highest and last point): 1,000 steps draw as at most ~400 points a line, which
# keeps a redraw of five charts quick enough to follow a click.
BUCKETS = 100


@dataclass(frozen=True)
class MarketChart:
    """What calculators/_chart.html needs to draw one chart."""

    id: str
    chart: Chart

    @property
    def figure_id(self) -> str:
        return f"{self.id}-figure"

    @property
    def figure_json_id(self) -> str:
        return f"{self.id}-data"


def charts(practice: engine.Practice) -> tuple[MarketChart, ...]:
    if practice.path is None or not practice.frames:
        return ()
    return tuple(
        MarketChart(f"practice-{market.lower()}", _chart(practice, market))
        for market in practice.path.markets
    )


def _chart(practice: engine.Practice, market: str) -> Chart:
    frames = practice.frames
    pinned = {i for i, f in enumerate(frames) if any(h.pauses for h in f.happenings)}
    kept = [frames[i] for i in thinned([f.marks[market] for f in frames], pinned, BUCKETS)]
    x = [f.step + 1 for f in kept]  # the steps played, counted from 1 as the desk counts
    hover = "step %{x}: %{y:,.2f} USDC<extra>%{fullData.name}</extra>"
    traces = [
        line(
            x,
            [num(f.marks[market]) for f in kept],
            name="Mark price",
            style={"color": INK, "width": 2},
            hovertemplate=hover,
        )
    ]
    if any(f.lasts.get(market) is not None for f in kept):
        traces.append(
            line(
                x,
                [num(f.lasts.get(market)) for f in kept],
                name="Last traded price",
                style={"color": GREY, "width": 1, "dash": "dot"},
                hovertemplate=hover,
            )
        )
    held = [position for position, held_in in _positions(practice).items() if held_in == market]
    for colour, position in zip(POSITION_COLOURS * 2, held, strict=False):
        name = f"Liquidation price, {position}"
        traces.append(
            line(
                x,
                [num(f.liquidation_prices.get(position)) for f in kept],
                name=name,
                style={"color": colour, "width": 2, "dash": "dash"},
                hovertemplate=hover,
            )
        )
    figure = {"data": traces, "layout": layout("Step", f"{market} price (USDC)")}
    figure["layout"]["xaxis"]["range"] = [0, len(practice.path.steps)]
    return Chart(
        figure,
        f"{market}: mark price and liquidation prices by step",
        _summary(practice, market, held),
    )


def _positions(practice: engine.Practice) -> dict[str, str]:
    """Each position the path has seen, by id, with its market: those held, and those a step
    liquidated or deleveraged (a liquidated position's line stays on the chart)."""
    seen = {h.position_id: h.market for f in practice.frames for h in f.happenings}
    return seen | {p.id: p.market for p in practice.account.positions}


def _summary(practice: engine.Practice, market: str, held) -> str:
    first, last = practice.frames[0], practice.frames[-1]
    shown = get_market(market)
    text = (
        f"Over {len(practice.frames)} steps {market}'s mark went from "
        f"{price(first.marks[market], shown)} to {price(last.marks[market], shown)}."
    )
    for position in held:
        if position in last.liquidation_prices:
            liquidation = price(last.liquidation_prices[position], shown)
            text += f" {position}'s liquidation price is {liquidation}."
    return text
