"""The explanations that apply to a diagnosed case, each with its evidence.

For every position the liquidation engine took, in the order it took them:
- mark, not last: the last traded price went past the liquidation price while the mark did
  not (a wick that liquidated nothing), or the mark got there while the last price did not;
- cross contagion: the position's liquidation price alone (same wallet, no other cross
  position) beside its price with the others, when they differ;
- fees and funding: what was paid, and the liquidation price had none of it been paid;
- a higher bracket: the maintenance tier at the liquidation price, and the price had the
  first tier's rate applied;
- partial liquidation: the cuts, then the rest;
- the insurance fund and ADL: what the fund paid past bankruptcy, what it could not, and
  who was auto-deleveraged;
- the leftover margin: what was left at the liquidation mark, the fee, the fund's share,
  the bankruptcy price.
A position never taken is checked for a wick too: the reassuring case support often needs.
"""

from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from .account import evaluate
from .decimals import ZERO, in_context
from .diagnosis import TAKEN, Diagnosis, Moment
from .events import Event, EventKind
from .markets import get_market
from .models import Account, MarginMode, Side


class Reason(StrEnum):
    MARK_NOT_LAST = "mark_not_last"
    CROSS_CONTAGION = "cross_contagion"
    FEES_AND_FUNDING = "fees_and_funding"
    HIGHER_BRACKET = "higher_bracket"
    PARTIAL = "partial_liquidation"
    INSURANCE_AND_ADL = "insurance_fund_and_adl"
    LEFTOVER = "leftover_margin"


@dataclass(frozen=True)
class Wick:
    reason = Reason.MARK_NOT_LAST
    position_id: str
    step: int
    hours: Decimal | None
    last: Decimal
    mark: Decimal
    liquidation_price: Decimal
    # True: the last price went past the liquidation price and the mark did not. False: the
    # mark got there (the position was taken) while the last price did not.
    last_crossed: bool


@dataclass(frozen=True)
class Contagion:
    reason = Reason.CROSS_CONTAGION
    position_id: str
    alone_price: Decimal | None  # None: alone, no price liquidates it
    with_others_price: Decimal | None
    own_pnl: Decimal
    others_pnl: Decimal  # the other cross positions' uPnL at the moment
    others: tuple[str, ...]


@dataclass(frozen=True)
class FeesAndFunding:
    reason = Reason.FEES_AND_FUNDING
    position_id: str
    fees: Decimal  # the fees that came out of what backs the position
    funding_before: Decimal  # funding paid before the path
    funding_along: Decimal  # funding paid on the path, up to the moment
    price_with: Decimal | None
    price_without: Decimal | None

    @property
    def total(self) -> Decimal:
        return self.fees + self.funding_before + self.funding_along


@dataclass(frozen=True)
class HigherBracket:
    reason = Reason.HIGHER_BRACKET
    position_id: str
    tier: int  # from 1
    rate: Decimal
    first_rate: Decimal
    notional: Decimal  # at the liquidation price
    price: Decimal | None
    price_first_tier: Decimal | None


@dataclass(frozen=True)
class Partial:
    reason = Reason.PARTIAL
    position_id: str
    cuts: tuple[Event, ...]
    rest: Event | None  # the liquidation of what was left, if it came


@dataclass(frozen=True)
class InsuranceAndAdl:
    reason = Reason.INSURANCE_AND_ADL
    position_id: str
    covered: Decimal  # what the insurance fund paid past bankruptcy
    deleveraged: Decimal  # what it could not, passed to ADL
    fund_balance: Decimal | None  # the fund after the liquidation
    adl: tuple[Event, ...]  # the positions auto-deleveraged afterwards
    together: tuple[str, ...] = ()  # a cross liquidation: every position closed with it


@dataclass(frozen=True)
class Leftover:
    reason = Reason.LEFTOVER
    position_id: str
    mark: Decimal
    liquidation_price: Decimal | None
    bankruptcy_price: Decimal | None
    backing: Decimal  # the margin (or share of the cross wallet) the trader gave up
    left: Decimal  # what was left of it at the mark: backing + PnL
    fee: Decimal
    to_fund: Decimal  # paid into the insurance fund (negative: it paid out)
    # A cross liquidation: every position closed with it; the amounts are the account's.
    together: tuple[str, ...] = ()


Finding = Wick | Contagion | FeesAndFunding | HigherBracket | Partial | InsuranceAndAdl | Leftover


