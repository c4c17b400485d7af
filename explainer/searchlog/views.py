"""The two small endpoints that count searches, so the search page itself stays the same bytes
for every reader and any cache may keep it: a beacon the results ask for once they settle, and
the redirect each result link goes through. Both answer privately, counted or not."""

import base64
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET

from explainer import search as searching
from explainer import throttle
from explainer.serving import private
from explainer.views.search import query_of

from . import record

# A transparent 1×1 GIF: what the no-JavaScript beacon, an <img>, is answered with.
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


@require_GET
def seen(request: HttpRequest) -> HttpResponse:
    query, exact = query_of(request)
    if query and throttle.counted_search(request):
        # Searched again rather than taken from the beacon's address: nobody can write a
        # result count into the statistics.
        record.record_search(query, searching.run(query, exact=exact))
    return private(HttpResponse(PIXEL, content_type="image/gif"))


@require_GET
def go(request: HttpRequest) -> HttpResponse:
    query, exact = query_of(request)
    target = request.GET.get("to", "")
    hits = searching.run(query, exact=exact).hits
    for position, hit in enumerate(hits, start=1):
        if hit.url == target:
            if throttle.counted_search(request):
                record.record_click(query, hit, position)
            return private(redirect(hit.url))
    # Only a current result is a destination: the link cannot send anyone elsewhere.
    return private(redirect(f"{reverse('search')}?{urlencode({'q': query})}"))
