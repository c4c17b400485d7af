"""Who may frame which page. Every route keeps the site's policy (X-Frame-Options: DENY and
frame-ancestors 'none', from settings) except the embed routes under /embed/: those may be
framed by the site itself (the "Embed this" preview) and by EMBED_ALLOWED_ORIGINS, read at
request time, and send no X-Frame-Options, which has no way to name several origins.

The policy is the site's SECURE_CSP with frame-ancestors replaced; Django's CSP middleware
leaves a header a view or an inner middleware has already set, as csp_override would.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.csp import CSP, build_policy

EMBED_PREFIX = "/embed/"


def is_embed_route(path: str) -> bool:
    """/embed/<something>/; /embed/ itself is the protocol's documentation, a normal page."""
    return path.startswith(EMBED_PREFIX) and path != EMBED_PREFIX


def allowed_origins() -> list[str]:
    return list(getattr(settings, "EMBED_ALLOWED_ORIGINS", []))


def embed_policy() -> dict[str, list[str]]:
    return {**settings.SECURE_CSP, "frame-ancestors": [CSP.SELF, *allowed_origins()]}


class EmbedFramingMiddleware:
    """Sits below XFrameOptionsMiddleware and ContentSecurityPolicyMiddleware, so it sees each
    response first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if is_embed_route(request.path):
            response.xframe_options_exempt = True
            response.headers.pop("X-Frame-Options", None)
            response.headers[str(CSP.HEADER_ENFORCE)] = build_policy(embed_policy())
        return response
