"""A support case, replayed and explained.

`diagnose(case)` replays the case (see `cases`) and finds, for each position the liquidation
engine took, the moment it happened: the account just before, at that step's marks, which is
what show-the-math and every "what if" below are computed from. `findings` chooses the
explanations that apply; `comparison` sets the exchange's figure beside the engine's.

The account replayed is the one support entered with what it had already paid taken out:
every fee and every funding payment leaves the wallet, and an isolated position's funding
leaves its margin too (the wallet holds the isolated margins).

For the chart, the liquidation price of every open position is computed at a sample of the
steps (at most SAMPLES of them, always including each event's step and the step before),
so a 20,000-row path costs a few hundred evaluations, not 20,000.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from .account import evaluate
from .cases import Case, Paid
from .decimals import ZERO, in_context
from .events import Event, EventKind
from .models import Account, MarginMode, Position
from .results import AccountResult, PositionResult
from .simulation import Replay, ReplayStep, replay

SAMPLES = 300
TAKEN = (EventKind.PARTIAL_LIQUIDATION, EventKind.LIQUIDATION)


@dataclass(frozen=True)
class Moment:
    """A position at the step where the liquidation engine first took (some of) it."""

    event: Event
    # The account just before the event: the positions then open, at the step's marks.
    account: Account
    index: int  # the position's index in `account.positions`
    result: PositionResult  # its figures in that account

    @property
    def position_id(self) -> str:
        return self.event.position_id

    @property
    def position(self) -> Position:
        return self.account.positions[self.index]


@dataclass(frozen=True)
class SeriesPoint:
    step: int
    hours: Decimal | None
    # Each open position's liquidation price at this step, by id (None: no such price).
    liquidation_prices: dict[str, Decimal | None]


@dataclass(frozen=True)
class Closest:
    """How near the mark came to a position's liquidation price, when nothing was taken."""

    position_id: str
    step: int
    hours: Decimal | None
    mark: Decimal
    liquidation_price: Decimal


@dataclass(frozen=True)
class Diagnosis:
    case: Case
    opened: Account  # the account replayed: as entered, less what it had paid
    replay: Replay
    moments: tuple[Moment, ...]  # each position's first liquidation, in the order they came
    series: tuple[SeriesPoint, ...]
    closest: Closest | None

    def moment_at(self, event: Event) -> Moment:
        return moment_of_event(self.opened, self.replay, event)

    def moment_of(self, position_id: str) -> Moment | None:
        return next((m for m in self.moments if m.position_id == position_id), None)

    def events_of(self, position_id: str) -> tuple[Event, ...]:
        return tuple(e for e in self.replay.events if e.position_id == position_id)

    def funding_along(self, position_id: str, *, before_step: int | None = None) -> Decimal:
        """Funding the position paid on the path (negative: received), up to a step."""
        return sum(
            (
                event.funding
                for event in self.events_of(position_id)
                if event.kind == EventKind.FUNDING
                and (before_step is None or event.step <= before_step)
            ),
            ZERO,
        )


@in_context
def diagnose(case: Case) -> Diagnosis:
    opened, run = replayed(case)
    moments = _moments(opened, run)
    series = _series(opened, run)
    closest = None if moments else _closest(series, run)
    return Diagnosis(case, opened, run, moments, series, closest)


def replayed(case: Case) -> tuple[Account, Replay]:
    """The account replayed (less what it had paid) and its replay, with the case's options
    and each market's own liquidation fee."""
    opened = opened_account(case.account, case.paid)
    run = replay(
        opened,
        path=case.path,
        liquidation_fee_rate=None,
        funding_rates={} if case.funding else None,
        partial_liquidation=case.partial_liquidation,
        insurance_fund=case.insurance_fund,
    )
    return opened, run


def opened_account(account: Account, paid: dict[str, Paid]) -> Account:
    """The account with the fees and funding already paid taken out of it."""
    total = ZERO
    positions = []
    for position in account.positions:
        owed = paid.get(position.id, Paid())
        total += owed.fees + owed.funding
        if position.margin_mode == MarginMode.ISOLATED and owed.funding:
            margin = isolated_margin(position) - owed.funding
            position = replace(position, isolated_margin=margin)
        positions.append(position)
    return replace(
        account, wallet_balance=account.wallet_balance - total, positions=tuple(positions)
    )


