"""Each calculator's page. With htmx the same view answers with just the results partial;
a form with errors answers 400 either way (htmx is configured to swap 4xx responses).
HX-Target names the widget asking (an article can hold several), so responses vary on it too."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from .widgets import CALCULATORS, build, widget_id_for


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "calculators/index.html", {"calculators": CALCULATORS.values()})


@require_safe
@vary_on_headers("HX-Request", "HX-Target")
def calculator(request: HttpRequest, slug: str) -> HttpResponse:
    partial = bool(request.htmx) and not request.htmx.history_restore_request
    widget_id = widget_id_for(request.htmx.target) if partial else "calc"
    widget = build(slug, request.GET, widget_id=widget_id)
    template = widget.calculator.template + ("#results" if partial else "")
    status = 200 if widget.valid else 400
    return render(request, template, {"widget": widget, "partial": partial}, status=status)
