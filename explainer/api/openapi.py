"""The API as an OpenAPI 3.1 document (a plain dict), plus the example requests the docs run."""

import json
from typing import Any

from django.conf import settings

from explainer.support import price_path

from . import numbers
from .schemas import SCHEMAS, ref
from .serialize import MARKETS_NOTE

_SEED = {
    "side": "long",
    "size": "0.02",
    "entry_price": "50000",
    "leverage": "10",
}
# One half of a hedged pair: 1 BTC at 60,000 with 20× on cross margin, marked at its entry.
_HEDGED = {
    "market": "BTC-PERP",
    "size": "1",
    "entry_price": "60000",
    "leverage": "20",
    "margin_mode": "cross",
}
# 1 BTC long at 60,000 with 10× on isolated margin: 6,000 USDC, bankrupt at 54,000.
_BTC_LONG = {
    "market": "BTC-PERP",
    "side": "long",
    "size": "1",
    "entry_price": "60000",
    "leverage": "10",
    "margin_mode": "isolated",
}
_ETH_SHORT = {
    "market": "ETH-PERP",
    "side": "short",
    "size": "10",
    "entry_price": "3000",
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
        "hedge": {
            "summary": "Hedge mode: a cross long and a cross short of 1 BTC; their PnL cancels "
            "out but their maintenance margins add up, so a big enough rise liquidates both",
            "value": {
                "wallet_balance": "1000",
                "position_mode": "hedge",
                "positions": [
                    {"id": "long", **_HEDGED, "side": "long"},
                    {"id": "short", **_HEDGED, "side": "short"},
                ],
            },
        },
        "reserve": {
            "summary": "The closing fee reserved: the liquidation and bankruptcy prices keep "
            "back the taker fee of closing the position (here your own rate, 0.04 %, instead of "
            "the market's 0.05 %), so both sit a little closer to the mark",
            "value": {
                "wallet_balance": "10000",
                "positions": [{"id": "btc", **_BTC_LONG}],
                "reserve_closing_fee": True,
                "fee_rates": {"BTC-PERP": {"taker": "0.0004"}},
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
            "summary": "BTC falls and the isolated BTC long is liquidated; then ETH falls and "
            "takes the cross ETH long with it",
            "value": {
                "wallet_balance": "400",
                "positions": [
                    {"id": "iso", **_SEED, "margin_mode": "isolated", "isolated_margin": "100"},
                    {
                        "id": "cross",
                        "market": "ETH-PERP",
                        "side": "long",
                        "size": "1",
                        "entry_price": "3000",
                        "leverage": "10",
                        "margin_mode": "cross",
                    },
                ],
                "path": [
                    {"BTC-PERP": "47000", "ETH-PERP": "2950"},
                    {"BTC-PERP": "45220"},
                    {"ETH-PERP": "2600"},
                ],
                "liquidation_fee_rate": "0.002",
            },
        },
        "funding": {
            "summary": "Funding over a day, every 8 hours: at a rate of 0.03 % the isolated BTC "
            "long pays from its margin, which moves its liquidation price up; the cross ETH "
            "short, at its market's default 0.01 %, receives",
            "value": {
                "wallet_balance": "10000",
                "positions": [
                    {"id": "btc", **_BTC_LONG},
                    {"id": "eth", **_ETH_SHORT, "margin_mode": "cross"},
                ],
                "path": [
                    {"BTC-PERP": "60000"},
                    {"BTC-PERP": "60400"},
                    {"BTC-PERP": "59800"},
                    {"BTC-PERP": "60200"},
                ],
                "hours_per_step": "8",
                "funding_rates": {"BTC-PERP": "0.0003"},
            },
        },
        "partial": {
            "summary": "Partial liquidation: a 5 BTC isolated long (300,000 USDC of notional, "
            "tier 3) is cut into tier 2 at the mark, and the rest survives",
            "value": {
                "wallet_balance": "20000",
                "positions": [{"id": "big", **_BTC_LONG, "size": "5", "leverage": "20"}],
                "path": [{"BTC-PERP": "57600"}],
                "liquidation_fee_rate": "market",
                "partial_liquidation": True,
            },
        },
        "insurance": {
            "summary": "The mark gaps past bankruptcy: the insurance fund pays what it holds and "
            "the rest of the gap is deleveraged; the trader still loses only the margin",
            "value": {
                "wallet_balance": "6000",
                "positions": [{"id": "btc", **_BTC_LONG}],
                "path": [{"BTC-PERP": "53000"}],
                "insurance_fund": "300",
            },
        },
        "deleverage": {
            "summary": "A step that names a profitable position to auto-deleverage: the ETH "
            "short is closed at the mark with its profit and no fee",
            "value": {
                "wallet_balance": "10000",
                "positions": [
                    {"id": "btc", **_BTC_LONG},
                    {"id": "eth", **_ETH_SHORT, "margin_mode": "isolated"},
                ],
                "path": [{"prices": {"ETH-PERP": "2900"}, "deleverage": ["eth"]}],
            },
        },
        "wick": {
            "summary": "Only the mark liquidates: the last price wicks below the liquidation "
            "price and the mark does not follow, so nothing happens; a step later the mark "
            "crosses, and the event carries that step's last and index prices",
            "value": {
                "wallet_balance": "500",
                "positions": [
                    {"id": "iso", **_SEED, "margin_mode": "isolated", "isolated_margin": "100"}
                ],
                "path": [
                    {"prices": {"BTC-PERP": {"mark": "45900", "last": "44000", "index": "45910"}}},
                    {"prices": {"BTC-PERP": {"mark": "45100", "last": "45500", "index": "45110"}}},
                ],
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
            "credentials; any origin may call it. " + MARKETS_NOTE + " The one exception is "
            "POST /cases, for the support desk's help-desk apps: it takes a staff member's API "
            "token.",
        },
        "servers": [{"url": "/api/v1"}],
        "paths": {
            "/evaluate": {"post": _post("evaluate", "Evaluate an account", "Evaluate")},
            "/simulate": {"post": _post("simulate", "Replay a path of mark prices", "Simulate")},
            "/markets": {"get": _get("markets", "Markets and their tiers", "MarketsResponse")},
            "/openapi.json": {"get": _get("openapi", "This document", None)},
            "/cases": {"post": _case_post()},
        },
        "components": {
            "schemas": SCHEMAS,
            "responses": _ERRORS,
            "securitySchemes": {SECURITY: _SUPPORT_TOKEN},
        },
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
    "TooLarge": f"The body is over {settings.BODY_LIMIT // 1024} KB.",
    "UnsupportedMediaType": "The body is not sent as Content-Type: application/json.",
    "Forbidden": "The token is valid, but its owner is no longer on the support team.",
    "CaseTooLarge": f"The body is over {settings.CASE_BODY_LIMIT // 1024} KB, or its price path "
    f"over {price_path.MAX_BYTES // 2**20} MB: a path may have up to {price_path.MAX_ROWS:,} rows "
    f"and {price_path.MAX_BYTES // 2**20} MB.",
}
_ERRORS = {
    name: {"description": text, "content": {"application/json": {"schema": ref("ErrorBody")}}}
    for name, text in _ERROR_TEXTS.items()
}
_ERRORS["Unauthorized"] = {
    "description": "No API token, or one that is unknown or revoked, or whose owner's account "
    "is switched off.",
    "headers": {
        "WWW-Authenticate": {
            "description": 'Bearer, with error="invalid_token" when a token was sent.',
            "schema": {"type": "string"},
        }
    },
    "content": {"application/json": {"schema": ref("ErrorBody")}},
}
SECURITY = "supportToken"
_SUPPORT_TOKEN = {
    "type": "http",
    "scheme": "bearer",
    "description": "A staff member's support API token, sent as Authorization: Bearer <token>. "
    "An admin issues one per app and person in the site's admin (Support API tokens), where it "
    "is shown once and can be revoked; it works while its owner is on the support team.",
}
# A case as a help-desk app sends it: the ticket and the customer's numbers.
CASE_EXAMPLES: dict[str, dict[str, Any]] = {
    "marks": {
        "summary": "A cross BTC long and ETH short, with the marks at the moment of liquidation",
        "value": {
            "ticket_reference": "ZD-1042",
            "wallet_balance": "2000",
            "positions": [
                {**_BTC_LONG, "margin_mode": "cross", "fees_paid": "24"},
                {
                    "market": "ETH-PERP",
                    "side": "short",
                    "size": "5",
                    "entry_price": "3000",
                    "leverage": "10",
                    "margin_mode": "cross",
                    "funding_paid": "-3.5",
                },
            ],
            "marks": {"BTC-PERP": "57500", "ETH-PERP": "3300"},
            "link_days": 14,
        },
    },
    "path": {
        "summary": "An isolated BTC long with a price path as CSV and what the exchange reported",
        "value": {
            "ticket_reference": "IC-88211",
            "wallet_balance": "6500",
            "positions": [_BTC_LONG],
            "path_csv": "time,market,mark,last\n"
            "2026-11-20T14:00:00Z,BTC-PERP,60000,60010\n"
            "2026-11-20T14:05:00Z,BTC-PERP,55000,54100\n"
            "2026-11-20T14:10:00Z,BTC-PERP,54200,54150\n",
            "reported": {"position": 1, "price": "54300", "time": "2026-11-20T14:10:00Z"},
        },
    },
}


def _post(operation: str, summary: str, name: str) -> dict[str, Any]:
    return {
        "operationId": operation,
        "summary": summary,
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": ref(f"{name}Request"),
                    "examples": {
                        name: example
                        for name, example in EXAMPLES[operation].items()
                        if example.get("x-status", 200) == 200  # valid by the schema
                    },
                }
            },
        },
        "responses": {
            "200": _json("The figures (Cache-Control: no-store).", ref(f"{name}Response")),
            "400": {"$ref": "#/components/responses/BadRequest"},
            "405": {"$ref": "#/components/responses/MethodNotAllowed"},
            "413": {"$ref": "#/components/responses/TooLarge"},
            "415": {"$ref": "#/components/responses/UnsupportedMediaType"},
        },
    }


