"""Everything the desk page shows, assembled from the reader's account: the tables and their
math, the charts, the explanation of the last step, the player and the guided scenario."""

from dataclasses import dataclass

from explainer.calculators.display import leverage
from explainer.calculators.tables import Presentation
from explainer.engine import AccountResult
from explainer.engine import practice as engine
from explainer.formatting import usdc

from . import charts, narrative, tables
from .forms import (
    CancelForm,
    CloseForm,
    LeverageForm,
    MarginForm,
    ModeForm,
    OrderForm,
    PathForm,
    PositionModeForm,
    PracticeForm,
    StepForm,
)

CONTROLS = {
    form.name: form
    for form in (
        OrderForm,
        LeverageForm,
        PositionModeForm,
        PathForm,
        StepForm,
        CancelForm,
        ModeForm,
        MarginForm,
        CloseForm,
    )
}
INITIAL = {
    "order": {"market": "BTC-PERP", "side": "long", "kind": "market", "margin_mode": "cross"},
    "leverage": {"market": "BTC-PERP", "leverage": engine.state.DEFAULT_LEVERAGE},
    "path": {"path": next(iter(engine.PATHS)), "hours": 1},
    "step": {"steps": 1},
    "margin": {"direction": "add"},
}


@dataclass(frozen=True)
class Desk:
    practice: engine.Practice
    result: AccountResult
    presentation: Presentation
    charts: tuple[charts.MarketChart, ...]
    explanation: tuple[narrative.Sentence, ...]
    forms: dict[str, PracticeForm]
    scenario: dict | None = None
    lazy_math: bool = False  # the math is asked for when the reader opens it

    start_wallet = usdc(engine.START_WALLET)
    limits = {
        "positions": engine.MAX_POSITIONS,
        "orders": engine.MAX_ORDERS,
        "steps": f"{engine.MAX_STEPS:,}",
    }
    paths = tuple(engine.PATHS.values())
    scenarios = tuple(engine.SCENARIOS.values())

    @property
    def live(self) -> dict:
        positions, account = self.presentation.tables[:2]
        step, text = self.practice.step, self.presentation.lede
        return {"step": step, "progress": text, "positions": positions, "account": account}

    @property
    def orders(self):
        return self.presentation.tables[2]

    @property
    def leverages(self) -> tuple[tuple[str, str], ...]:
        return tuple((m, leverage(value)) for m, value in self.practice.leverage.items())

    @property
    def paused(self) -> bool:
        frames = self.practice.frames
        return bool(frames) and any(h.pauses for h in frames[-1].happenings)

    @property
    def scenario_revealed(self) -> bool:
        """A guided scenario shows its answer once the path has ended or paused on an event
        other than funding (the first funding payment pauses too, long before the lesson)."""
        p = self.practice
        happened = (h for f in p.frames for h in f.happenings)
        return p.finished or any(h.pauses and h.kind != "funding" for h in happened)


def build(
    practice: engine.Practice,
    *,
    failed: PracticeForm | None = None,
    scenario: dict | None = None,
    lazy_math: bool = False,
) -> Desk:
    result = practice.evaluate()
    mode = {"position_mode": practice.account.position_mode.value}
    initial = INITIAL | {"path": _path_initial(practice), "position_mode": mode}
    forms = {
        name: form_class(practice=practice, initial=initial.get(name))
        for name, form_class in CONTROLS.items()
    }
    if failed is not None:
        forms[failed.name] = failed
    happened = (practice.frames[-1].happenings if practice.frames else ()) + practice.notices
    return Desk(
        practice=practice,
        result=result,
        presentation=tables.presentation(
            practice, result, progress(practice), with_math=not lazy_math
        ),
        charts=charts.charts(practice),
        explanation=narrative.explain(happened),
        forms=forms,
        scenario=_scenario(scenario),
        lazy_math=lazy_math,
    )


def _path_initial(practice: engine.Practice) -> dict:
    """The path chooser starts on the path being played, when it is one of the five."""
    chosen = practice.path.slug if practice.path else ""
    return INITIAL["path"] | ({"path": chosen} if chosen in engine.PATHS else {})


def live(practice: engine.Practice) -> dict:
    """One frame's figures, for the player to show before the next: tables, no math."""
    result = practice.evaluate()
    return {
        "step": practice.step,
        "progress": progress(practice),
        "positions": tables.positions(practice, result),
        "account": tables.account(practice, result),
    }


def progress(practice: engine.Practice) -> str:
    path = practice.path
    if path is None:
        return "No price path chosen yet: the marks stand still until you choose one."
    if practice.finished:
        return f"{path.title}: played to its end, all {len(path.steps)} steps."
    return f"{path.title}: step {practice.step} of {len(path.steps)}."


def _scenario(kept: dict | None) -> dict | None:
    if kept is None:
        return None
    found = engine.SCENARIOS[kept["slug"]]
    labels = dict(found.choices)
    return {
        "scenario": found,
        "guess": labels.get(kept["guess"], kept["guess"]),
        "right": kept["guess"] == found.answer,
        "answer": labels[found.answer],
        "lesson": narrative.article_url(found.lesson_anchor),
    }
