"""The standing probe: schemathesis holds the API to its own OpenAPI document, in process.

Every check schemathesis has runs, the negative-data ones included, on data it generates from
/api/v1/openapi.json: what the document allows must be answered 200, what it forbids must be
refused, and no answer may be a 5xx. On top, every 4xx must name its field or be a whole-body
error, in the API's one error shape.

CI runs a few hundred cases; `PROBE_EXAMPLES=10000` (what `./scripts/bench --long` sets) runs
tens of thousands.
"""

import os
import re
from functools import cache

import pytest
import schemathesis
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from schemathesis.checks import CheckContext
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import Failure
from schemathesis.core.transport import Response
from schemathesis.generation.case import Case
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from entryfinance.wsgi import application

EXAMPLES = int(os.environ.get("PROBE_EXAMPLES", 50))
CONFIG = SchemathesisConfig.from_dict(
    {
        "generation": {"mode": "all", "max-examples": EXAMPLES},
        "phases": {"examples": {}, "coverage": {}, "fuzzing": {}},
        # 413 (a body over the size limit) is one of the refusals the document lists.
        "checks": {
            "negative_data_rejection": {"expected-statuses": ["400", "405", "413", "415"]},
        },
    }
)
# What every real server puts in the WSGI environ, and werkzeug's test client leaves out.
ENVIRON = {"REMOTE_ADDR": "127.0.0.1"}
schema = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json", application, config=CONFIG, environ_base=ENVIRON
)
# POST /cases takes a staff member's token, which the probe does not have: it is held to a
# rule of its own below (every answer a 401), and tests/api/test_cases*.py test it with one.
CASES = "/cases"


class FieldNotNamed(Failure):
    def __init__(self, *, operation: str, message: str) -> None:
        super().__init__(operation=operation, title="A 4xx that names no field", message=message)

    @property
    def _unique_key(self) -> str:
        return self.message


def every_4xx_names_its_field(ctx: CheckContext, response: Response, case: Case) -> bool | None:
    """A 4xx is {"errors": [{"field": str | null, "message": str}, …]}, each field a path into
    the body sent (its last step may be a field the body lacks) or null for the whole body."""
    if not 400 <= response.status_code < 500:
        return None
    errors = _errors(response)
    if errors is None:
        raise FieldNotNamed(operation=case.operation.label, message="Not the API's error shape.")
    for error in errors:
        if error["field"] is not None and not _names_a_field(case.body, error["field"]):
            message = f"{error['field']!r} is not a field of the body: {error['message']}"
            raise FieldNotNamed(operation=case.operation.label, message=message)
    return True


# JSON Schema cannot state a rule that ties one field to a product or a sum of others, or one
# item of a list to the rest. Where the API refuses a body the document allows for such a rule
# alone, the 400 is right, as long as it names the field. A rule the schema could state (the
# market's own leverage cap, or isolated_margin only on an isolated position: `if`/`then` on
# an enum) is the document's business, and a 400 for it fails the probe.
CROSS_FIELD_RULES = {
    # The tier of the notional at entry, size × entry_price, caps leverage below the market.
    "leverage": re.compile(r"allows at most [\d.]+× for .*notional at entry"),
    # notional × rate bounds the maintenance amount.
    "maintenance_amount": re.compile(r"at most notional × rate"),
    # Ids are unique within the account (uniqueItems compares whole items).
    "id": re.compile(r"is already used by"),
    # The wallet holds every isolated margin.
    "wallet_balance": re.compile(r"less than the isolated margins"),
    # One position per market (one-way mode) or one long and one short (hedge mode), and
    # positions in one market share its mark.
    "market": re.compile(r"holds one position per market|one long and one short per market"),
    "mark_price": re.compile(r"share its mark price"),
    # A step's clock never runs earlier than the step before's (its own hours or n ×
    # hours_per_step), and the clock's end over the funding interval, times the positions,
    # bounds the funding payments.
    "hours": re.compile(r"cannot be earlier than the step before|funding payments"),
    "hours_per_step": re.compile(r"funding payments"),
    # A position to deleverage is one of the account's, still open and in profit at the
    # step's marks: only the replay knows.
    "deleverage": re.compile(r"No open position has the id|closes only a profitable position"),
}


def accepts_what_the_document_allows(
    ctx: CheckContext, response: Response, case: Case
) -> bool | None:
    """positive_data_acceptance, but for a 400 that names only cross-field rules, and a 413
    for a body over the size limit (a byte count JSON Schema cannot state either)."""
    if response.status_code == 413 and len(response.request.body or b"") > _body_limit():
        return True
    if response.status_code == 400 and all(
        _is_cross_field(error) for error in _errors(response) or [{}]
    ):
        return True
    return positive_data_acceptance(ctx, response, case)


