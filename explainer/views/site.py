"""robots.txt, and the error pages: HTML that says what is true for each case, or the API's
JSON error body for anything under /api/ (a client there must never have to parse HTML)."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

API_PREFIX = "/api/"
ERROR_FRAGMENT = "includes/_request_failed.html"


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    # Crawlers skip search too: its result links and beacon would count as readers.
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /api/", "Disallow: /search/"]
    lines.append(f"Sitemap: {sitemap}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if isinstance(exception, RequestDataTooBig):
        return error_response(request, 413, ERRORS["too_large"])
    return error_response(request, 400, ERRORS["bad_request"])


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(request, 403, ERRORS["forbidden"])


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return forbidden(request)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return _json(404, "There is no such address in the API; see /api/v1/docs/.")
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return error_response(request, 500, ERRORS["server_error"])


def error_response(
    request: HttpRequest, status: int, text: tuple[str, str], **headers: str
) -> HttpResponse:
    """JSON under /api/, a short fragment for htmx to show in place, else a whole page."""
    title, message = text
    if request.path.startswith(API_PREFIX):
        response = _json(status, message)
    else:
        template = ERROR_FRAGMENT if getattr(request, "htmx", False) else "error.html"
        context = {"status": status, "title": title, "message": message}
        response = render(request, template, context, status=status)
    for name, value in {"Cache-Control": "no-store", **headers}.items():
        response[name] = value
    return response


def _json(status: int, message: str) -> JsonResponse:
    return JsonResponse({"errors": [{"field": None, "message": message}]}, status=status)


ERRORS = {
    "bad_request": (
        "We could not read that request",
        "Something in the request was malformed, so nothing was done with it. Go back and try "
        "again; if it keeps happening, reload the page first.",
    ),
    "too_large": (
        "That was too much to send",
        f"The request was over {settings.BODY_LIMIT // 1024} KB, so it was not "
        "read and nothing was saved. If you were "
        "writing a comment, shorten it and send it again.",
    ),
    # The API's words for the same limit, as its own views put it.
    "api_too_large": (
        "That was too much to send",
        f"The body is over {settings.BODY_LIMIT // 1024} KB.",
    ),
    # A support case, from the staff form or POST /api/v1/cases.
    "case_too_large": (
        "That case was too much to send",
        "The case was larger than we accept, so it was not read and nothing was saved. A price "
        "path may have up to 20,000 rows and 2 MB: keep the rows around the liquidation, "
        "remove the rest, and send it again.",
    ),
    "forbidden": (
        "That request was refused",
        "Your browser sent a form we could not verify (its security token was missing or "
        "old), so nothing was saved. Reload the page and try again.",
    ),
    "url_too_long": (
        "That address is too long",
        "The address was longer than we accept, so the page was not loaded.",
    ),
    "server_error": (
        "Something went wrong on our side",
        "The error has been logged. If you were sending something, such as a vote or a "
        "comment, it may not have been saved: please try again in a moment.",
    ),
}
