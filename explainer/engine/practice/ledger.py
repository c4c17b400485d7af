"""Booking what a control or a step did: the ledger's sums and the Happenings."""

from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal

from ..decimals import EXACT, trimmed
from ..models import MarginMode
from .state import Happening, Ledger, Practice
from .trading import Fill


def booked(ledger: Ledger, **deltas: Decimal) -> Ledger:
    """The ledger with each named sum increased, exactly."""
    changes = {
        name: trimmed(EXACT.add(getattr(ledger, name), value)) for name, value in deltas.items()
    }
    return replace(ledger, **changes)


def happening(
    p: Practice,
    kind: str,
    done: Fill,
    market: str,
    margin_mode: MarginMode,
    size: Decimal,
    price: Decimal,
    detail: Mapping[str, Decimal | None],
    *,
    step: int | None = None,
    hours: Decimal | None = None,
    last: Decimal | None = None,
) -> Happening:
    """A fill's Happening: amount is the fill price."""
    return Happening(
        kind=kind,
        step=p.step if step is None else step,
        hours=p.hours if hours is None else hours,
        position_id=done.position_id,
        market=market,
        margin_mode=margin_mode,
        mark_price=p.marks[market],
        last_price=last,
        size=size,
        remaining_size=done.remaining_size,
        amount=price,
        detail=dict(detail),
        pauses=True,
    )