def _case_post() -> dict[str, Any]:
    return {
        "operationId": "cases",
        "summary": "Open a support case from a help-desk ticket",
        "description": "Creates the case and a customer link, and answers both addresses. For "
        "a Zendesk sidebar or an Intercom inbox app; needs a support API token.",
        "security": [{SECURITY: []}],
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": ref("CaseRequest"), "examples": CASE_EXAMPLES}
            },
        },
        "responses": {
            "201": {
                **_json("The case and its customer link; never cached.", ref("CaseCreated")),
                "headers": {
                    "Location": {"description": "The staff URL.", "schema": {"type": "string"}}
                },
            },
            "400": {"$ref": "#/components/responses/BadRequest"},
            "401": {"$ref": "#/components/responses/Unauthorized"},
            "403": {"$ref": "#/components/responses/Forbidden"},
            "405": {"$ref": "#/components/responses/MethodNotAllowed"},
            "413": {"$ref": "#/components/responses/CaseTooLarge"},
            "415": {"$ref": "#/components/responses/UnsupportedMediaType"},
        },
    }


def _get(operation: str, summary: str, response: str | None) -> dict[str, Any]:
    schema = ref(response) if response else {"type": "object"}
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
        "PositiveDecimal": "number or decimal string, > 0",
        "NonNegativeDecimal": "number or decimal string, ≥ 0",
        "Rate": "number or decimal string, 0 ≤ rate < 1",
        "FundingRate": f"number or decimal string, -{numbers.MAX_FUNDING_RATE:f} to "
        f"{numbers.MAX_FUNDING_RATE:f}",
        "Leverage": f"number or decimal string, 1 to {numbers.MAX_LEVERAGE:f}",
        "Decimal": "decimal string",
        "DecimalOrNull": "decimal string or null",
    }
    if "anyOf" in prop:
        return " or ".join(_type_text(option) for option in prop["anyOf"])
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        return named.get(name, name)
    if "enum" in prop:
        return " | ".join(prop["enum"])
    if "const" in prop:
        return json.dumps(prop["const"])
    if prop["type"] == "array":
        return "list"
    return prop["type"] if isinstance(prop["type"], str) else " or ".join(prop["type"])
