"""The API's JSON schemas (OpenAPI 3.1 components). Their descriptions are the field
reference: the docs page builds its tables from them, so page and document cannot drift apart.
"""

from decimal import Decimal
from typing import Any

from django import forms

from explainer.engine import MARKETS, EventKind, PositionMode
from explainer.engine.bounds import LARGEST
from explainer.support import form_data, price_path
from explainer.support import forms as case_forms
from explainer.support.models import LINK_DAYS, MAX_LINK_DAYS

from . import numbers, parsing
from .serialize import MARKETS_NOTE


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _object(
    properties: dict[str, Any], *, optional: tuple[str, ...] = (), nullable: bool = False
) -> dict[str, Any]:
    """`nullable`: an input, where null in an optional field means the same as leaving it out."""
    if nullable:
        properties = {
            name: _or_null(prop) if name in optional else prop for name, prop in properties.items()
        }
    return {
        "type": "object",
        "properties": properties,
        "required": [name for name in properties if name not in optional],
        "additionalProperties": False,
    }


def _or_null(prop: dict[str, Any]) -> dict[str, Any]:
    described = {key: prop[key] for key in ("description", "default") if key in prop}
    schema = {key: value for key, value in prop.items() if key not in described}
    return {"anyOf": [schema, {"type": "null"}], **described}


def _with(schema: dict[str, Any], description: str, **extra: Any) -> dict[str, Any]:
    return {**schema, "description": description, **extra}


def _typed(kind: str | list[str], description: str, **extra: Any) -> dict[str, Any]:
    return {"type": kind, "description": description, **extra}


def _list(item: str, description: str, **extra: Any) -> dict[str, Any]:
    return {"type": "array", "items": ref(item), "description": description, **extra}


_POSITIVE = ref("PositiveDecimal")
_NON_NEGATIVE = ref("NonNegativeDecimal")
_RATE = ref("Rate")
_FUNDING_RATE = ref("FundingRate")
_LEVERAGE = ref("Leverage")
_OUT = ref("Decimal")
_OUT_OR_NULL = ref("DecimalOrNull")
_MARKET = _typed("string", "The market.", enum=list(MARKETS))
_SIDE = _typed("string", "long or short.", enum=["long", "short"])
_MODE = _typed("string", "isolated or cross.", enum=["isolated", "cross"])
_STEP = _typed("integer", "Index of the path step (0 is the first).")
_MARKET_KEYS = {"enum": list(MARKETS)}
_ID_TEXT = {"type": "string", "minLength": 1, "maxLength": parsing.MAX_ID_LENGTH}
_DECIMAL_TEXT = r"^-?\d+(\.\d+)?$"

POSITION = _object(
    {
        "id": _typed(
            "string",
            "Your name for the position, echoed back; unique within the account. Default: "
            'the position\'s index in the list ("0", "1", …).',
            minLength=1,
            maxLength=parsing.MAX_ID_LENGTH,
        ),
        "market": _MARKET
        | {"default": parsing.DEFAULT_MARKET, "description": f"Default: {parsing.DEFAULT_MARKET}."},
        "side": _SIDE,
        "size": _with(_POSITIVE, "Size in the base asset (BTC for BTC-PERP); greater than 0."),
        "entry_price": _with(_POSITIVE, "Average entry price in USDC; greater than 0."),
        "mark_price": _with(
            _POSITIVE, "Mark price in USDC; greater than 0. Default: the entry price."
        ),
        "leverage": _with(
            _LEVERAGE,
            "At least 1 and at most the market's maximum, which is lower for big positions "
            "(the tier of the notional at entry; see /markets).",
        ),
        "margin_mode": _MODE
        | {
            "description": "isolated (the position can lose only its own margin) or cross "
            "(it shares the cross wallet with the other cross positions)."
        },
        "isolated_margin": _with(
            _POSITIVE,
            "Isolated positions only (an error on a cross one): the margin allocated to it, "
            "greater than 0. Default: the initial margin, size × entry price / leverage.",
        ),
        "maintenance_margin_rate": _with(
            _RATE,
            "A fraction from 0 up to (not including) 1: 0.005 is 0.5 %. Default: the rate of the "
            "market's tier for the notional at mark.",
        ),
        "maintenance_amount": _with(
            _NON_NEGATIVE,
            "USDC subtracted from notional × rate; 0 or more. Default: the tier's amount, or 0 "
            "when maintenance_margin_rate is given.",
        ),
    },
    optional=("id", "market", "mark_price", "isolated_margin", "maintenance_margin_rate")
    + ("maintenance_amount",),
    nullable=True,
)


