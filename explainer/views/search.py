from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from explainer import search as searching
from explainer.serving import public_page

MAX_QUERY = 200


def query_of(request: HttpRequest) -> tuple[str, bool]:
    """The reader's query and whether they asked for its exact words (no spelling fixes)."""
    return request.GET.get("q", "")[:MAX_QUERY].strip(), request.GET.get("exact") == "1"


@require_safe
@public_page
def search(request: HttpRequest) -> HttpResponse:
    query, exact = query_of(request)
    results = searching.run(query, exact=exact)
    context = {"query": query, "exact": exact, "hits": results.hits, "corrected": results.corrected}
    template = "search.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    return render(request, template, context)
