"""Each calculator's page. With htmx the same address answers with just the results partial,
kept by the question asked (results_cache). A form that failed validation answers 422 either
way: htmx swaps it (see base.html), and django-htmx's debug script, which replaces the whole
document for a 400, leaves it alone. HX-Target names the widget asking (an article can hold
several), so partials vary on it too."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from explainer.serving import public_page

from . import results_cache
from .presets import data_for
from .widgets import CALCULATORS, Widget, widget_for, widget_id_for


@require_safe
@public_page(content=False)
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "calculators/index.html", {"calculators": CALCULATORS.values()})


@require_safe
def calculator(request: HttpRequest, slug: str) -> HttpResponse:
    if request.htmx and not request.htmx.history_restore_request:
        return _results(request, slug)
    return _page(request, slug)


@public_page(content=False)
def _page(request: HttpRequest, slug: str) -> HttpResponse:
    widget = widget_for(slug, data_for(slug, request.GET))
    context = {"widget": widget, "partial": False}
    return render(request, widget.calculator.template, context, status=_status(widget))


def _results(request: HttpRequest, slug: str) -> HttpResponse:
    widget_id = widget_id_for(request.htmx.target)
    data = data_for(slug, request.GET)
    key = results_cache.cache_key(slug, widget_id, data)

    def rendered() -> HttpResponse:
        widget = widget_for(slug, data, widget_id=widget_id)
        context = {"widget": widget, "partial": True}
        return render(request, widget.partial, context, status=_status(widget))

    return results_cache.answer(key, rendered, vary=("HX-Request", "HX-Target"))


def _status(widget: Widget) -> int:
    return 200 if widget.valid else 422
