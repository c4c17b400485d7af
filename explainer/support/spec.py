"""A case's inputs as they are stored: plain data, no Django, kept as JSON in `Case.spec`.

The form (`entry.py`) and the API (`POST /api/v1/cases`) both end in a `CaseSpec`; `to_case`
turns it into the engine's `Case`, with the path's times as hours since its first row.

The wallet balance is the one the customer had before the fees and funding entered on each
position were paid (`engine.cases.Paid`).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from itertools import groupby
from typing import Any

from explainer.engine import (
    Account,
    MarginMode,
    PathStep,
    Position,
    PositionMode,
    Quote,
    Side,
)
from explainer.engine.cases import Case, Paid, Reported

ZERO = Decimal(0)
# With only the marks at the moment of liquidation, each market is walked in a straight line
# from its entry to that mark in this many steps, every market at the same pace.
STRAIGHT_STEPS = 400


@dataclass(frozen=True)
class CasePosition:
    market: str
    side: Side
    size: Decimal
    entry_price: Decimal
    leverage: Decimal
    margin_mode: MarginMode
    isolated_margin: Decimal | None = None
    fees_paid: Decimal = ZERO
    funding_paid: Decimal = ZERO  # negative: received


@dataclass(frozen=True)
class PriceRow:
    """One row of a price path: one market's prices at one time."""

    time: datetime
    market: str
    mark: Decimal
    last: Decimal | None = None
    index: Decimal | None = None


@dataclass(frozen=True)
class ReportedSpec:
    position: int | None = None  # the position's number, from 1
    price: Decimal | None = None
    time: datetime | None = None


@dataclass(frozen=True)
class CaseSpec:
    wallet_balance: Decimal
    positions: tuple[CasePosition, ...]
    position_mode: PositionMode = PositionMode.ONE_WAY
    # Either the marks at the moment of liquidation, by market …
    marks: Mapping[str, Decimal] = field(default_factory=dict)
    # … or a price path, in time order.
    path: tuple[PriceRow, ...] = ()
    reported: ReportedSpec | None = None
    partial_liquidation: bool = False
    insurance_fund: Decimal | None = None
    funding_along_path: bool = True

    @property
    def start(self) -> datetime | None:
        return self.path[0].time if self.path else None


def position_id(number: int) -> str:
    """The id the engine knows position `number` (from 1) by."""
    return f"P{number}"


def to_case(spec: CaseSpec) -> Case:
    starts = start_marks(spec)
    positions = tuple(
        Position(
            side=item.side,
            size=item.size,
            entry_price=item.entry_price,
            leverage=item.leverage,
            margin_mode=item.margin_mode,
            market=item.market,
            mark_price=starts[item.market],
            isolated_margin=item.isolated_margin,
            id=position_id(number),
        )
        for number, item in enumerate(spec.positions, start=1)
    )
    paid = {
        position_id(number): Paid(item.fees_paid, item.funding_paid)
        for number, item in enumerate(spec.positions, start=1)
    }
    account = Account(spec.wallet_balance, positions, position_mode=spec.position_mode)
    steps = _path_steps(spec.path) if spec.path else _straight_steps(spec)
    return Case(
        account=account,
        path=steps,
        paid=paid,
        reported=_reported(spec),
        partial_liquidation=spec.partial_liquidation,
        insurance_fund=spec.insurance_fund,
        funding=spec.funding_along_path and bool(spec.path),
    )


def start_marks(spec: CaseSpec) -> dict[str, Decimal]:
    """Each market's mark where the story starts: the path's first mark for it, else the
    entry of its first position (hedged positions in one market share one mark)."""
    starts: dict[str, Decimal] = {}
    for row in spec.path:
        starts.setdefault(row.market, row.mark)
    for item in spec.positions:
        starts.setdefault(item.market, item.entry_price)
    return starts


def hours_since(start: datetime, time: datetime) -> Decimal:
    seconds = (time - start).days * 86400 + (time - start).seconds
    return Decimal(seconds) / 3600 + Decimal((time - start).microseconds) / 3_600_000_000