def _when(field: str, value: str, then: dict[str, Any]) -> dict[str, Any]:
    return {
        "if": {"properties": {field: {"const": value}}, "required": [field]},
        "then": {"properties": then},
    }


# What one position's own fields rule out: a market's lower leverage cap, and isolated_margin
# on a cross position (null there means "not given").
POSITION["allOf"] = [
    _when("margin_mode", "cross", {"isolated_margin": {"type": "null"}}),
    *(
        _when("market", symbol, {"leverage": numbers.leverage_up_to(cap).json_schema()})
        for symbol, cap in ((m.symbol, m.max_leverage) for m in MARKETS.values())
        if cap < numbers.MAX_LEVERAGE
    ),
]
_ACCOUNT = {
    "wallet_balance": _with(
        _NON_NEGATIVE,
        "Everything in the derivatives account in USDC, isolated margins included; 0 or more.",
    ),
    "positions": _list(
        "Position",
        f"1 to {parsing.MAX_POSITIONS} positions; the answer keeps their order.",
        minItems=1,
        maxItems=parsing.MAX_POSITIONS,
    ),
    "position_mode": _typed(
        "string",
        "one_way: one position per market. hedge: one long and one short per market, held side "
        "by side and sharing the market's one mark price (a position without mark_price is "
        "marked at its entry price). A position the mode does not allow is refused, the error "
        f"naming its market (e.g. positions[1].market). Default: {parsing.DEFAULT_POSITION_MODE}.",
        enum=[mode.value for mode in PositionMode],
        default=parsing.DEFAULT_POSITION_MODE.value,
    ),
    "reserve_closing_fee": _typed(
        "boolean",
        "Reserve the taker fee of closing each position (size × price × the taker rate) in its "
        "liquidation and bankruptcy prices, as OKX and Gate do: the position is liquidated "
        "while enough is left to pay for closing it, so both prices move towards the mark. "
        "Default: false.",
        default=False,
    ),
    "fee_rates": {
        "type": "object",
        "propertyNames": _MARKET_KEYS,
        "additionalProperties": _or_null(ref("FeeRates")),
        "description": 'Your fee rates by market, e.g. {"BTC-PERP": {"taker": "0.0004"}}, '
        "instead of the market's illustrative ones (see /markets). A rate left out, or null, is "
        "the market's; so is every rate of a market left out or null. The taker rate is what "
        "reserve_closing_fee reserves; the liquidation rate is what simulate charges when "
        'liquidation_fee_rate is "market". Default: the markets\' rates.',
    },
}
_ACCOUNT_OPTIONAL = ("position_mode", "reserve_closing_fee", "fee_rates")
FEE_RATES = _object(
    {
        "maker": _with(
            _RATE,
            "For an order that rests on the book. No figure of evaluate or simulate uses it: "
            "neither opens a position.",
        ),
        "taker": _with(_RATE, "For an order that takes liquidity, such as closing at the mark."),
        "liquidation": _with(_RATE, "Charged on what the liquidation engine closes."),
    },
    optional=("maker", "taker", "liquidation"),
    nullable=True,
)
FEE_RATES["description"] = (
    "A market's fee rates, each a fraction of the notional traded from 0 up to (not including) "
    "1: 0.0005 is 0.05 %. A rate left out, or null, is the market's own."
)
EVALUATE_REQUEST = _object(
    {
        **_ACCOUNT,
        "explain": _typed(
            "boolean",
            "Add each position's derivations (words, formula, the formula with the numbers, "
            "value) to the answer. Default: false.",
            default=False,
        ),
    },
    optional=(*_ACCOUNT_OPTIONAL, "explain"),
    nullable=True,
)
_PRICES = {
    "type": "object",
    "propertyNames": _MARKET_KEYS,
    "additionalProperties": {"anyOf": [_POSITIVE, ref("Quote")]},
    "description": 'The markets that move, each with its mark price ("52000") or a quote with '
    'the last traded and index prices beside it ({"mark": "52000", "last": "51000"}). May be '
    "{} for a step that only passes time or deleverages.",
}
PATH_STEP = _object(
    {
        "prices": _PRICES,
        "hours": _with(
            _NON_NEGATIVE,
            "Hours since the start (the account as sent); 0 or more, and never earlier than the "
            "step before. Default: the step's index × hours_per_step, or no clock without it.",
        ),
        "deleverage": {
            "type": "array",
            "items": _ID_TEXT,
            "maxItems": parsing.MAX_POSITIONS,
            "uniqueItems": True,
            "description": "Ids of positions the exchange auto-deleverages at this step, because "
            "a liquidation elsewhere went past what the insurance fund held: each is closed at "
            "the mark with its profit realised and no fee (an event of kind adl). Each must be "
            "open and in profit at the step's marks, or the answer is a 400 naming "
            "path[n].deleverage. Default: none.",
        },
    },
    optional=("hours", "deleverage"),
    nullable=True,
)
PATH_STEP["description"] = (
    'A step in the object form: "prices" (no market is named prices), and what else happens '
    "at the step."
)
QUOTE = _object(
    {
        "mark": _with(_POSITIVE, "Mark price: the only price that decides liquidation."),
        "last": _with(_POSITIVE, "Last traded price, carried into the events and steps only."),
        "index": _with(
            _POSITIVE, "Index price (the spot average the mark follows), carried likewise."
        ),
    },
    optional=("last", "index"),
    nullable=True,
)
QUOTE["description"] = "One market's prices at one step."
_MARK_STEP = {
    "type": "object",
    "minProperties": 1,
    "propertyNames": _MARKET_KEYS,
    "additionalProperties": _POSITIVE,
    "description": 'New mark prices by market, e.g. {"BTC-PERP": "52000"}.',
}
SIMULATE_REQUEST = _object(
    {
        **_ACCOUNT,
        "path": {
            "type": "array",
            "minItems": 1,
            "maxItems": parsing.MAX_STEPS,
            "items": {"anyOf": [_MARK_STEP, ref("PathStep")]},
            "description": f"1 to {parsing.MAX_STEPS:,} steps (as many as fit in the body). A "
            'step is an object of new mark prices by market, e.g. {"BTC-PERP": "52000", '
            '"ETH-PERP": "3000"}, or an object with "prices" (see PathStep) that may also give '
            "the step's last and index prices, hours and positions to deleverage. A market a "
            "step does not name keeps its mark.",
        },
        "liquidation_fee_rate": {
            "anyOf": [_RATE, {"type": "string", "const": parsing.MARKET_FEE}],
            "description": "Fee on the notional the liquidation engine closes (a liquidation or "
            "a partial one), a fraction below 1, never more than what is left above bankruptcy; "
            f'or "{parsing.MARKET_FEE}": each market\'s own liquidation rate (see /markets), or '
            "the one fee_rates gives. Default: 0. (null means the default, 0, as it always has.)",
            "default": "0",
        },
        "funding_rates": {
            "type": "object",
            "propertyNames": _MARKET_KEYS,
            "additionalProperties": _or_null(_FUNDING_RATE),
            "description": "Charge funding: at each funding time the clock passes, every "
            "position in a market the account holds pays s × size × mark × rate (s = +1 long, "
            "−1 short; a negative payment is received), from an isolated position's margin or "
            'from the cross wallet. Rates by market, e.g. {"BTC-PERP": "0.0001", "ETH-PERP": '
            '"-0.0002"}; a market left out, or null, funds at its default rate (see /markets), '
            "so {} funds every market at its default. Needs a clock: hours_per_step, or hours "
            f"on every step; at most {parsing.MAX_FUNDING_PAYMENTS:,} payments (positions × "
            "funding times) per replay. Default: null, no funding.",
        },
        "funding_interval_hours": _with(
            _POSITIVE,
            "Hours between funding times, for every market; the first falls at this many hours "
            "after the start. Used only with funding_rates. Default: each market's own (see "
            "/markets).",
        ),
        "hours_per_step": _with(
            _POSITIVE,
            "The path's clock: step n is at n × hours_per_step hours since the start (step 0 "
            "at 0), unless it gives its own hours. Default: null, no clock.",
        ),
        "insurance_fund": _with(
            _NON_NEGATIVE,
            "The insurance fund's balance at the start, USDC. It pays for losses past "
            "bankruptcy as far as it goes; the rest is deleveraged (borne by profitable "
            "traders on the other side: the event's deleveraged). Default: null, a fund that "
            "never runs out.",
        ),
        "partial_liquidation": _typed(
            "boolean",
            "Before closing a liquidated position whose notional is above its market's first "
            "tier, cut it at the mark to the largest size (on the market's lot size) whose "
            "notional falls in the tier below, a tier at a time, until what is left is healthy: "
            "each cut is an event of kind partial_liquidation, its PnL and fee taken from the "
            "position's margin. Cross positions are cut largest maintenance margin first. "
            "Default: false, liquidation closes the whole position.",
            default=False,
        ),
    },
    optional=(*_ACCOUNT_OPTIONAL, "liquidation_fee_rate", "funding_rates")
    + ("funding_interval_hours", "hours_per_step", "insurance_fund", "partial_liquidation"),
    nullable=True,
)
# Funding needs a clock: with funding_rates and no hours_per_step, every step gives its hours.
SIMULATE_REQUEST["allOf"] = [
    {
        "if": {
            "properties": {"funding_rates": {"type": "object"}, "hours_per_step": {"type": "null"}},
            "required": ["funding_rates"],
        },
        "then": {
            "properties": {
                "path": {
                    "items": {
                        "required": ["prices", "hours"],
                        "properties": {"hours": {"not": {"type": "null"}}},
                    }
                }
            }
        },
    }
]