@in_context
def findings(diagnosis: Diagnosis) -> tuple[Finding, ...]:
    found: list[Finding] = []
    for moment in diagnosis.moments:
        found.extend(_for_moment(diagnosis, moment))
    found = _once_per_cross_liquidation(found, diagnosis)
    taken = {moment.position_id for moment in diagnosis.moments}
    for position in diagnosis.opened.positions:
        if position.id not in taken and (wick := _wick(diagnosis, position.id, None)):
            found.append(wick)
    return tuple(found)


def _for_moment(diagnosis: Diagnosis, moment: Moment) -> list[Finding]:
    checks = (
        _wick(diagnosis, moment.position_id, moment),
        _contagion(moment),
        _fees_and_funding(diagnosis, moment),
        _higher_bracket(moment),
        _partial(diagnosis, moment),
        _insurance(diagnosis, moment),
        _leftover(diagnosis, moment),
    )
    return [finding for finding in checks if finding is not None]


def _once_per_cross_liquidation(found: list[Finding], diagnosis: Diagnosis) -> list[Finding]:
    """A cross liquidation closes the cross positions together: what was left, and what the
    fund paid, are the account's, told once (on the first position)."""
    told: set[int] = set()
    kept = []
    for finding in found:
        if isinstance(finding, Leftover | InsuranceAndAdl) and finding.together:
            step = diagnosis.moment_of(finding.position_id).event.step
            if step in told:
                continue
            told.add(step)
        kept.append(finding)
    return kept


def _together(diagnosis: Diagnosis, event: Event) -> list[Event]:
    """The liquidation events of the step that took `event`'s position with it: the cross
    positions closed at once, or the event alone."""
    if event.margin_mode != MarginMode.CROSS:
        return [event]
    return [
        e
        for e in diagnosis.replay.steps[event.step].events
        if e.margin_mode == MarginMode.CROSS and e.kind in TAKEN
    ]


def _past(side: Side, price: Decimal, limit: Decimal) -> bool:
    """Whether `price` is at or past the liquidation price `limit` for this side."""
    return price <= limit if side == Side.LONG else price >= limit


def _wick(diagnosis: Diagnosis, position_id: str, moment: Moment | None) -> Wick | None:
    position = next(p for p in diagnosis.opened.positions if p.id == position_id)
    steps = diagnosis.replay.steps
    if moment is not None and (missed := _mark_only(diagnosis, moment)) is not None:
        return missed
    end = moment.event.step if moment else len(steps)
    extreme = _most_adverse_last(diagnosis, position.market, position.side, end)
    if extreme is None:
        return None
    index, last = extreme
    state = steps[index].state
    result = next((r for r in state.positions if r.id == position_id), None)
    if result is None or result.liquidation_price is None:
        return None
    if not _past(position.side, last, result.liquidation_price):
        return None
    mark = steps[index].marks[position.market]
    return Wick(position_id, index, steps[index].hours, last, mark, result.liquidation_price, True)


def _mark_only(diagnosis: Diagnosis, moment: Moment) -> Wick | None:
    """The mark took the position while the last price stayed short of its price."""
    event = moment.event
    quote = diagnosis.replay.steps[event.step].quotes.get(event.market)
    price = moment.result.liquidation_price
    if quote is None or quote.last is None or price is None:
        return None
    if _past(moment.result.side, quote.last, price):
        return None
    return Wick(
        event.position_id, event.step, event.hours, quote.last, event.mark_price, price, False
    )


def _most_adverse_last(
    diagnosis: Diagnosis, market: str, side: Side, end: int
) -> tuple[int, Decimal] | None:
    best: tuple[int, Decimal] | None = None
    sign = side.sign
    for step in diagnosis.replay.steps[:end]:
        quote = step.quotes.get(market)
        if quote is None or quote.last is None:
            continue
        if best is None or sign * quote.last < sign * best[1]:
            best = (step.step, quote.last)
    return best


def _contagion(moment: Moment) -> Contagion | None:
    if moment.result.margin_mode != MarginMode.CROSS:
        return None
    account = moment.account
    others = [
        p
        for p in account.positions
        if p.margin_mode == MarginMode.CROSS and p.id != moment.position_id
    ]
    if not others:
        return None
    alone = replace(account, positions=tuple(p for p in account.positions if p not in others))
    alone_index = next(i for i, p in enumerate(alone.positions) if p.id == moment.position_id)
    alone_price = evaluate(alone).positions[alone_index].liquidation_price
    results = {r.id: r for r in evaluate(account).positions}
    if alone_price == moment.result.liquidation_price:
        return None
    return Contagion(
        moment.position_id,
        alone_price,
        moment.result.liquidation_price,
        moment.result.unrealized_pnl,
        sum((results[p.id].unrealized_pnl for p in others), ZERO),
        tuple(p.id for p in others),
    )


