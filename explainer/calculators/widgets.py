"""The five calculators, and a widget: one calculator's form, answer and chart on a page.

A page shows one widget (DOM ids start "calc-"); an article can embed several, numbered
"calc-1-", "calc-2-", … so their ids never collide. The same partial renders both.
"""

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import localcontext
from functools import cached_property, lru_cache
from urllib.parse import urlencode

from django.template.loader import render_to_string
from django.urls import reverse

from explainer.content.render import Segment

from . import charts, forms, presets, sizing_forms, tables
from .charts.average import average
from .charts.comparison import comparison
from .charts.contagion import contagion
from .charts.drift import drift
from .charts.leverage import leverage
from .charts.liquidation import liquidation
from .charts.max_size import max_size
from .charts.pnl import pnl
from .charts.target import target
from .presentations.average import average as present_average
from .presentations.drift import drift as present_drift
from .presentations.max_size import max_size as present_max_size
from .presentations.target import target as present_target

WIDGET_ID = re.compile(r"calc(?:-\d{1,3})?")
# Rounding a price of 10^30 USDC to cents needs 33 digits; the default context has 28.
DISPLAY_PRECISION = 80


@dataclass(frozen=True)
class Calculator:
    slug: str
    title: str
    summary: str
    form_class: type[forms.CalculatorForm]
    chart: Callable[[object], charts.Chart]
    present: Callable[[object], tables.Presentation]

    @property
    def template(self) -> str:
        return f"calculators/{self.slug.replace('-', '_')}.html"

    @property
    def url(self) -> str:
        return reverse(f"calculators:{self.slug}")


CALCULATORS = {
    calculator.slug: calculator
    for calculator in (
        Calculator(
            "isolated-vs-cross",
            "Isolated vs cross, side by side",
            "The same trade in both margin modes: where each is liquidated, and what is left.",
            forms.IsolatedVsCrossForm,
            comparison,
            tables.comparison,
        ),
        Calculator(
            "liquidation-price",
            "Liquidation price calculator",
            "One position in either mode, with the market's maintenance tiers.",
            forms.LiquidationPriceForm,
            liquidation,
            tables.liquidation,
        ),
        Calculator(
            "leverage-explorer",
            "Leverage explorer",
            "How leverage moves the liquidation price and the room your trade has.",
            forms.LeverageExplorerForm,
            leverage,
            tables.leverage_explorer,
        ),
        Calculator(
            "margin-pnl-roe",
            "Margin, PnL and ROE",
            "Size, margin and leverage; profit and return at an exit price; the largest position.",
            forms.MarginPnlRoeForm,
            pnl,
            tables.pnl,
        ),
        Calculator(
            "cross-contagion",
            "Cross contagion",
            "Two positions share one balance: one market moves the other's liquidation price.",
            forms.CrossContagionForm,
            contagion,
            tables.contagion,
        ),
        Calculator(
            "max-open-size",
            "Maximum open size",
            "The largest position a balance opens at a leverage, fee included, in the coin and "
            "in USDC.",
            sizing_forms.MaxOpenSizeForm,
            max_size,
            present_max_size,
        ),
        Calculator(
            "average-entry",
            "Average entry",
            "Several fills on one side become one position: its average entry, size, margin "
            "and liquidation price.",
            sizing_forms.AverageEntryForm,
            average,
            present_average,
        ),
        Calculator(
            "funding-drift",
            "Funding drift",
            "A position held for days at a steady price: funding alone moves where it liquidates.",
            forms.FundingDriftForm,
            drift,
            present_drift,
        ),
        Calculator(
            "target-price",
            "Target price",
            "The exit price for the ROE or the profit you aim at, with or without fees.",
            forms.TargetPriceForm,
            target,
            present_target,
        ),
    )
}


@dataclass
class Widget:
    calculator: Calculator
    form: forms.CalculatorForm
    id: str

    @property
    def embedded(self) -> bool:
        return self.id != "calc"

    @cached_property
    def valid(self) -> bool:
        return self.form.is_valid()

    @property
    def outcome(self):
        return self.form.outcome if self.valid else None

    @cached_property
    def chart(self) -> charts.Chart | None:
        if not self.valid:
            return None
        with localcontext(prec=DISPLAY_PRECISION):
            return self.calculator.chart(self.outcome)

    @cached_property
    def presentation(self) -> tables.Presentation | None:
        if not self.valid:
            return None
        with localcontext(prec=DISPLAY_PRECISION):
            presentation = self.calculator.present(self.outcome)
            if not self.form.conversions:
                return presentation
            sizes = tables.math_group("Sizes given in USDC", tuple(self.form.conversions))
        return replace(presentation, math=(sizes, *presentation.math))

    @property
    def figure_id(self) -> str:
        return f"{self.id}-figure"

    @property
    def figure_json_id(self) -> str:
        return f"{self.id}-figure-json"

    @property
    def partial(self) -> str:
        return "calculators/_page.html#results"

    @property
    def permalink(self) -> str:
        return f"{self.calculator.url}?{urlencode(self.form.data)}"

    @property
    def presets(self) -> list[tuple[str, str]]:
        return presets.links(self.calculator.slug)


def build(
    slug: str,
    query: Mapping[str, str] | None = None,
    *,
    preset: str = "",
    widget_id: str = "calc",
) -> Widget:
    return widget_for(slug, presets.data_for(slug, query, preset), widget_id=widget_id)


def widget_for(slug: str, data: Mapping[str, str], *, widget_id: str = "calc") -> Widget:
    """The widget for form data already completed by `presets.data_for`."""
    calculator = CALCULATORS[slug]
    return Widget(calculator, calculator.form_class(data, widget_id=widget_id), widget_id)


def widget_id_for(target: str | None) -> str:
    """The widget an htmx request comes from, read off its target ("calc-2-results")."""
    widget_id = (target or "").removesuffix("-results")
    return widget_id if WIDGET_ID.fullmatch(widget_id) else "calc"


def embed_calculators(segments: Iterable[Segment]) -> list[Segment]:
    """Fill an article's calculator slots with widgets started from their presets."""
    filled, count = [], 0
    for segment in segments:
        if segment.calculator in CALCULATORS:
            count += 1
            html = embedded_widget(segment.calculator, segment.preset, f"calc-{count}")
            segment = replace(segment, html=html)
        filled.append(segment)
    return filled


@lru_cache(maxsize=128)
def embedded_widget(slug: str, preset: str, widget_id: str) -> str:
    """A widget in its starting state is the same for every reader and every request, so each
    process renders it once; an article page with two widgets is then served ~10× faster."""
    widget = build(slug, preset=preset, widget_id=widget_id)
    context = {"segment": {"calculator": slug, "preset": preset, "widget": widget}}
    return render_to_string("includes/_calculator_slot.html", context)
