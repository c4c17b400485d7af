from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.request import MediaType


class PermissionsPolicyMiddleware:
    """Adds the Permissions-Policy header, which Django's SecurityMiddleware does not set."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class UrlLengthMiddleware:
    """Refuses an address longer than MAX_URL_LENGTH with a 414 in the site's own words (JSON
    under /api/). gunicorn's own, bare limit (limit_request_line in gunicorn.conf.py) sits
    above this one, so this is the answer a client meets."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if len(request.get_full_path()) > settings.MAX_URL_LENGTH:
            from explainer.views.site import ERRORS, error_response

            return error_response(request, 414, ERRORS["url_too_long"])
        return self.get_response(request)


class RefusedEncodingsMiddleware:
    """Drops the codings a client refuses with q=0 ("gzip;q=0") from Accept-Encoding, which
    GZipMiddleware reads as a plain search for the word "gzip". Django's own MediaType parses
    each entry and its quality."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        header = request.META.get("HTTP_ACCEPT_ENCODING", "")
        if "q=0" in header.replace(" ", ""):
            entries = (MediaType(entry) for entry in header.split(",") if entry.strip())
            kept = [entry.main_type for entry in entries if entry.quality > 0]
            request.META["HTTP_ACCEPT_ENCODING"] = ", ".join(kept)
        return self.get_response(request)


class BodyLimitMiddleware:
    """Refuses a request whose Content-Length is over its route's limit with a 413 in the
    site's own words (JSON under /api/), before anything reads the body.

    A support case may carry a price path of up to 2 MB (CASE_BODY_LIMIT); every other route
    takes BODY_LIMIT. Django's DATA_UPLOAD_MAX_MEMORY_SIZE sits at the larger limit, as the
    backstop for a body that arrives without a Content-Length.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        is_case = _is_case_route(request)
        limit = settings.CASE_BODY_LIMIT if is_case else settings.BODY_LIMIT
        if _content_length(request) > limit:
            from explainer.views.site import API_PREFIX, ERRORS, error_response

            on_api = request.path.startswith(API_PREFIX)
            name = "case_too_large" if is_case else "api_too_large" if on_api else "too_large"
            # An API answer stays readable by a page on any origin, as the API's own are.
            headers = {"Access-Control-Allow-Origin": "*"} if on_api else {}
            return error_response(request, 413, ERRORS[name], **headers)
        return self.get_response(request)


CASE_API_PATH = "/api/v1/cases"
CASE_FORMS_PREFIX = "/support/cases/"


def _is_case_route(request: HttpRequest) -> bool:
    if request.path == CASE_API_PATH:
        return True
    return request.method == "POST" and request.path.startswith(CASE_FORMS_PREFIX)


def _content_length(request: HttpRequest) -> int:
    """What the client says it sends; a missing or malformed header counts as nothing, as
    Django reads it (and then reads no body at all)."""
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0
