"""A predict widget's page and its embed. Without a guess the page is public and kept (the
same bytes for every reader). With a guess the server works out the answer, counts the guess
(stats.py) and answers `private, no-store`: a kept copy would skip the count. With htmx the
same address answers with just the reveal; an invalid guess answers 422 either way."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from explainer.embeds import query
from explainer.serving import private, public_page

from . import stats
from .widgets import PredictWidget, page_url, question_or_404, widget_for

PAGE, EMBED, REVEAL = "predict/page.html", "predict/embed.html", "predict/_widget.html#reveal"


@require_safe
def question(request: HttpRequest, slug: str) -> HttpResponse:
    widget = widget_for(question_or_404(slug), request.GET, action=page_url(slug))
    if not widget.guessed:
        return _unguessed(request, PAGE, widget)
    return _reveal(request, PAGE, widget)


@require_safe
def embed(request: HttpRequest, slug: str) -> HttpResponse:
    found = question_or_404(slug)
    asked = query.read(slug, request.GET)
    if isinstance(asked, query.BadValue):
        return render(
            request, "embeds/bad_query.html", {"bad": asked, "theme": "light"}, status=400
        )
    hidden = {"theme": asked.theme} if asked.theme != "light" else {}
    action = reverse("predict:embed", args=[slug])
    widget = widget_for(found, request.GET, action=action, hidden=hidden)
    if not widget.guessed:
        return _unguessed(request, EMBED, widget, theme=asked.theme)
    return _reveal(request, EMBED, widget, theme=asked.theme, embedded=True)


@public_page(content=False)
def _unguessed(
    request: HttpRequest, template: str, widget: PredictWidget, theme: str = "light"
) -> HttpResponse:
    return render(request, template, {"widget": widget, "theme": theme})


def _reveal(
    request: HttpRequest,
    template: str,
    widget: PredictWidget,
    theme: str = "light",
    embedded: bool = False,
) -> HttpResponse:
    if widget.valid:
        stats.record(widget.question.slug, widget.verdict)
    if request.htmx and not request.htmx.history_restore_request:
        template = REVEAL
    context = {
        "widget": widget,
        "theme": theme,
        "partial": template == REVEAL,
        "embedded": embedded,
    }
    response = render(request, template, context, status=200 if widget.valid else 422)
    patch_vary_headers(response, ("HX-Request",))
    return private(response)