ACCOUNT_FIGURES = _object(
    {
        "wallet_balance": _with(_OUT, "The wallet balance sent."),
        "cross_wallet_balance": _with(_OUT, "Wallet balance − Σ isolated margins."),
        "cross_margin_balance": _with(_OUT, "Cross wallet balance + Σ uPnL of cross positions."),
        "cross_maintenance_margin": _with(_OUT, "Σ maintenance margin of cross positions."),
        "margin_ratio": _with(
            _OUT_OR_NULL,
            "Cross maintenance margin / cross margin balance; cross positions are liquidated at "
            "1. null without cross positions or when the cross margin balance is 0 or below.",
        ),
        "available_balance": _with(
            _OUT, "max(0, cross margin balance − Σ initial margin of cross positions)."
        ),
        "unrealized_pnl": _with(_OUT, "Σ uPnL of all positions."),
    }
)
POSITION_FIGURES = _object(
    {
        "id": _typed("string", "The id sent, or the position's index."),
        "market": _MARKET,
        "side": _SIDE,
        "margin_mode": _MODE,
        "notional": _with(_OUT, "Size × mark price."),
        "initial_margin": _with(_OUT, "Size × entry price / leverage."),
        "maintenance_margin_rate": _with(_OUT, "The rate used: the one sent, or the tier's."),
        "maintenance_amount": _with(_OUT, "The amount used: the one sent, or the tier's."),
        "maintenance_margin": _with(_OUT, "Notional × rate − amount."),
        "unrealized_pnl": _with(_OUT, "s × size × (mark − entry), s = +1 long, −1 short."),
        "liquidation_price": _with(
            _OUT_OR_NULL,
            "Mark price at which the position is liquidated, at full precision (not rounded to "
            "the tick). null when no positive price liquidates it.",
        ),
        "bankruptcy_price": _with(
            _OUT_OR_NULL, "Mark price at which its backing margin is used up; null when none."
        ),
        "max_loss": _with(_OUT, "The most the trader can lose on it before bankruptcy."),
        "liquidated": _typed("boolean", "Whether it is already liquidated at the mark price."),
        "adl_score": _with(
            _OUT_OR_NULL,
            "Auto-deleveraging rank, as BitMEX publishes it: PnL ratio s × (mark − entry) / "
            "entry, times the effective leverage notional / equity when in profit, divided by "
            "it otherwise (equity: what backs the position + uPnL; a hedged pair's is the "
            "pair's). The higher, the sooner an exchange's ADL queue would close it. null when "
            "the equity is 0 or less.",
        ),
        "derivations": _list(
            "Derivation",
            'Only with "explain": true: how each figure of the position and of the account is '
            "worked out.",
        ),
    },
    optional=("derivations",),
)
DERIVATION = _object(
    {
        "name": _typed("string", 'The figure, e.g. "liquidation_price".'),
        "label": _typed("string", "Its name for people."),
        "words": _typed("string", "What it means, in plain words."),
        "formula": _typed("string", "The formula in symbols."),
        "substituted": _typed("string", "The formula with the numbers."),
        "value": _with(_OUT_OR_NULL, "The result."),
    }
)
EXTENDED_ANSWER = (
    "A request that uses funding_rates, hours_per_step, insurance_fund, partial_liquidation: "
    "true or a step in the object form gets an extended answer: every event, step and the "
    "totals carry the fields marked extended, each on every item, null where there is no such "
    "value. A request that uses none of them gets the answer it got before they existed."
)
_EXTENDED = "Extended answer only."
EVENT = _object(
    {
        "step": _STEP,
        "position_id": _typed("string", "The position's id."),
        "position_index": _typed("integer", "Its index in positions."),
        "market": _MARKET,
        "margin_mode": _MODE,
        "mark_price": _with(_OUT, "The mark at the event: what it was closed at, or funded at."),
        "realized_pnl": _with(_OUT, "s × size closed × (mark − entry), realised; 0 for funding."),
        "loss": _with(
            _OUT,
            "What the trader gave up in a liquidation: the isolated margin or the cross share; "
            "0 for the other kinds.",
        ),
        "insurance_fund": _with(
            _OUT, "Paid to the insurance fund; negative when it covered a gap."
        ),
        "fee": _with(_OUT, "The liquidation fee charged on what was closed."),
        "kind": _typed(
            "string",
            "funding: a funding payment. partial_liquidation: the liquidation engine cut the "
            "position into a lower tier and the rest stays open. liquidation: it closed the "
            "(rest of the) position. adl: the position was auto-deleveraged, closed at the "
            f"mark with its profit realised and no fee. {_EXTENDED}",
            enum=[kind.value for kind in EventKind],
        ),
        "size": _with(_OUT, f"The size closed; 0 for funding. {_EXTENDED}"),
        "remaining_size": _with(_OUT, f"The size left open after the event. {_EXTENDED}"),
        "last_price": _with(
            _OUT_OR_NULL,
            f"The market's last traded price at the step; null when not given. {_EXTENDED}",
        ),
        "index_price": _with(
            _OUT_OR_NULL, f"The market's index price at the step; null when not given. {_EXTENDED}"
        ),
        "hours": _with(_OUT_OR_NULL, f"Hours since the start; null without a clock. {_EXTENDED}"),
        "funding": _with(
            _OUT, f"Funding paid at this event (negative: received); 0 otherwise. {_EXTENDED}"
        ),
        "deleveraged": _with(
            _OUT,
            "The part of a loss past bankruptcy the insurance fund could not cover, passed to "
            f"auto-deleveraging of profitable traders on the other side. {_EXTENDED}",
        ),
        "insurance_fund_balance": _with(
            _OUT_OR_NULL,
            "The insurance fund's balance after the event; null when it never runs out (no "
            f"insurance_fund sent). {_EXTENDED}",
        ),
    },
    optional=("kind", "size", "remaining_size", "last_price", "index_price", "hours")
    + ("funding", "deleveraged", "insurance_fund_balance"),
)
QUOTE_FIGURES = _object(
    {
        "last": _with(_OUT_OR_NULL, "Last traded price; null when the step gave none."),
        "index": _with(_OUT_OR_NULL, "Index price; null when the step gave none."),
    }
)
STEP = _object(
    {
        "step": _STEP,
        "marks": _typed("object", "Every market's mark after the step.", additionalProperties=_OUT),
        "wallet_balance": _with(_OUT, "Wallet balance after the step's events."),
        "cross_margin_balance": _with(_OUT, "Cross margin balance after them."),
        "margin_ratio": _with(_OUT_OR_NULL, "Margin ratio after them (null: as in evaluate)."),
        "liquidation_prices": _typed(
            "object",
            "Liquidation price of each position still open, by id.",
            additionalProperties=_OUT_OR_NULL,
        ),
        "hours": _with(_OUT_OR_NULL, f"Hours since the start; null without a clock. {_EXTENDED}"),
        "quotes": _typed(
            "object",
            "The last and index prices the step gave, by market; only the markets it gave them "
            f"for. {_EXTENDED}",
            additionalProperties=ref("QuoteFigures"),
        ),
    },
    optional=("hours", "quotes"),
)
_EVENT_COUNTS = _object(
    {kind.value: _typed("integer", f"Events of kind {kind.value}.") for kind in EventKind}
)
TOTALS = _object(
    {
        "initial_wallet_balance": _with(_OUT, "The wallet balance sent."),
        "final_wallet_balance": _with(
            _OUT,
            "Initial wallet + realised PnL − fees − funding − insurance fund + deleveraged, to "
            "the last digit.",
        ),
        "realized_pnl": _with(_OUT, "Σ realised PnL of the events."),
        "fees": _with(_OUT, "Σ liquidation fees."),
        "insurance_fund": _with(_OUT, "Σ paid to (or, if negative, by) the insurance fund."),
        "liquidations": _typed(
            "integer",
            "How many positions the liquidation engine closed (events of kind liquidation; "
            "cuts, funding and ADL are counted in event_counts).",
        ),
        "funding": _with(_OUT, f"Σ funding paid (negative: received). {_EXTENDED}"),
        "deleveraged": _with(
            _OUT, f"Σ losses the insurance fund could not cover, deleveraged. {_EXTENDED}"
        ),
        "insurance_fund_balance": _with(
            _OUT_OR_NULL,
            "The insurance fund's balance at the end: insurance_fund sent + Σ paid to it; null "
            f"when it never runs out. {_EXTENDED}",
        ),
        "event_counts": {
            **_EVENT_COUNTS,
            "description": f"How many events of each kind. {_EXTENDED}",
        },
    },
    optional=("funding", "deleveraged", "insurance_fund_balance", "event_counts"),
)
TIER = _object(
    {
        "floor": _with(_OUT, "Lowest notional of the tier (inclusive), USDC."),
        "cap": _with(_OUT_OR_NULL, "Notional where the next tier starts; null for the last."),
        "maintenance_margin_rate": _with(_OUT, "Maintenance margin rate."),
        "maintenance_amount": _with(_OUT, "Maintenance amount, keeping MM continuous."),
        "max_leverage": _with(_OUT, "Highest leverage allowed in the tier."),
    }
)
MARKET = _object(
    {
        "symbol": _typed("string", 'e.g. "BTC-PERP".'),
        "base": _typed("string", 'The base asset, e.g. "BTC".'),
        "tick_size": _with(_OUT, "Price step, for display only."),
        "lot_size": _with(_OUT, "Size step, for display only."),
        "max_leverage": _with(_OUT, "Highest leverage (of the first tier)."),
        "tiers": _list("Tier", "By notional, lowest first."),
        "fees": _with(ref("MarketFees"), "Fee rates, fractions of the notional traded."),
        "funding": _with(ref("MarketFunding"), "Funding terms."),
    }
)
MARKET_FEES = _object(
    {
        "maker": _with(_OUT, "For an order that rests on the book: 0.0002 is 0.02 %."),
        "taker": _with(
            _OUT, "For an order that takes liquidity; what reserve_closing_fee reserves."
        ),
        "liquidation": _with(
            _OUT, 'Charged on what the liquidation engine closes (liquidation_fee_rate "market").'
        ),
    }
)
MARKET_FUNDING = _object(
    {
        "rate": _with(
            _OUT,
            "Default rate per interval, 0.0001 is 0.01 %; positive: longs pay shorts. What a "
            "market left out of funding_rates pays.",
        ),
        "interval_hours": _with(_OUT, "Hours between funding times."),
    }
)
FIELD_ERROR = _object(
    {
        "field": _typed(
            ["string", "null"],
            'Path of the bad field, e.g. "positions[0].leverage"; null when the problem is the '
            "body (or the account) as a whole.",
        ),
        "message": _typed("string", "What is wrong, for people."),
    }
)


