"""The partner origins that may frame the embed routes, as EMBED_ALLOWED_ORIGINS gives them.

An origin is scheme://host[:port] with nothing after it; the port may be `*` (any port), as
Content-Security-Policy's frame-ancestors reads it ("http://localhost:*"). Anything else is
refused when the settings load, not on the first framed request.
"""

import re

from django.core.exceptions import ImproperlyConfigured

ORIGIN = re.compile(r"https?://(?:[a-z0-9-]+\.)*[a-z0-9-]+(?::(?:\d{1,5}|\*))?", re.IGNORECASE)


def checked_origins(values: list[str]) -> list[str]:
    """The origins, lower-cased, in their order; ImproperlyConfigured names the first bad one."""
    origins = []
    for value in values:
        if not ORIGIN.fullmatch(value):
            raise ImproperlyConfigured(
                f"EMBED_ALLOWED_ORIGINS: {value!r} is not an origin. Write scheme://host[:port] "
                "with no path, query or trailing slash, e.g. https://learn.example.com or "
                "http://localhost:*."
            )
        origins.append(value.lower())
    return origins
