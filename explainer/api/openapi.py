"""The API as an OpenAPI 3.1 document (a plain dict), plus the example requests the docs run.

The schemas' descriptions are the field reference: the docs page builds its tables from them,
so the page and the document cannot drift apart.
"""

from typing import Any

from django.conf import settings

from explainer.engine import MARKETS

from . import parsing
from .serialize import MARKETS_NOTE


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _object(properties: dict[str, Any], *, optional: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": [name for name in properties if name not in optional],
        "additionalProperties": False,
    }


def _with(schema: dict[str, Any], description: str, **extra: Any) -> dict[str, Any]:
    return {**schema, "description": description, **extra}


def _typed(kind: str | list[str], description: str, **extra: Any) -> dict[str, Any]:
    return {"type": kind, "description": description, **extra}


def _list(item: str, description: str, **extra: Any) -> dict[str, Any]:
    return {"type": "array", "items": _ref(item), "description": description, **extra}


_IN = _ref("DecimalInput")
_OUT = _ref("Decimal")
_OUT_OR_NULL = _ref("DecimalOrNull")
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
        "size": _with(_IN, "Size in the base asset (BTC for BTC-PERP); greater than 0."),
        "entry_price": _with(_IN, "Average entry price in USDC; greater than 0."),
        "mark_price": _with(_IN, "Mark price in USDC; greater than 0. Default: the entry price."),
        "leverage": _with(
            _IN,
            "At least 1 and at most the market's maximum, which is lower for big positions "
            "(the tier of the notional at entry; see /markets).",
        ),
        "margin_mode": _MODE
        | {
            "description": "isolated (the position can lose only its own margin) or cross "
            "(it shares the cross wallet with the other cross positions)."
        },
        "isolated_margin": _with(
            _IN,
            "Isolated positions only (an error on a cross one): the margin allocated to it, "
            "greater than 0. Default: the initial margin, size × entry price / leverage.",
        ),
        "maintenance_margin_rate": _with(
            _IN,
            "A fraction from 0 up to (not including) 1: 0.005 is 0.5 %. Default: the rate of the "
            "market's tier for the notional at mark.",
        ),
        "maintenance_amount": _with(
            _IN,
            "USDC subtracted from notional × rate; 0 or more. Default: the tier's amount, or 0 "
            "when maintenance_margin_rate is given.",
        ),
    },
    optional=("id", "market", "mark_price", "isolated_margin", "maintenance_margin_rate")
    + ("maintenance_amount",),
)
_ACCOUNT = {
    "wallet_balance": _with(
        _IN, "Everything in the derivatives account in USDC, isolated margins included; 0 or more."
    ),
    "positions": _list(
        "Position",
        f"1 to {parsing.MAX_POSITIONS} positions; the answer keeps their order.",
        minItems=1,
        maxItems=parsing.MAX_POSITIONS,
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
    optional=("explain",),
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
                "additionalProperties": _IN,
            },
            "description": f"1 to {parsing.MAX_STEPS:,} steps (as many as fit in the body), each "
            'an object of new mark prices by market, e.g. {"BTC-PERP": "52000", "ETH-PERP": '
            '"3000"}. A market a step does not name keeps its mark.',
        },
        "liquidation_fee_rate": _with(
            _IN,
            "Fee on a liquidated position's notional, a fraction below 1, never more than what "
            "is left above bankruptcy. Default: 0.",
            default="0",
        ),
    },
    optional=("liquidation_fee_rate",),
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