def _number(kind: numbers.Kind, bounds: str) -> dict[str, Any]:
    plainly = (
        '"-0.0001" (a minus sign but no plus sign, no exponent or leading zero'
        if kind.low < 0
        else '"1250.5" (no sign, exponent or leading zero'
    )
    return kind.json_schema() | {
        "description": f"{bounds} A JSON number, read as an exact decimal (never a binary "
        "float; non-zero values at least 1e-18 in size), or a decimal string written plainly, "
        f"such as {plainly}; at most {numbers.MAX_PLACES} decimal places). A JSON true is not "
        "a number."
    }


SCHEMAS: dict[str, dict[str, Any]] = {
    "PositiveDecimal": _number(numbers.POSITIVE, "Greater than 0, at most 1e15."),
    "NonNegativeDecimal": _number(numbers.NON_NEGATIVE, "0 or more, at most 1e15."),
    "Rate": _number(numbers.RATE, "A fraction from 0 up to, not including, 1: 0.005 is 0.5 %."),
    "FundingRate": _number(
        numbers.FUNDING_RATE,
        f"A funding rate per interval, from -{numbers.MAX_FUNDING_RATE:f} to "
        f"{numbers.MAX_FUNDING_RATE:f}: 0.0001 is 0.01 %; positive: longs pay shorts, "
        "negative: shorts pay longs.",
    ),
    "Leverage": _number(
        numbers.LEVERAGE,
        f"From 1 to {numbers.MAX_LEVERAGE:f}; each market and tier caps it lower (see /markets).",
    ),
    "Decimal": _typed(
        "string", "A decimal at the engine's full precision, no exponent.", pattern=_DECIMAL_TEXT
    ),
    "DecimalOrNull": _typed(["string", "null"], "A decimal, or null.", pattern=_DECIMAL_TEXT),
    "Position": POSITION,
    "FeeRates": FEE_RATES,
    "EvaluateRequest": EVALUATE_REQUEST,
    "PathStep": PATH_STEP,
    "Quote": QUOTE,
    "SimulateRequest": SIMULATE_REQUEST,
    "AccountFigures": ACCOUNT_FIGURES,
    "PositionFigures": POSITION_FIGURES,
    "Derivation": DERIVATION,
    "EvaluateResponse": _object(
        {
            "account": ref("AccountFigures"),
            "positions": _list("PositionFigures", "In request order."),
        }
    ),
    "LiquidationEvent": EVENT,
    "QuoteFigures": QUOTE_FIGURES,
    "SimulationStep": STEP,
    "SimulationTotals": TOTALS,
    "SimulateResponse": _object(
        {
            "events": _list(
                "LiquidationEvent",
                "Each event in order: liquidations, and in an extended answer funding, partial "
                "liquidations and ADL too.",
            ),
            "steps": _list("SimulationStep", "The account after each step."),
            "totals": ref("SimulationTotals"),
        }
    )
    | {"description": EXTENDED_ANSWER},
    "Tier": TIER,
    "Market": MARKET,
    "MarketFees": MARKET_FEES,
    "MarketFunding": MARKET_FUNDING,
    "MarketsResponse": _object(
        {"note": _typed("string", MARKETS_NOTE), "markets": _list("Market", "Every market.")}
    ),
    "FieldError": FIELD_ERROR,
    "ErrorBody": _object({"errors": _list("FieldError", "At least one.", minItems=1)}),
}


