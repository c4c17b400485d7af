from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from explainer.search import search as run_search
from explainer.serving import public_page

MAX_QUERY = 200


@require_safe
@public_page
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:MAX_QUERY].strip()
    context = {"query": query, "hits": run_search(query) if query else []}
    template = "search.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    return render(request, template, context)