def _path_steps(rows: tuple[PriceRow, ...]) -> tuple[PathStep, ...]:
    start = rows[0].time
    steps = []
    for time, group in groupby(rows, key=lambda row: row.time):
        prices = {row.market: Quote(row.mark, row.last, row.index) for row in group}
        steps.append(PathStep(prices=prices, hours=hours_since(start, time)))
    return tuple(steps)


def _straight_steps(spec: CaseSpec) -> tuple[PathStep, ...]:
    starts = start_marks(spec)
    ends = {market: spec.marks.get(market, start) for market, start in starts.items()}
    return tuple(
        PathStep(
            prices={
                market: starts[market] + (ends[market] - starts[market]) * step / STRAIGHT_STEPS
                for market in starts
            }
        )
        for step in range(1, STRAIGHT_STEPS + 1)
    )


def _reported(spec: CaseSpec) -> Reported | None:
    given = spec.reported
    if given is None:
        return None
    hours = None
    if given.time is not None and spec.start is not None:
        hours = hours_since(spec.start, given.time)
    number = given.position
    return Reported(
        position_id=position_id(number) if number is not None else None,
        price=given.price,
        hours=hours,
    )


# Storage: JSON with every number as a decimal string and every time as ISO 8601 in UTC.


def to_json(spec: CaseSpec) -> dict[str, Any]:
    reported = spec.reported
    return {
        "wallet_balance": str(spec.wallet_balance),
        "position_mode": spec.position_mode.value,
        "positions": [_position_json(item) for item in spec.positions],
        "marks": {market: str(mark) for market, mark in spec.marks.items()},
        "path": [_row_json(row) for row in spec.path],
        "reported": None
        if reported is None
        else {
            "position": reported.position,
            "price": _text(reported.price),
            "time": reported.time.isoformat() if reported.time else None,
        },
        "partial_liquidation": spec.partial_liquidation,
        "insurance_fund": _text(spec.insurance_fund),
        "funding_along_path": spec.funding_along_path,
    }


def from_json(data: Mapping[str, Any]) -> CaseSpec:
    reported = data.get("reported")
    return CaseSpec(
        wallet_balance=Decimal(data["wallet_balance"]),
        position_mode=PositionMode(data["position_mode"]),
        positions=tuple(_position_from(item) for item in data["positions"]),
        marks={market: Decimal(mark) for market, mark in data.get("marks", {}).items()},
        path=tuple(_row_from(row) for row in data.get("path", [])),
        reported=None
        if reported is None
        else ReportedSpec(
            position=reported.get("position"),
            price=_number(reported.get("price")),
            time=_time(reported.get("time")),
        ),
        partial_liquidation=data.get("partial_liquidation", False),
        insurance_fund=_number(data.get("insurance_fund")),
        funding_along_path=data.get("funding_along_path", True),
    )


def _position_json(item: CasePosition) -> dict[str, Any]:
    return {
        "market": item.market,
        "side": item.side.value,
        "size": str(item.size),
        "entry_price": str(item.entry_price),
        "leverage": str(item.leverage),
        "margin_mode": item.margin_mode.value,
        "isolated_margin": _text(item.isolated_margin),
        "fees_paid": str(item.fees_paid),
        "funding_paid": str(item.funding_paid),
    }


def _position_from(data: Mapping[str, Any]) -> CasePosition:
    return CasePosition(
        market=data["market"],
        side=Side(data["side"]),
        size=Decimal(data["size"]),
        entry_price=Decimal(data["entry_price"]),
        leverage=Decimal(data["leverage"]),
        margin_mode=MarginMode(data["margin_mode"]),
        isolated_margin=_number(data.get("isolated_margin")),
        fees_paid=Decimal(data.get("fees_paid", "0")),
        funding_paid=Decimal(data.get("funding_paid", "0")),
    )


def _row_json(row: PriceRow) -> list[str | None]:
    return [row.time.isoformat(), row.market, str(row.mark), _text(row.last), _text(row.index)]


def _row_from(row: list[str | None]) -> PriceRow:
    time, market, mark, last, index = row
    return PriceRow(_time(time), market, Decimal(mark), _number(last), _number(index))


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _number(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _time(text: str | None) -> datetime | None:
    if text is None:
        return None
    parsed = datetime.fromisoformat(text)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