# POST /cases: the staff form's fields as JSON. The bounds are read off the form's own fields
# (support.forms), which check the body, so the document and the check cannot drift apart.


def _form_number(field: forms.DecimalField, description: str) -> dict[str, Any]:
    """A JSON number within the field's bounds, or a decimal string ("64250.5", "64,250.5")
    that the form reads the same way."""
    number: dict[str, Any] = {"type": "number", "maximum": float(field.max_value)}
    if field.min_value is None:  # the form's "more than 0"
        number["exclusiveMinimum"] = 0
        low = "More than 0"
    else:
        number["minimum"] = float(field.min_value)
        low = f"From {_words(field.min_value)}"
    bounds = f"{low}, at most {_words(field.max_value)}."
    return {
        "anyOf": [number, {"type": "string", "minLength": 1}],
        "description": f"{description} {bounds}",
    }


def _words(bound: Decimal) -> str:
    return "1e15" if bound == LARGEST else "-1e15" if bound == -LARGEST else f"{bound:f}"


def _case_position() -> dict[str, Any]:
    fields = case_forms.PositionForm.base_fields
    schema = _object(
        {
            "market": _MARKET,
            "side": _SIDE,
            "size": _form_number(fields["size"], "Size in the market's coin (BTC for BTC-PERP)."),
            "entry_price": _form_number(fields["entry_price"], "Average entry price, USDC."),
            "leverage": _form_number(
                fields["leverage"], "Leverage; each market and tier caps it lower (see /markets)."
            ),
            "margin_mode": _MODE,
            "isolated_margin": _form_number(
                fields["isolated_margin"],
                "Isolated positions only: the margin allocated, USDC, if margin was added or "
                "removed. Default: the initial margin, size × entry price / leverage.",
            ),
            "fees_paid": _form_number(
                fields["fees_paid"], "Trading fees already paid for the position, USDC. Default: 0."
            ),
            "funding_paid": _form_number(
                fields["funding_paid"],
                "Net funding already paid, USDC; negative if it was received. Default: 0.",
            ),
        },
        optional=("isolated_margin", "fees_paid", "funding_paid"),
        nullable=True,
    )
    schema["description"] = "One of the customer's positions, as the exchange shows it."
    return schema


