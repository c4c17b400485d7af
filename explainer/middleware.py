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
