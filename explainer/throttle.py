"""How often one client address may vote or call the API, counted by django-ratelimit.

The counters live in Django's "default" cache: shared by every worker when `CACHE_URL` names a
Redis server, one set per process with the LocMem default.

The client address is `REMOTE_ADDR`. `X-Forwarded-For` is ignored unless `TRUSTED_PROXY_COUNT`
says how many reverse proxies in front of gunicorn append to it: any client can write that
header, but each trusted proxy appends the address it saw, so with N proxies the Nth entry from
the right is the client's. A request that did not pass through them all keeps `REMOTE_ADDR`.
Login lockouts (django-axes) use the same address.
"""

import ipaddress
import logging

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import get_usage
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def client_address(request: HttpRequest) -> str:
    remote_addr = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote_addr
    forwarded = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(forwarded) < proxies:
        return remote_addr
    try:
        return str(ipaddress.ip_address(forwarded[-proxies]))
    except ValueError:
        return remote_addr


def vote_wait(request: HttpRequest, article_slug: str) -> int | None:
    """Counts a vote; the seconds this address must wait if it is over a limit, else None."""
    return _wait(
        request,
        {
            f"votes:{article_slug}": settings.VOTE_RATE_LIMIT_PER_ARTICLE,
            "votes": settings.VOTE_RATE_LIMIT,
        },
    )


def api_wait(request: HttpRequest) -> int | None:
    """Counts an API request; the seconds this address must wait if it is over the limit."""
    return _wait(request, {"api": settings.API_RATE_LIMIT})


def counted_answers(request: HttpRequest) -> bool:
    """Whether this address's readiness-check answers still go into the statistics: past the
    limit the reader is scored all the same, but one address cannot skew what the content
    team reads."""
    return _wait(request, {"check-answers": settings.CHECK_STATS_RATE_LIMIT}) is None


def counted_search(request: HttpRequest) -> bool:
    """Whether this search or click on a result still goes into the search statistics: past
    the limits the reader is served all the same, but neither one address nor a crowd of them
    can fill the tables."""
    if _wait(request, {"search-stats": settings.SEARCH_STATS_RATE_LIMIT}) is not None:
        return False
    total = {"search-stats-total": settings.SEARCH_STATS_TOTAL_RATE_LIMIT}
    return _wait(request, total, key=_everyone) is None


def _everyone(group: str, request: HttpRequest) -> str:
    return "everyone"


def _wait(request: HttpRequest, rates_by_group: dict[str, str], key="ip") -> int | None:
    if key == "ip" and not client_address(request):  # gunicorn on a unix socket passes none
        return None
    waits = []
    for group, rate in rates_by_group.items():
        try:
            usage = get_usage(request, group=group, key=key, rate=rate, increment=True)
        except RedisError:  # an unreachable counter is no reason to turn the reader away
            logger.exception("Could not count the %s rate limit", group)
            continue
        if usage is not None and usage["should_limit"]:
            waits.append(max(usage["time_left"], 1))
    return max(waits, default=None)