# The werkzeug client schemathesis drives does not undo GZipMiddleware's compression.
HEADERS = {"Accept-Encoding": "identity"}
CHECKS = {
    "excluded_checks": [positive_data_acceptance],
    "additional_checks": [accepts_what_the_document_allows, every_4xx_names_its_field],
}


@pytest.fixture(autouse=True, scope="module")
def _no_connection_checks():
    """Django's test client stops each request from checking the database connection; this
    WSGI client does not, and a connection an earlier test left open would then be touched."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True, scope="module")
def _unlimited():
    """Thousands of requests come from one address; tests/test_throttle_*.py test the limits."""
    with override_settings(RATELIMIT_ENABLE=False):
        yield


class NotRefused(Failure):
    def __init__(self, *, operation: str, message: str) -> None:
        super().__init__(operation=operation, title="Answered without a token", message=message)

    @property
    def _unique_key(self) -> str:
        return self.message


def refused_without_a_token(ctx: CheckContext, response: Response, case: Case) -> bool | None:
    """Whatever the body and whatever Authorization the probe makes up, a 401, before the body
    is read (or a 413 for a body over the case limit, refused before anything else). Another
    method is unsupported_method's business."""
    if response.request.method != "POST":
        return None
    if response.status_code == 413 and len(response.request.body or b"") > _case_body_limit():
        return True
    if (
        response.status_code != 401
        or "Bearer" not in response.headers.get("www-authenticate", [""])[0]
    ):
        message = f"{response.status_code}: {response.text[:200]}"
        raise NotRefused(operation=case.operation.label, message=message)
    return True


# Neither the document's positive nor its negative data mean anything to a caller without a
# token: both are refused alike.
CASE_CHECKS = {
    "excluded_checks": [positive_data_acceptance, negative_data_rejection],
    "additional_checks": [refused_without_a_token, every_4xx_names_its_field],
}


@schema.exclude(path=CASES).parametrize()
def test_the_api_keeps_to_its_openapi_document(case):
    case.call_and_validate(headers=HEADERS, environ_base=ENVIRON, **CHECKS)


@pytest.mark.django_db
@schema.include(path=CASES).parametrize()
def test_cases_refuses_every_request_without_a_valid_token(case):
    case.call_and_validate(headers=HEADERS, environ_base=ENVIRON, **CASE_CHECKS)


def _errors(response: Response) -> list[dict] | None:
    try:
        body = response.json()
    except ValueError:
        return None
    errors = body.get("errors") if isinstance(body, dict) and set(body) == {"errors"} else None
    shaped = isinstance(errors, list) and errors and all(_is_error(error) for error in errors)
    return errors if shaped else None


def _is_error(error: object) -> bool:
    return (
        isinstance(error, dict)
        and set(error) == {"field", "message"}
        and isinstance(error["field"], str | None)
        and isinstance(error["message"], str)
        and bool(error["message"])
    )


def _is_cross_field(error: dict) -> bool:
    name = re.sub(r"^(positions|path)\[\d+\]\.", "", error.get("field") or "")
    rule = CROSS_FIELD_RULES.get(name)
    return rule is not None and rule.search(error.get("message", "")) is not None


def _names_a_field(body: object, field: str) -> bool:
    """Whether `field` ("positions[0].leverage", "path[2].BTC-PERP") walks into `body`.

    Keys may hold dots or brackets themselves, so each step tries the keys the node has.
    """
    if field == "":
        return True
    if isinstance(body, list):
        match = re.match(r"\[(\d+)\]", field)
        return (
            bool(match)
            and int(match[1]) < len(body)
            and _names_a_field(body[int(match[1])], _rest(field[match.end() :]))
        )
    if not isinstance(body, dict):
        return False
    for key in body:
        rest = field[len(key) :]
        steps_in = field.startswith(key) and (rest == "" or rest[0] in ".[")
        if steps_in and _names_a_field(body[key], _rest(rest)):
            return True
    # The last step may name a field the body lacks (a required one).
    return field in _property_names()


def _rest(path: str) -> str:
    return path[1:] if path.startswith(".") else path


def _body_limit() -> int:
    return settings.BODY_LIMIT


def _case_body_limit() -> int:
    return settings.CASE_BODY_LIMIT


@cache
def _property_names() -> set[str]:
    schemas = schema.raw_schema["components"]["schemas"].values()
    return {name for each in schemas for name in each.get("properties", {})}