def _case_request() -> dict[str, Any]:
    form = case_forms.CaseForm.base_fields
    days = f"1 to {MAX_LINK_DAYS}"
    schema = _object(
        {
            "ticket_reference": _typed(
                "string",
                "The help-desk ticket, e.g. ZD-1042; only staff see it. Never the customer's "
                "name, e-mail or account id. Default: none.",
                maxLength=form["ticket_reference"].max_length,
            ),
            "wallet_balance": _form_number(
                form["wallet_balance"],
                "The wallet balance in USDC before the fees and funding of the positions were "
                "paid, isolated margins included, unrealised PnL not.",
            ),
            "position_mode": _typed(
                "string",
                "one_way: one position per market. hedge: a long and a short may be held side "
                "by side in one market. Default: one_way.",
                enum=[mode.value for mode in PositionMode],
                default=PositionMode.ONE_WAY.value,
            ),
            "positions": _list(
                "CasePosition",
                f"1 to {form_data.MAX_POSITIONS} positions. Errors name them from 0, as "
                "positions[0].size; reported.position counts them from 1.",
                minItems=1,
                maxItems=form_data.MAX_POSITIONS,
            ),
            "marks": {
                "type": "object",
                "propertyNames": _MARKET_KEYS,
                "additionalProperties": _form_number(
                    form[form_data.mark_name("BTC-PERP")], "The mark price."
                ),
                "description": "How the market moved, the short way: each market's mark price "
                'at the moment of liquidation, e.g. {"BTC-PERP": "52000"}, for every market a '
                "position is held in. Each is walked in a straight line from its entry. Give "
                "this or path_csv, not both.",
            },
            "path_csv": _typed(
                "string",
                "How the market moved, over time: CSV text with a header line naming its "
                "columns, time, market and mark, and optionally last and index (the last traded "
                "and index prices), then a row per market and time, e.g. "
                '"time,market,mark\\n2026-11-20T14:00:00Z,BTC-PERP,64250.5\\n". Up to '
                f"{price_path.MAX_ROWS:,} rows and {price_path.MAX_BYTES // 2**20} MB; every "
                "market held needs its prices, and no other market may appear. Each mistake "
                'is an error of its own, naming the row and column: "Row 14, mark: …". Give '
                "this or marks, not both.",
            ),
            "reported": _with(
                ref("CaseReported"),
                "What the exchange reported, to set beside what the engine computes. Default: "
                "nothing.",
            ),
            "partial_liquidation": _typed(
                "boolean",
                "Cut large positions into a lower bracket first, as big exchanges do, and close "
                "them only if that is not enough. Default: false.",
                default=False,
            ),
            "insurance_fund": _form_number(
                form["insurance_fund"],
                "The insurance fund's balance at the start, USDC. Default: a fund that never "
                "runs out; a small balance shows auto-deleveraging once it does.",
            ),
            "funding_along_path": _typed(
                "boolean",
                "Charge each market's default funding at each funding time the price path "
                "passes (a path only). Default: true.",
                default=True,
            ),
            "link_days": _typed(
                "integer",
                f"How many days the customer link works: {days}. Default: {LINK_DAYS}.",
                minimum=1,
                maximum=MAX_LINK_DAYS,
                default=LINK_DAYS,
            ),
        },
        optional=("ticket_reference", "position_mode", "marks", "path_csv", "reported")
        + ("partial_liquidation", "insurance_fund", "funding_along_path", "link_days"),
        nullable=True,
    )
    schema["description"] = (
        "A support case: the customer's account and positions, how the market moved (marks or "
        "path_csv) and, optionally, what the exchange reported. Checked exactly as the staff "
        "form checks it, the engine's rules included; nothing is saved unless all of it is valid."
    )
    return schema


