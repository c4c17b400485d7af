"""Each calculator's page. With htmx the same view answers with just the results partial;
a form with errors answers 400 either way (htmx is configured to swap 4xx responses).
HX-Target names the widget asking (an article can hold several), so responses vary on it too."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from .presets import data_for
from .results_cache import cache_key, results_response
from .widgets import CALCULATORS, build, widget_id_for


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "calculators/index.html", {"calculators": CALCULATORS.values()})


@require_safe
@vary_on_headers("HX-Request", "HX-Target")
def calculator(request: HttpRequest, slug: str) -> HttpResponse:
    if request.htmx and not request.htmx.history_restore_request:
        widget_id = widget_id_for(request.htmx.target)
        key = cache_key(slug, widget_id, data_for(slug, request.GET))
        return results_response(key, lambda: _render(request, slug, widget_id, partial=True))
    return _render(request, slug, "calc", partial=False)


def _render(request: HttpRequest, slug: str, widget_id: str, *, partial: bool) -> HttpResponse:
    widget = build(slug, request.GET, widget_id=widget_id)
    template = widget.partial if partial else widget.calculator.template
    status = 200 if widget.valid else 400
    return render(request, template, {"widget": widget, "partial": partial}, status=status)
