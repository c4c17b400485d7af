"""A replay event as the practice account's Happenings (see `state.Happening` for the kinds)."""

from decimal import Decimal

from ..book import Book
from ..decimals import exact_sum
from ..events import EventKind, LiquidationEvent
from .state import Happening


def from_events(events: list[LiquidationEvent], book: Book, *, seen: bool) -> list[Happening]:
    """One step's events. Funding pauses only when none was seen on the path before. The
    fund's cover and what is passed to auto-deleveraging are reported once for the step, net
    of what the step's liquidations paid into the fund (a cross liquidation settles its
    positions one by one, and the fund may take from one what it gives to the next)."""
    found = []
    for event in events:
        pauses = event.kind is not EventKind.FUNDING or not seen
        found += from_event(event, book, pauses=pauses)
    liquidated = [event for event in events if event.kind is EventKind.LIQUIDATION]
    if liquidated:
        found += _cover(liquidated)
    return found


def from_event(event: LiquidationEvent, book: Book, *, pauses: bool) -> list[Happening]:
    term = book.terms[event.position_index]
    if event.kind is EventKind.FUNDING:
        rate, _ = book.rules.funding[event.market]
        detail = {
            "funding_rate": rate,
            "notional": term.size * event.mark_price,
            "margin": term.margin if term.isolated else None,
        }
        return [_happening(event, "funding", event.funding, detail, pauses=pauses)]
    if event.kind is EventKind.PARTIAL_LIQUIDATION:
        detail = {"realized_pnl": event.realized_pnl, "fee": event.fee}
        return [_happening(event, "partial_liquidation", event.fee, detail)]
    if event.kind is EventKind.ADL:
        detail = {"realized_pnl": event.realized_pnl}
        return [_happening(event, "adl", event.realized_pnl, detail)]
    detail = {
        "realized_pnl": event.realized_pnl,
        "fee": event.fee,
        "insurance_fund": event.insurance_fund,
        "insurance_fund_balance": event.insurance_fund_balance,
        "deleveraged": event.deleveraged,
    }
    return [_happening(event, "liquidation", event.loss, detail)]


def _cover(liquidated: list[LiquidationEvent]) -> list[Happening]:
    paid = exact_sum(event.insurance_fund for event in liquidated)
    passed = exact_sum(event.deleveraged for event in liquidated)
    last = liquidated[-1]
    found = []
    if paid < 0:
        fund = {"insurance_fund_balance": last.insurance_fund_balance, "shortfall": passed}
        found.append(_happening(last, "insurance_fund", -paid, fund))
    if passed > 0:
        found.append(_happening(last, "adl", passed, {"passed_on": passed}))
    return found


def _happening(
    event: LiquidationEvent,
    kind: str,
    amount: Decimal,
    detail: dict[str, Decimal | None],
    *,
    pauses: bool = True,
) -> Happening:
    return Happening(
        kind=kind,
        step=event.step,
        hours=event.hours,
        position_id=event.position_id,
        market=event.market,
        margin_mode=event.margin_mode,
        mark_price=event.mark_price,
        last_price=event.last_price,
        size=event.size,
        remaining_size=event.remaining_size,
        amount=amount,
        detail=detail,
        pauses=pauses,
    )
