"""The API's JSON schemas (OpenAPI 3.1 components). Their descriptions are the field
reference: the docs page builds its tables from them, so page and document cannot drift apart.
"""

from typing import Any

from explainer.engine import MARKETS, PositionMode

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
_LEVERAGE = ref("Leverage")
_OUT = ref("Decimal")
_OUT_OR_NULL = ref("DecimalOrNull")
_MARKET = _typed("string", "The market.", enum=list(MARKETS))
_SIDE = _typed("string", "long or short.", enum=["long", "short"])
_MODE = _typed("string", "isolated or cross.", enum=["isolated", "cross"])
_STEP = _typed("integer", "Index of the path step (0 is the first).")
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
}
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
    optional=("position_mode", "explain"),
    nullable=True,
)
SIMULATE_REQUEST = _object(
    {
        **_ACCOUNT,
        "path": {
            "type": "array",
            "minItems": 1,
            "maxItems": parsing.MAX_STEPS,
            "items": {
                "type": "object",
                "minProperties": 1,
                "propertyNames": {"enum": list(MARKETS)},
                "additionalProperties": _POSITIVE,
            },
            "description": f"1 to {parsing.MAX_STEPS:,} steps (as many as fit in the body), each "
            'an object of new mark prices by market, e.g. {"BTC-PERP": "52000", "ETH-PERP": '
            '"3000"}. A market a step does not name keeps its mark.',
        },
        "liquidation_fee_rate": _with(
            _RATE,
            "Fee on a liquidated position's notional, a fraction below 1, never more than what "
            "is left above bankruptcy. Default: 0.",
            default="0",
        ),
    },
    optional=("position_mode", "liquidation_fee_rate"),
    nullable=True,
)

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
EVENT = _object(
    {
        "step": _STEP,
        "position_id": _typed("string", "The liquidated position's id."),
        "position_index": _typed("integer", "Its index in positions."),
        "market": _MARKET,
        "margin_mode": _MODE,
        "mark_price": _with(_OUT, "The mark it was closed at."),
        "realized_pnl": _with(_OUT, "s × size × (mark − entry), realised."),
        "loss": _with(_OUT, "What the trader gave up: the isolated margin or the cross share."),
        "insurance_fund": _with(
            _OUT, "Paid to the insurance fund; negative when it covered a gap."
        ),
        "fee": _with(_OUT, "The liquidation fee charged."),
    }
)
STEP = _object(
    {
        "step": _STEP,
        "marks": _typed("object", "Every market's mark after the step.", additionalProperties=_OUT),
        "wallet_balance": _with(_OUT, "Wallet balance after the step's liquidations."),
        "cross_margin_balance": _with(_OUT, "Cross margin balance after them."),
        "margin_ratio": _with(_OUT_OR_NULL, "Margin ratio after them (null: as in evaluate)."),
        "liquidation_prices": _typed(
            "object",
            "Liquidation price of each surviving position, by id.",
            additionalProperties=_OUT_OR_NULL,
        ),
    }
)
TOTALS = _object(
    {
        "initial_wallet_balance": _with(_OUT, "The wallet balance sent."),
        "final_wallet_balance": _with(
            _OUT, "Initial wallet + realised PnL − fees − insurance fund, to the last digit."
        ),
        "realized_pnl": _with(_OUT, "Σ realised PnL of the liquidations."),
        "fees": _with(_OUT, "Σ liquidation fees."),
        "insurance_fund": _with(_OUT, "Σ paid to (or, if negative, by) the insurance fund."),
        "liquidations": _typed("integer", "How many positions were liquidated."),
    }
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
    return kind.json_schema() | {
        "description": f"{bounds} A JSON number, read as an exact decimal (never a binary "
        "float; non-zero values at least 1e-18), or a decimal string written plainly, such as "
        f'"1250.5" (no sign, exponent or leading zero; at most {numbers.MAX_PLACES} decimal '
        "places). A JSON true is not a number."
    }


SCHEMAS: dict[str, dict[str, Any]] = {
    "PositiveDecimal": _number(numbers.POSITIVE, "Greater than 0, at most 1e15."),
    "NonNegativeDecimal": _number(numbers.NON_NEGATIVE, "0 or more, at most 1e15."),
    "Rate": _number(numbers.RATE, "A fraction from 0 up to, not including, 1: 0.005 is 0.5 %."),
    "Leverage": _number(
        numbers.LEVERAGE,
        f"From 1 to {numbers.MAX_LEVERAGE:f}; each market and tier caps it lower (see /markets).",
    ),
    "Decimal": _typed(
        "string", "A decimal at the engine's full precision, no exponent.", pattern=_DECIMAL_TEXT
    ),
    "DecimalOrNull": _typed(["string", "null"], "A decimal, or null.", pattern=_DECIMAL_TEXT),
    "Position": POSITION,
    "EvaluateRequest": EVALUATE_REQUEST,
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
    "SimulationStep": STEP,
    "SimulationTotals": TOTALS,
    "SimulateResponse": _object(
        {
            "events": _list("LiquidationEvent", "Each liquidation, in order."),
            "steps": _list("SimulationStep", "The account after each step."),
            "totals": ref("SimulationTotals"),
        }
    ),
    "Tier": TIER,
    "Market": MARKET,
    "MarketsResponse": _object(
        {"note": _typed("string", MARKETS_NOTE), "markets": _list("Market", "Every market.")}
    ),
    "FieldError": FIELD_ERROR,
    "ErrorBody": _object({"errors": _list("FieldError", "At least one.", minItems=1)}),
}
