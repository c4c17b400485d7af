"""Whole pages kept as shells: rendered once, with marks where each response's own values go.

Most pages are the same for every reader but for two values that must be new on every
response: the CSP nonce (in three tags) and the CSRF token of a form. A shell is the page as
rendered for one request with those two values swapped for marks, cut at the marks; serving it
again is one join, so a kept page costs little more than a bare view. The marks are random per
process and never sent. Only pages whose rest depends on nothing but `key` may be kept.
"""

import re
import secrets
from collections.abc import Callable

from django.core.cache import caches
from django.http import HttpRequest
from django.middleware.csp import get_nonce
from django.middleware.csrf import get_token
from django.template.loader import render_to_string

NONCE_MARK = f"nonce-mark-{secrets.token_hex(16)}"
TOKEN_MARK = f"token-mark-{secrets.token_hex(16)}"
TOKEN_INPUT = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
MARKS = re.compile(f"({NONCE_MARK}|{TOKEN_MARK})")


def page(
    request: HttpRequest, template: str, context: Callable[[], dict], *, key: str, seconds: int
) -> str:
    """`template` rendered with `context()` for this request, from the shell kept under `key`
    (and the host) for `seconds` when there is one; `context` is called only to render one."""
    nonce = get_nonce(request)
    if nonce is None:  # no CSP middleware, so no nonce to mark: render as usual
        return render_to_string(template, context(), request)
    nonce = str(nonce)  # evaluated, so the middleware puts it in the header
    cache = caches["rendered"]
    shell_key = f"shell:{request.scheme}://{request.get_host()}:{key}"
    pieces = cache.get(shell_key)
    if pieces is None:
        pieces = _shell(render_to_string(template, context(), request), nonce)
        cache.set(shell_key, pieces, seconds)
    values = {NONCE_MARK: nonce}
    if TOKEN_MARK in pieces:
        values[TOKEN_MARK] = get_token(request)  # which also sets the CSRF cookie
    return "".join(values.get(piece, piece) for piece in pieces)


def _shell(html: str, nonce: str) -> list[str]:
    """The page cut at its marks: [text, mark, text, mark, …, text]."""
    marked = TOKEN_INPUT.sub(rf"\g<1>{TOKEN_MARK}\g<2>", html.replace(nonce, NONCE_MARK))
    return MARKS.split(marked)