def _fees_and_funding(diagnosis: Diagnosis, moment: Moment) -> FeesAndFunding | None:
    paid = diagnosis.case.paid
    cross = moment.result.margin_mode == MarginMode.CROSS
    if cross:
        cross_ids = {p.id for p in diagnosis.opened.positions if p.margin_mode == MarginMode.CROSS}
        fees = sum((owed.fees for owed in paid.values()), ZERO)
        before = sum((paid[i].funding for i in cross_ids if i in paid), ZERO)
        along = sum(
            (diagnosis.funding_along(i, before_step=moment.event.step) for i in cross_ids), ZERO
        )
    else:
        fees = ZERO
        owed = paid.get(moment.position_id)
        before = owed.funding if owed else ZERO
        along = diagnosis.funding_along(moment.position_id, before_step=moment.event.step)
    total = fees + before + along
    if total <= 0:
        return None  # funding received helped the position: it ate nothing
    account = _given_back(moment, total, cross=cross)
    without = evaluate(account).positions[moment.index].liquidation_price
    return FeesAndFunding(
        moment.position_id, fees, before, along, moment.result.liquidation_price, without
    )


def _given_back(moment: Moment, amount: Decimal, *, cross: bool) -> Account:
    account = moment.account
    if cross:
        return replace(account, wallet_balance=account.wallet_balance + amount)
    position = moment.position
    margin = position.isolated_margin + amount
    if margin <= 0:
        margin = position.isolated_margin
    positions = list(account.positions)
    positions[moment.index] = replace(position, isolated_margin=margin)
    return replace(
        account, wallet_balance=account.wallet_balance + amount, positions=tuple(positions)
    )


def _higher_bracket(moment: Moment) -> HigherBracket | None:
    result = moment.result
    market = get_market(result.market)
    price = result.liquidation_price or moment.event.mark_price
    notional = result.size * price
    tier = market.tier_index(notional)
    if tier == 0:
        return None
    first = market.tiers[0].maintenance_margin_rate
    positions = list(moment.account.positions)
    positions[moment.index] = replace(
        moment.position, maintenance_margin_rate=first, maintenance_amount=ZERO
    )
    lower = evaluate(replace(moment.account, positions=tuple(positions)))
    return HigherBracket(
        moment.position_id,
        tier + 1,
        market.tiers[tier].maintenance_margin_rate,
        first,
        notional,
        result.liquidation_price,
        lower.positions[moment.index].liquidation_price,
    )


def _partial(diagnosis: Diagnosis, moment: Moment) -> Partial | None:
    events = diagnosis.events_of(moment.position_id)
    cuts = tuple(e for e in events if e.kind == EventKind.PARTIAL_LIQUIDATION)
    if not cuts:
        return None
    rest = next((e for e in events if e.kind == EventKind.LIQUIDATION), None)
    return Partial(moment.position_id, cuts, rest)


def _insurance(diagnosis: Diagnosis, moment: Moment) -> InsuranceAndAdl | None:
    taken = [e for e in diagnosis.events_of(moment.position_id) if e.kind in TAKEN]
    events = list({id(e): e for t in taken for e in _together(diagnosis, t)}.values())
    paid_in = sum((e.insurance_fund for e in events), ZERO)
    covered = -paid_in if paid_in < 0 else ZERO
    deleveraged = sum((e.deleveraged for e in events), ZERO)
    if covered == 0 and deleveraged == 0:
        return None
    last = max(events, key=lambda e: e.step)
    adl = tuple(
        e for e in diagnosis.replay.events if e.kind == EventKind.ADL and e.step >= last.step
    )
    return InsuranceAndAdl(
        moment.position_id,
        covered,
        deleveraged,
        last.insurance_fund_balance,
        adl,
        together=_ids(events) if len(_ids(events)) > 1 else (),
    )


def _ids(events: list[Event]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(e.position_id for e in events))


def _leftover(diagnosis: Diagnosis, moment: Moment) -> Leftover | None:
    event = next(
        (e for e in diagnosis.events_of(moment.position_id) if e.kind == EventKind.LIQUIDATION),
        None,
    )
    if event is None:
        return None
    result = moment.result if event is moment.event else diagnosis.moment_at(event).result
    events = [e for e in _together(diagnosis, event) if e.kind == EventKind.LIQUIDATION]
    backing = sum((e.loss for e in events), ZERO)
    return Leftover(
        moment.position_id,
        event.mark_price,
        result.liquidation_price,
        result.bankruptcy_price,
        backing,
        backing + sum((e.realized_pnl for e in events), ZERO),
        sum((e.fee for e in events), ZERO),
        sum((e.insurance_fund for e in events), ZERO),
        together=_ids(events) if len(events) > 1 else (),
    )
