"""Results partials kept by the question asked, so the same question costs the engine once.

A results partial depends only on its calculator, the widget asking (its ids), the form data
completed with the calculator's defaults, and the code that renders it: it holds no token and
nothing about the reader. A reader dragging a slider back to where it was, or many readers
trying 10× on the seed trade, get the bytes rendered the first time. Answers with field errors
are kept too; they are just as fixed. The "results" cache has its own alias, so calculator
traffic never evicts pages; with Redis every worker and machine shares it.
"""

import hashlib
from collections.abc import Callable, Mapping, Sequence

from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from explainer.serving import RELEASE

# A day: the answer to a question never changes within a release.
SECONDS = 86400


def cache_key(slug: str, widget_id: str, data: Mapping[str, str]) -> str:
    asked = repr((RELEASE, slug, widget_id, sorted(data.items())))
    return hashlib.sha256(asked.encode()).hexdigest()


def kept(key: str) -> HttpResponse | None:
    found = caches["results"].get(key)
    if found is None:
        return None
    content, status = found
    return HttpResponse(content, status=status)


def keep(key: str, response: HttpResponse) -> None:
    caches["results"].set(key, (response.content, response.status_code), SECONDS)


def answer(key: str, render: Callable[[], HttpResponse], *, vary: Sequence[str]) -> HttpResponse:
    """The partial kept under `key`, or `render`'s, kept for next time; public for an hour to
    browsers, varying on the headers that chose it."""
    response = kept(key)
    if response is None:
        response = render()
        keep(key, response)
    patch_vary_headers(response, vary)
    patch_cache_control(response, public=True, max_age=3600)
    return response
