"""Results partials kept by the question asked, so the same question costs the engine once.

A results partial depends only on its calculator, the widget asking (its ids) and the form
data: it holds no nonce, no CSRF token and nothing about the reader. A reader dragging a
slider back to where it was, or many readers trying 10× on the seed trade, get the bytes
rendered the first time. Answers with field errors are kept too; they are just as fixed.
"""

import hashlib
from collections.abc import Callable, Mapping

from django.core.cache import caches
from django.http import HttpResponse

Render = Callable[[], HttpResponse]


def cache_key(slug: str, widget_id: str, data: Mapping[str, str]) -> str:
    asked = repr((slug, widget_id, sorted(data.items())))
    return "results:" + hashlib.sha256(asked.encode()).hexdigest()


def results_response(key: str, render: Render) -> HttpResponse:
    """The kept partial for `key`, or `render()`'s answer, kept for next time."""
    cache = caches["rendered"]
    kept = cache.get(key)
    if kept is not None:
        content, status = kept
        return HttpResponse(content, status=status)
    response = render()
    cache.set(key, (response.content, response.status_code))
    return response