def isolated_margin(position: Position) -> Decimal:
    if position.isolated_margin is not None:
        return position.isolated_margin
    return position.size * position.entry_price / position.leverage


def account_at(
    state: AccountResult, marks: dict[str, Decimal], *, wallet: Decimal, like: Account
) -> Account:
    """The positions open in `state`, marked at `marks`, as an Account the engine can take."""
    positions = tuple(
        Position(
            side=item.side,
            size=item.size,
            entry_price=item.entry_price,
            leverage=item.leverage,
            margin_mode=item.margin_mode,
            market=item.market,
            mark_price=marks[item.market],
            isolated_margin=item.margin if item.margin_mode == MarginMode.ISOLATED else None,
            id=item.id,
        )
        for item in state.positions
    )
    return replace(like, wallet_balance=wallet, positions=positions)


def _moments(opened: Account, run: Replay) -> tuple[Moment, ...]:
    moments: list[Moment] = []
    seen: set[str] = set()
    for event in run.events:
        if event.kind not in TAKEN or event.position_id in seen:
            continue
        seen.add(event.position_id)
        moments.append(moment_of_event(opened, run, event))
    return tuple(moments)


def moment_of_event(opened: Account, run: Replay, event: Event) -> Moment:
    account = _before(opened, run, event.step)
    index = next(i for i, p in enumerate(account.positions) if p.id == event.position_id)
    return Moment(event, account, index, evaluate(account).positions[index])


def _before(opened: Account, run: Replay, step: int) -> Account:
    """The account open before `step`'s liquidations, at the marks of `step`."""
    marks = dict(run.steps[step].marks)
    if step == 0:
        state, wallet = evaluate(opened), opened.wallet_balance
    else:
        previous = run.steps[step - 1]
        state, wallet = previous.state, previous.wallet_balance
    account = account_at(state, marks, wallet=wallet, like=opened)
    return _after_funding(account, run.steps[step])


def _after_funding(account: Account, step: ReplayStep) -> Account:
    """The account once the step's funding is paid: funding comes before liquidation. It
    leaves the wallet, and an isolated position's margin too."""
    paid = {e.position_id: e.funding for e in step.events if e.kind == EventKind.FUNDING}
    if not paid:
        return account
    positions = tuple(
        replace(p, isolated_margin=p.isolated_margin - paid[p.id])
        if p.id in paid and p.isolated_margin is not None
        else p
        for p in account.positions
    )
    wallet = account.wallet_balance - sum(paid.values(), ZERO)
    return replace(account, wallet_balance=wallet, positions=positions)


def sampled_steps(count: int, pinned: Sequence[int], limit: int = SAMPLES) -> list[int]:
    """About `limit` steps spread evenly over `count`, with every pinned step included."""
    if count == 0:
        return []
    stride = max(1, -(-count // limit))
    chosen = set(range(0, count, stride)) | {count - 1}
    chosen |= {s for p in pinned for s in (p - 1, p) if 0 <= s < count}
    return sorted(chosen)


def _series(opened: Account, run: Replay) -> tuple[SeriesPoint, ...]:
    start = evaluate(opened)
    points = [SeriesPoint(-1, ZERO, _prices(start))]
    pinned = sorted({event.step for event in run.events if event.kind != EventKind.FUNDING})
    for index in sampled_steps(len(run.steps), pinned):
        step = run.steps[index]
        points.append(SeriesPoint(index, step.hours, _prices(step.state)))
    return tuple(points)


def _prices(state: AccountResult) -> dict[str, Decimal | None]:
    return {item.id: item.liquidation_price for item in state.positions}


def _closest(series: Sequence[SeriesPoint], run: Replay) -> Closest | None:
    best: tuple[Decimal, Closest] | None = None
    for point in series:
        if point.step < 0:
            continue
        marks = run.steps[point.step].marks
        for position_id, price in point.liquidation_prices.items():
            if price is None:
                continue
            market = _market_of(run, point.step, position_id)
            gap = abs(marks[market] - price) / marks[market]
            if best is None or gap < best[0]:
                closest = Closest(position_id, point.step, point.hours, marks[market], price)
                best = (gap, closest)
    return best[1] if best else None


def _market_of(run: Replay, step: int, position_id: str) -> str:
    state = run.steps[step].state
    return next(item.market for item in state.positions if item.id == position_id)
