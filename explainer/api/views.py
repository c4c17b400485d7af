"""The JSON API's views: read the request, call the engine, answer in JSON.

Every answer, errors included, is JSON that any origin may read (no cookies or credentials are
involved, so `Access-Control-Allow-Origin: *` is safe); an error never turns into Django's HTML
error page.
"""

import json
import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from explainer import throttle
from explainer.engine import MarginError, explain, replay
from explainer.engine import evaluate as evaluate_account

from . import openapi, parsing, serialize
from .parsing import FieldError, InvalidBody
from .schemas import SCHEMAS

logger = logging.getLogger(__name__)

NO_STORE = "no-store"
BRIEFLY = "public, max-age=300"

type Body = dict[str, Any]
type View = Callable[[HttpRequest], HttpResponse]


def evaluate_body(data: object) -> Body:
    request = parsing.evaluate_request(data)
    result = evaluate_account(request.account)
    derivations = None
    if request.explain:
        derivations = [explain(request.account, index) for index in range(len(result.positions))]
    return serialize.evaluation(result, derivations)


def simulate_body(data: object) -> Body:
    request = parsing.simulate_request(data)
    outcome = replay(request.account, path=request.path, **request.settings)
    return serialize.simulation(outcome, request.account, extended=request.extended)


def answer(handler: Callable[[object], Body], data: object) -> tuple[int, Body]:
    """The status and body for a decoded request: what the view sends and the docs show."""
    try:
        return 200, handler(data)
    except InvalidBody as error:
        return error.status, serialize.errors(error.errors)
    except MarginError as error:
        return 400, serialize.errors([FieldError(error.field, str(error))])


def json_endpoint(
    *methods: str, cache: str, request_headers: str = "Content-Type"
) -> Callable[[View], View]:
    """CORS for any origin, answers to preflight (allowing `request_headers`), and JSON (never
    HTML) for every error."""
    allowed = ", ".join([*methods, "OPTIONS"])

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest) -> HttpResponse:
            response = _dispatch(view, request, methods, allowed, request_headers)
            response["Access-Control-Allow-Origin"] = "*"
            response["Cache-Control"] = cache if response.status_code == 200 else NO_STORE
            return response

        return csrf_exempt(wrapper)

    return decorate


@json_endpoint("POST", cache=NO_STORE)
def evaluate(request: HttpRequest) -> HttpResponse:
    status, body = answer(evaluate_body, read_json(request))
    return JsonResponse(body, status=status)


@json_endpoint("POST", cache=NO_STORE)
def simulate(request: HttpRequest) -> HttpResponse:
    status, body = answer(simulate_body, read_json(request))
    return JsonResponse(body, status=status)


@json_endpoint("GET", "HEAD", cache=BRIEFLY)
def markets(request: HttpRequest) -> HttpResponse:
    return JsonResponse(serialize.markets())


@json_endpoint("GET", "HEAD", cache=BRIEFLY)
def openapi_document(request: HttpRequest) -> HttpResponse:
    return JsonResponse(openapi.document())


@require_GET
def docs(request: HttpRequest) -> HttpResponse:
    context = {
        "examples": {name: _examples(name) for name in openapi.EXAMPLES},
        "markets_example": _pretty(serialize.markets()),
        "fields": {name: openapi.fields(name) for name in _DOCUMENTED},
        "extended_answer": SCHEMAS["SimulateResponse"]["description"],
        "limits": {
            "body_kb": settings.BODY_LIMIT // 1024,
            "case_body_kb": settings.CASE_BODY_LIMIT // 1024,
        },
        "case": _case_docs(request),
    }
    return render(request, "api/docs.html", context)


def _case_docs(request: HttpRequest) -> dict[str, str]:
    """POST /cases on the docs page: an example body, and the answer's shape with a made-up
    number and token (a page view creates nothing)."""

    def address(name: str, *args: object) -> str:
        return request.build_absolute_uri(reverse(name, args=args))

    answer = {
        "id": 1042,
        "staff_url": address("support:case", 1042),
        "customer_url": address("support:customer", "EXAMPLE-not-a-real-token-0000000000000000"),
        "expires": "2026-12-04T14:05:00.000000+00:00",
    }
    return {
        "url": address("api-cases"),
        "location": answer["staff_url"],
        "example": _pretty(openapi.CASE_EXAMPLES["marks"]["value"]),
        "answer": _pretty(answer),
    }


def _dispatch(
    view: View, request: HttpRequest, methods: tuple[str, ...], allowed: str, headers: str
) -> HttpResponse:
    if request.method == "OPTIONS":
        response = HttpResponse(status=204)
        response["Access-Control-Allow-Methods"] = allowed
        response["Access-Control-Allow-Headers"] = headers
        response["Access-Control-Max-Age"] = "86400"
        return response
    if (wait := throttle.api_wait(request)) is not None:
        response = _error(429, f"Too many requests from your address; try again in {wait} s.")
        response["Retry-After"] = str(wait)
        response["Access-Control-Expose-Headers"] = "Retry-After"
        return response
    if request.method not in methods:
        response = _error(405, f"Use {' or '.join(methods)} for this address.")
        response["Allow"] = allowed
        return response
    try:
        return view(request)
    except InvalidBody as error:
        return JsonResponse(serialize.errors(error.errors), status=error.status)
    except Exception:  # still JSON for the client; the traceback goes to the log
        logger.exception("API request to %s failed", request.path)
        return _error(500, "Something went wrong on our side; it has been logged.")


def read_json(request: HttpRequest, *, limit: int | None = None) -> object:
    """The decoded JSON body (numbers as Decimal), or InvalidBody: 413 over `limit` (default:
    BODY_LIMIT), 415 for another content type, 400 for a body that is not JSON."""
    limit = settings.BODY_LIMIT if limit is None else limit
    too_large = InvalidBody.whole(f"The body is over {limit // 1024} KB.", status=413)
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise InvalidBody.whole("The Content-Length header is not a number.") from None
    if length > limit:
        raise too_large
    charset = request.content_params.get("charset", "utf-8").lower()
    if request.content_type != "application/json" or charset not in {"utf-8", "utf8"}:
        raise InvalidBody.whole(
            "Send the body as JSON: Content-Type: application/json.", status=415
        )
    try:
        return parsing.load(request.body)
    except RequestDataTooBig:
        raise too_large from None


def _error(status: int, message: str) -> JsonResponse:
    return JsonResponse(serialize.errors([FieldError(None, message)]), status=status)


_HANDLERS = {"evaluate": evaluate_body, "simulate": simulate_body}
# The schemas whose fields the docs page tabulates.
_DOCUMENTED = (
    "EvaluateRequest",
    "FeeRates",
    "SimulateRequest",
    "PathStep",
    "Quote",
    "Position",
    "AccountFigures",
    "PositionFigures",
    "LiquidationEvent",
    "SimulationStep",
    "SimulationTotals",
    "Market",
    "MarketFees",
    "MarketFunding",
    "CaseRequest",
    "CasePosition",
    "CaseReported",
    "CaseCreated",
)


def _examples(operation: str) -> list[dict[str, Any]]:
    """Each example request, answered by the very code the view runs: nothing here is typed."""
    path, handler = reverse(f"api-{operation}"), _HANDLERS[operation]
    return [_example(path, handler, example) for example in openapi.EXAMPLES[operation].values()]


def _example(path: str, handler: Callable[[object], Body], example: Body) -> dict[str, Any]:
    status, body = answer(handler, example["value"])
    return {
        "summary": example["summary"],
        "path": path,
        "request": _pretty(example["value"]),
        "status": status,
        "response": _pretty(body),
    }


def _pretty(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)
