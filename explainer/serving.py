"""How pages are served: public pages the same bytes for every reader, kept by Django's cache
and by any HTTP cache in front; what belongs to one reader marked private.

A public page holds no CSRF token, no nonce and nothing about the reader, so:
- Django's `cache_page` keeps it in the "content" cache under the release and the content
  version (explainer/content/version.py): an edit or a deploy is a new key, seen at once;
- its ETag names the release, the content version and the variant, so Django's `condition`
  answers a matching If-None-Match with 304 before anything is rendered or fetched;
- it is kept gzipped too (`gzip_page` inside `cache_page`), so compressing costs once;
- `Cache-Control: public, max-age, stale-while-revalidate` lets browsers and a CDN keep it;
- `Vary: HX-Request` keeps a partial and its full page apart (GZipMiddleware adds
  `Accept-Encoding`).
A page asked for with a query string (a search, a calculator permalink) gets the same headers
but is not kept here: the reader picks its key, and must not be able to push articles out.
"""

import hashlib
from collections.abc import Callable
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.cache import cache_page
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import condition

from explainer.content import version

View = Callable[..., HttpResponse]


def _release() -> str:
    """What the code that renders pages is: RELEASE when the deploy names it, otherwise a
    digest of the templates and Python source, the same on every machine of one deploy."""
    if named := getattr(settings, "RELEASE", ""):
        return named
    root = Path(settings.BASE_DIR)
    digest = hashlib.sha256()
    for path in sorted([*root.glob("templates/**/*.html"), *root.glob("explainer/**/*.py")]):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


RELEASE = _release()


def public_page(view: View | None = None, *, content: bool = True) -> View:
    """Serve `view`'s successful GET answers as public pages (see the module's docstring).
    `content=False` for pages that no article, category or glossary edit can change (the
    calculators): they are kept under the release alone, and ask nothing of the database."""
    if view is None:
        return lambda view: public_page(view, content=content)

    def etag(request: HttpRequest, *args: object, **kwargs: object) -> str:
        """What the page is made of: the release, the content version and the variant (page
        or htmx partial). Known before anything is rendered or fetched, so a revalidation is
        answered 304 at once; weak, since the gzipped and plain copies are the same page."""
        number = _content_version(request) if content else "code"
        variant = "partial" if request.headers.get("HX-Request") else "page"
        return f'W/"{RELEASE}-{number}-{variant}"'

    @wraps(view)
    def marked(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        response = view(request, *args, **kwargs)
        patch_vary_headers(response, ("HX-Request",))  # before cache_page learns the key
        return response

    @wraps(view)
    def kept(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if request.GET:
            return marked(request, *args, **kwargs)
        prefix = f"{RELEASE}.{_content_version(request)}" if content else RELEASE
        keep = cache_page(settings.PAGE_MAX_AGE, cache="content", key_prefix=prefix)
        return keep(compressed)(request, *args, **kwargs)

    # Compressed before it is kept (a copy for each Accept-Encoding, by its Vary), so a kept
    # page is not compressed again for every reader. A public page holds no secret, so one
    # gzip stream for everyone gives BREACH nothing to find.
    compressed = gzip_page(marked)
    revalidated = condition(etag_func=etag)(kept)

    @wraps(view)
    def public(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        response = revalidated(request, *args, **kwargs)
        if response.status_code in (200, 304):
            patch_vary_headers(response, ("HX-Request", "Accept-Encoding"))
            shared(response)
        return response

    return public


def shared(response: HttpResponse) -> HttpResponse:
    """What lets browsers and any CDN keep a public page: fresh for PAGE_MAX_AGE, then served
    while it is revalidated for PAGE_STALE_WHILE_REVALIDATE."""
    patch_cache_control(
        response,
        public=True,
        max_age=settings.PAGE_MAX_AGE,
        stale_while_revalidate=settings.PAGE_STALE_WHILE_REVALIDATE,
    )
    return response


def _content_version(request: HttpRequest) -> int:
    """Read once a request: the ETag and the cache key then name the same version even if an
    edit lands in between, and a shared cache is asked once, not twice."""
    if not hasattr(request, "content_version"):
        request.content_version = version.current()
    return request.content_version


def private(response: HttpResponse) -> HttpResponse:
    """For what belongs to one reader: never kept by a browser, a proxy or a CDN."""
    patch_cache_control(response, private=True, no_store=True)
    return response
