"""The embed routes: each calculator in a frame (the same form, engine and htmx partial as its
page), the loader at /embed.js, and /embed/, which documents the protocol."""

import hashlib
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition, require_safe

from explainer.calculators import results_cache
from explainer.calculators.presets import data_for
from explainer.calculators.widgets import CALCULATORS, Widget, widget_for
from explainer.serving import public_page

from . import framing, query
from .results import change

TEMPLATE = "embeds/calculator.html"
# The cache's key for an embed's partial, apart from the calculator page's (another template).
WIDGET_KEY = "embed"
LOADER = Path(settings.BASE_DIR) / "static" / "js" / "embed-loader.js"
# Partners link /embed.js itself, not a hashed name: kept a day, then revalidated by ETag.
LOADER_MAX_AGE = 86400
LOADER_STALE = 7 * 86400


@require_safe
@public_page(content=False)
def index(request: HttpRequest) -> HttpResponse:
    context = {
        "calculators": CALCULATORS.values(),
        "allowed_origins": framing.allowed_origins(),
        "themes": query.THEMES,
        "presets": query.allowed_presets("isolated-vs-cross"),
    }
    return render(request, "embeds/index.html", context)


@require_safe
def calculator(request: HttpRequest, slug: str) -> HttpResponse:
    asked = query.read(slug, request.GET)
    if isinstance(asked, query.BadValue):
        context = {"bad": asked, "theme": "light"}
        return render(request, "embeds/bad_query.html", context, status=400)
    if request.htmx and not request.htmx.history_restore_request:
        return _results(request, slug, asked)
    return _page(request, slug, asked)


@public_page(content=False)
def _page(request: HttpRequest, slug: str, asked: query.EmbedQuery) -> HttpResponse:
    widget = widget_for(slug, data_for(slug, request.GET, asked.preset))
    context = {
        "widget": widget,
        "embed_url": reverse(f"embeds:{slug}"),
        "theme": asked.theme,
        "change": change(widget),
        "preset_links": query.preset_links(slug, asked.theme),
    }
    return render(request, TEMPLATE, context, status=_status(widget))


def _results(request: HttpRequest, slug: str, asked: query.EmbedQuery) -> HttpResponse:
    data = data_for(slug, request.GET, asked.preset)
    key = results_cache.cache_key(slug, WIDGET_KEY, data)

    def rendered() -> HttpResponse:
        widget = widget_for(slug, data)
        context = {"widget": widget, "change": change(widget)}
        return render(request, f"{TEMPLATE}#results", context, status=_status(widget))

    return results_cache.answer(key, rendered, vary=("HX-Request",))


def _status(widget: Widget) -> int:
    return 200 if widget.valid else 422


@lru_cache(maxsize=1)
def _loader() -> tuple[bytes, str]:
    source = LOADER.read_bytes()
    return source, f'"{hashlib.sha256(source).hexdigest()[:16]}"'


@require_safe
@condition(etag_func=lambda request: _loader()[1])
def loader(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(_loader()[0], content_type="text/javascript; charset=utf-8")
    patch_cache_control(
        response, public=True, max_age=LOADER_MAX_AGE, stale_while_revalidate=LOADER_STALE
    )
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response
