"""Engine results as JSON-ready dicts, every Decimal as a plain decimal string.

Strings, not JSON numbers: a client's JSON parser would turn 45226.130653266331658… into a
binary float and quietly drop digits. The strings keep all of the engine's precision (40
significant digits, never rounded to ticks), drop only trailing zeros, and never use an
exponent.

A figure that has no value is null. A part of the answer that exists only because the request
asked for it is left out otherwise: derivations without "explain", and the replay's extended
fields (see `parsing.SimulateRequest.extended`) for a request that uses none of funding, the
clock, partial liquidation, the insurance fund or the object form of steps.
"""

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from explainer.engine import (
    MARKETS,
    Account,
    AccountResult,
    Derivation,
    EventKind,
    LiquidationEvent,
    Market,
    PositionResult,
    Replay,
    ReplayStep,
    Tier,
)

from .parsing import FieldError

MARKETS_NOTE = (
    "Illustrative numbers, shaped like the tier tables large exchanges publish; they are not "
    "Entry Finance's live risk limits."
)


def decimal(value: Decimal) -> str:
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def optional(value: Decimal | None) -> str | None:
    return None if value is None else decimal(value)


def evaluation(
    result: AccountResult, derivations: Sequence[tuple[Derivation, ...]] | None = None
) -> dict[str, Any]:
    positions = [position(item) for item in result.positions]
    if derivations is not None:
        for item, steps in zip(positions, derivations, strict=True):
            item["derivations"] = [derivation(step) for step in steps]
    return {"account": account(result), "positions": positions}


def account(result: AccountResult) -> dict[str, Any]:
    return {
        "wallet_balance": decimal(result.wallet_balance),
        "cross_wallet_balance": decimal(result.cross_wallet_balance),
        "cross_margin_balance": decimal(result.cross_margin_balance),
        "cross_maintenance_margin": decimal(result.cross_maintenance_margin),
        "margin_ratio": optional(result.margin_ratio),
        "available_balance": decimal(result.available_balance),
        "unrealized_pnl": decimal(result.unrealized_pnl),
    }


def position(result: PositionResult) -> dict[str, Any]:
    return {
        "id": result.id,
        "market": result.market,
        "side": result.side.value,
        "margin_mode": result.margin_mode.value,
        "notional": decimal(result.notional),
        "initial_margin": decimal(result.initial_margin),
        "maintenance_margin_rate": decimal(result.maintenance_margin_rate),
        "maintenance_amount": decimal(result.maintenance_amount),
        "maintenance_margin": decimal(result.maintenance_margin),
        "unrealized_pnl": decimal(result.unrealized_pnl),
        "liquidation_price": optional(result.liquidation_price),
        "bankruptcy_price": optional(result.bankruptcy_price),
        "max_loss": decimal(result.max_loss),
        "liquidated": result.liquidated,
        "adl_score": optional(result.adl_score),
    }


def derivation(step: Derivation) -> dict[str, Any]:
    return {
        "name": step.name,
        "label": step.label,
        "words": step.words,
        "formula": step.formula,
        "substituted": step.substituted,
        "value": optional(step.value),
    }


def simulation(replay: Replay, start: Account, *, extended: bool = False) -> dict[str, Any]:
    counts = {kind.value: 0 for kind in EventKind}
    for item in replay.events:
        counts[item.kind.value] += 1
    totals = {
        "initial_wallet_balance": decimal(start.wallet_balance),
        "final_wallet_balance": decimal(replay.final_wallet_balance),
        "realized_pnl": decimal(replay.realized_pnl),
        "fees": decimal(replay.fees),
        "insurance_fund": decimal(replay.insurance_fund),
        # Positions the liquidation engine closed: every event, before events had kinds.
        "liquidations": counts[EventKind.LIQUIDATION.value],
    }
    if extended:
        totals |= {
            "funding": decimal(replay.funding),
            "deleveraged": decimal(replay.deleveraged),
            "insurance_fund_balance": optional(replay.insurance_fund_balance),
            "event_counts": counts,
        }
    return {
        "events": [event(item, extended=extended) for item in replay.events],
        "steps": [step(item, extended=extended) for item in replay.steps],
        "totals": totals,
    }


def event(item: LiquidationEvent, *, extended: bool = False) -> dict[str, Any]:
    body = {
        "step": item.step,
        "position_id": item.position_id,
        "position_index": item.position_index,
        "market": item.market,
        "margin_mode": item.margin_mode.value,
        "mark_price": decimal(item.mark_price),
        "realized_pnl": decimal(item.realized_pnl),
        "loss": decimal(item.loss),
        "insurance_fund": decimal(item.insurance_fund),
        "fee": decimal(item.fee),
    }
    if extended:
        body |= {
            "kind": item.kind.value,
            "size": decimal(item.size),
            "remaining_size": decimal(item.remaining_size),
            "last_price": optional(item.last_price),
            "index_price": optional(item.index_price),
            "hours": optional(item.hours),
            "funding": decimal(item.funding),
            "deleveraged": decimal(item.deleveraged),
            "insurance_fund_balance": optional(item.insurance_fund_balance),
        }
    return body


def step(item: ReplayStep, *, extended: bool = False) -> dict[str, Any]:
    """The account after the step's events; only surviving positions have prices."""
    state = item.state
    body = {
        "step": item.step,
        "marks": {symbol: decimal(mark) for symbol, mark in item.marks.items()},
        "wallet_balance": decimal(item.wallet_balance),
        "cross_margin_balance": decimal(state.cross_margin_balance),
        "margin_ratio": optional(state.margin_ratio),
        "liquidation_prices": {p.id: optional(p.liquidation_price) for p in state.positions},
    }
    if extended:
        body |= {
            "hours": optional(item.hours),
            "quotes": {
                symbol: {"last": optional(quote.last), "index": optional(quote.index)}
                for symbol, quote in item.quotes.items()
            },
        }
    return body


def markets() -> dict[str, Any]:
    return {"note": MARKETS_NOTE, "markets": [market(item) for item in MARKETS.values()]}


def market(item: Market) -> dict[str, Any]:
    return {
        "symbol": item.symbol,
        "base": item.base,
        "tick_size": decimal(item.tick_size),
        "lot_size": decimal(item.lot_size),
        "max_leverage": decimal(item.max_leverage),
        "tiers": [tier(band) for band in item.tiers],
        "fees": {
            "maker": decimal(item.fees.maker),
            "taker": decimal(item.fees.taker),
            "liquidation": decimal(item.fees.liquidation),
        },
        "funding": {
            "rate": decimal(item.funding.rate),
            "interval_hours": decimal(item.funding.interval_hours),
        },
    }


def tier(band: Tier) -> dict[str, Any]:
    return {
        "floor": decimal(band.floor),
        "cap": optional(band.cap),
        "maintenance_margin_rate": decimal(band.maintenance_margin_rate),
        "maintenance_amount": decimal(band.maintenance_amount),
        "max_leverage": decimal(band.max_leverage),
    }


def errors(problems: Iterable[FieldError]) -> dict[str, Any]:
    return {"errors": [{"field": p.field, "message": p.message} for p in problems]}
