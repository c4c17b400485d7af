"""POST /api/v1/cases: a help-desk app (a Zendesk sidebar, an Intercom inbox) opens a support
case from a ticket and gets back the staff page and a customer link.

The request is signed with a staff member's API token (`Authorization: Bearer …`), issued and
revoked in Django's admin; only its SHA-256 digest is stored, so a token is found by its
digest. The body is the staff form's fields as JSON, checked by the very same validation
(`support.entry.entry_from_json`), plus `link_days`, how long the customer link works.
"""

from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone

from explainer.support import links
from explainer.support.access import is_support
from explainer.support.entry import CaseEntry, entry_from_json
from explainer.support.models import (
    LINK_DAYS,
    MAX_LINK_DAYS,
    ApiToken,
    Case,
    CaseEvent,
    CaseLink,
    token_digest,
)
from explainer.support.spec import to_json

from . import serialize
from .parsing import MAX_ERRORS, FieldError, InvalidBody
from .views import NO_STORE, json_endpoint, read_json

REALM = 'Bearer realm="Margin Academy support"'
# Issued tokens are 43 characters; anything much longer is not one, and is not hashed.
MAX_TOKEN_LENGTH = 128
EXPOSED = "Location, WWW-Authenticate"
NO_TOKEN = (
    "Send your support API token in the Authorization header: Authorization: Bearer <token>. "
    "An admin issues tokens in the site's admin, under Support API tokens."
)
BAD_TOKEN = (
    "That API token is not valid: it is unknown, was revoked, or its owner's account is "
    "switched off. Ask an admin for a new one."
)
NOT_SUPPORT = (
    "This API token belongs to someone who is no longer on the support team, so it cannot "
    "create cases. Ask an admin to add them back or to issue a token to someone who is."
)
LINK_DAYS_ERROR = (
    f"Link days must be a whole number of days from 1 to {MAX_LINK_DAYS}, such as {LINK_DAYS}."
)


@json_endpoint("POST", cache=NO_STORE, request_headers="Authorization, Content-Type")
def cases(request: HttpRequest) -> HttpResponse:
    secret = _bearer(request)
    if secret is None:
        return _unauthorised(NO_TOKEN, REALM)
    token = _live_token(secret)
    if token is None:
        return _unauthorised(BAD_TOKEN, f'{REALM}, error="invalid_token"')
    if not is_support(token.user):
        return _refused(403, NOT_SUPPORT)
    entry, link_days = _valid_entry(read_json(request, limit=settings.CASE_BODY_LIMIT))
    case, link = _create(entry, link_days, token.user)
    staff_url = request.build_absolute_uri(reverse("support:case", args=[case.pk]))
    body = {
        "id": case.pk,
        "staff_url": staff_url,
        "customer_url": request.build_absolute_uri(reverse("support:customer", args=[link.token])),
        "expires": link.expires.isoformat(),
    }
    response = JsonResponse(body, status=201)
    response["Location"] = staff_url
    response["Access-Control-Expose-Headers"] = EXPOSED
    return response


def _bearer(request: HttpRequest) -> str | None:
    """The token of an `Authorization: Bearer <token>` header (the scheme in any case)."""
    scheme, _, secret = request.headers.get("Authorization", "").strip().partition(" ")
    secret = secret.strip()
    if scheme.lower() != "bearer" or not secret:
        return None
    return secret


def _live_token(secret: str) -> ApiToken | None:
    """The unrevoked token of an active user with this secret, its use recorded."""
    if len(secret) > MAX_TOKEN_LENGTH:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(secret), revoked__isnull=True, user__is_active=True)
        .first()
    )
    if token is not None:
        ApiToken.objects.filter(pk=token.pk).update(last_used=timezone.now())
    return token


def _valid_entry(data: object) -> tuple[CaseEntry, int]:
    """The case the body describes and its link's days, or InvalidBody naming every bad field
    at once."""
    if not isinstance(data, dict):
        raise InvalidBody.whole("The body must be a JSON object of the case's fields.")
    data = dict(data)
    link_days, problems = _link_days(data.pop("link_days", None))
    entry = entry_from_json(data)
    if not entry.is_valid():
        given = [FieldError(field or None, message) for field, message in entry.errors()]
        problems = [*given, *problems]
    if problems or link_days is None:
        # A price path over 2 MB is refused for its size, as the staff form refuses it.
        raise InvalidBody(_capped(problems), status=413 if entry.too_large else 400)
    return entry, link_days


def _link_days(value: object) -> tuple[int | None, list[FieldError]]:
    """The days asked for (LINK_DAYS when left out or null), or None and the error."""
    if value is None:
        return LINK_DAYS, []
    if (
        isinstance(value, Decimal)  # JSON numbers arrive as Decimal; true, "30" and NaN do not
        and 1 <= value <= MAX_LINK_DAYS
        and value == value.to_integral_value()
    ):
        return int(value), []
    return None, [FieldError("link_days", LINK_DAYS_ERROR)]


def _capped(problems: list[FieldError]) -> list[FieldError]:
    """At most MAX_ERRORS errors, as the other endpoints send: a 20,000-row CSV may have
    20,000 mistakes, and the first hundred tell the story."""
    if len(problems) <= MAX_ERRORS:
        return problems
    more = len(problems) - MAX_ERRORS
    return [*problems[:MAX_ERRORS], FieldError(None, f"…and {more} more problems like these.")]


@transaction.atomic
def _create(entry: CaseEntry, link_days: int, author: AbstractBaseUser) -> tuple[Case, CaseLink]:
    """The case, its first customer link and both lines of its audit trail, or none of them."""
    case = Case.objects.create(
        ticket_reference=entry.ticket_reference, spec=to_json(entry.spec), author=author
    )
    links.record(case, CaseEvent.Kind.CREATED, actor=author)
    return case, links.create_link(case, by=author, days=link_days)


def _unauthorised(message: str, challenge: str) -> HttpResponse:
    response = _refused(401, message)
    response["WWW-Authenticate"] = challenge
    return response


def _refused(status: int, message: str) -> HttpResponse:
    response = JsonResponse(serialize.errors([FieldError(None, message)]), status=status)
    response["Access-Control-Expose-Headers"] = EXPOSED
    return response