def _case_reported() -> dict[str, Any]:
    form = case_forms.CaseForm.base_fields
    schema = _object(
        {
            "position": _typed(
                "integer",
                "The position the exchange liquidated, counted from 1 in positions.",
                minimum=1,
                maximum=form_data.MAX_POSITIONS,
            ),
            "price": _form_number(
                form["reported_price"], "The mark price the exchange says it liquidated at."
            ),
            "time": _typed(
                "string",
                "When the exchange says it happened, ISO 8601, e.g. 2026-11-20T14:05:00Z (UTC "
                "unless it gives an offset). Only with path_csv, and not before its first row.",
                maxLength=form["reported_time"].max_length,
            ),
        },
        optional=("position", "price", "time"),
        nullable=True,
    )
    schema["description"] = "What the exchange reported; give any of the three."
    return schema


CASE_SCHEMAS: dict[str, dict[str, Any]] = {
    "CaseRequest": _case_request(),
    "CasePosition": _case_position(),
    "CaseReported": _case_reported(),
    "CaseCreated": _object(
        {
            "id": _typed("integer", "The case's number."),
            "staff_url": _typed(
                "string",
                "The case page for staff (sign-in needed); also the Location header.",
                format="uri",
            ),
            "customer_url": _typed(
                "string",
                "The read-only page to send the customer; it works until expires, or until "
                "staff revoke it on the case page.",
                format="uri",
            ),
            "expires": _typed(
                "string", "When the customer link stops working (ISO 8601).", format="date-time"
            ),
        }
    ),
}
SCHEMAS |= CASE_SCHEMAS