SCHEMAS: dict[str, dict[str, Any]] = {
    "DecimalInput": _typed(
        ["number", "string"],
        'A JSON number or a decimal string such as "0.05", read as an exact decimal (never a '
        "binary float). Finite, at most 1e15 in size, at most 18 decimal places; a JSON true is "
        "not a number.",
        pattern=r"^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$",
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
            "account": _ref("AccountFigures"),
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
            "totals": _ref("SimulationTotals"),
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

_SEED = {
    "side": "long",
    "size": "0.02",
    "entry_price": "50000",
    "leverage": "10",
}
EXAMPLES: dict[str, dict[str, dict[str, Any]]] = {
    "evaluate": {
        "isolated": {
            "summary": "An isolated BTC long, marked below its entry",
            "value": {
                "wallet_balance": "500",
                "positions": [
                    {
                        "id": "a",
                        "market": "BTC-PERP",
                        "side": "long",
                        "size": "0.05",
                        "entry_price": "60000",
                        "mark_price": "59000",
                        "leverage": "10",
                        "margin_mode": "isolated",
                        "isolated_margin": "300",
                        "maintenance_margin_rate": "0.005",
                        "maintenance_amount": "0",
                    }
                ],
            },
        },
        "cross": {
            "summary": "Cross positions share the wallet; the optional fields take defaults",
            "value": {
                "wallet_balance": "500",
                "positions": [
                    {**_SEED, "margin_mode": "cross"},
                    {
                        "market": "ETH-PERP",
                        "side": "short",
                        "size": 1,
                        "entry_price": 3000,
                        "leverage": 20,
                        "margin_mode": "cross",
                    },
                ],
            },
        },
        "invalid": {
            "summary": "Mistakes: the 400 answer names every bad field",
            "x-status": 400,
            "value": {
                "wallet_balance": "-5",
                "positions": [
                    {**_SEED, "leverage": "0.5", "margin_mode": "cross", "isolated_margin": "100"},
                    {**_SEED, "size": "abc", "margin_mode": "isolated", "colour": "red"},
                ],
            },
        },
    },
    "simulate": {
        "crash": {
            "summary": "BTC falls: the isolated long is liquidated, then the cross one too",
            "value": {
                "wallet_balance": "400",
                "positions": [
                    {"id": "iso", **_SEED, "margin_mode": "isolated", "isolated_margin": "100"},
                    {"id": "cross", **_SEED, "margin_mode": "cross"},
                ],
                "path": [{"BTC-PERP": "47000"}, {"BTC-PERP": "45220"}, {"BTC-PERP": "34000"}],
                "liquidation_fee_rate": "0.002",
            },
        },
    },
}


def document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Margin Academy API",
            "version": "1.0.0",
            "summary": "Margin, leverage and liquidation figures for USDC perpetuals.",
            "description": "The engine behind Entry Finance's Margin Academy calculators. "
            "Numbers go in as JSON numbers or decimal strings and come out as decimal strings "
            "at full precision. Every error is JSON naming each bad field by its path. No "
            "credentials; any origin may call it. " + MARKETS_NOTE,
        },
        "servers": [{"url": "/api/v1"}],
        "paths": {
            "/evaluate": {"post": _post("evaluate", "Evaluate an account", "Evaluate")},
            "/simulate": {"post": _post("simulate", "Replay a path of mark prices", "Simulate")},
            "/markets": {"get": _get("markets", "Markets and their tiers", "MarketsResponse")},
            "/openapi.json": {"get": _get("openapi", "This document", None)},
        },
        "components": {"schemas": SCHEMAS, "responses": _ERRORS},
    }


def fields(schema: str) -> list[dict[str, Any]]:
    """One row per property of a schema, for the docs page's tables."""
    spec = SCHEMAS[schema]
    return [
        {
            "name": name,
            "type": _type_text(prop),
            "required": name in spec["required"],
            "description": prop.get("description", ""),
        }
        for name, prop in spec["properties"].items()
    ]


_ERROR_TEXTS = {
    "BadRequest": "Invalid input: the body is not JSON, or fields are wrong (each one named).",
    "MethodNotAllowed": "Wrong method; the Allow header lists the right ones.",
    "TooLarge": f"The body is over {settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 1024} KB.",
    "UnsupportedMediaType": "The body is not sent as Content-Type: application/json.",
}
_ERRORS = {
    name: {"description": text, "content": {"application/json": {"schema": _ref("ErrorBody")}}}
    for name, text in _ERROR_TEXTS.items()
}


def _post(operation: str, summary: str, name: str) -> dict[str, Any]:
    return {
        "operationId": operation,
        "summary": summary,
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": _ref(f"{name}Request"),
                    "examples": {
                        name: example
                        for name, example in EXAMPLES[operation].items()
                        if example.get("x-status", 200) == 200  # valid by the schema
                    },
                }
            },
        },
        "responses": {
            "200": _json("The figures (Cache-Control: no-store).", _ref(f"{name}Response")),
            "400": {"$ref": "#/components/responses/BadRequest"},
            "405": {"$ref": "#/components/responses/MethodNotAllowed"},
            "413": {"$ref": "#/components/responses/TooLarge"},
            "415": {"$ref": "#/components/responses/UnsupportedMediaType"},
        },
    }


def _get(operation: str, summary: str, response: str | None) -> dict[str, Any]:
    schema = _ref(response) if response else {"type": "object"}
    return {
        "operationId": operation,
        "summary": summary,
        "responses": {
            "200": _json("Cacheable for a few minutes.", schema),
            "405": {"$ref": "#/components/responses/MethodNotAllowed"},
        },
    }


def _json(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _type_text(prop: dict[str, Any]) -> str:
    named = {
        "DecimalInput": "number or decimal string",
        "Decimal": "decimal string",
        "DecimalOrNull": "decimal string or null",
    }
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        return named.get(name, name)
    if "enum" in prop:
        return " | ".join(prop["enum"])
    if prop["type"] == "array":
        return "list"
    return prop["type"] if isinstance(prop["type"], str) else " or ".join(prop["type"])
