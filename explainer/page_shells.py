"""Whole pages kept as shells: rendered once, with marks where each response's own values go.

Most pages are the same for every reader but for two values that must be new on every
response: the CSP nonce (in three tags) and the CSRF token of a form. A shell is the page as
rendered for one request with those two values swapped for marks, cut at the marks. Serving it
again joins the pieces around this response's values, so a kept page costs little more than a
bare view. The marks are random per process and never sent. Only pages whose rest depends on
nothing but `key` may be kept.

Compressing the 70 KB page took longer than serving it, so each piece is also kept deflated
(see `gzip_body`) and only the two short values are compressed per response.
"""

import re
import secrets
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.middleware.csp import get_nonce
from django.middleware.csrf import get_token
from django.middleware.gzip import re_accepts_gzip
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers

NONCE_MARK = f"nonce-mark-{secrets.token_hex(16)}"
TOKEN_MARK = f"token-mark-{secrets.token_hex(16)}"
TOKEN_INPUT = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
MARKS = re.compile(f"({NONCE_MARK}|{TOKEN_MARK})")
# How long a shell is kept: content changes (manage.py load_content) show within this.
KEEP_SECONDS = 30


@dataclass(frozen=True)
class Shell:
    texts: tuple[bytes, ...]  # UTF-8, one more than there are marks
    marks: tuple[str, ...]  # which value goes between texts[i] and texts[i + 1]
    deflated: tuple[bytes, ...]  # each text as raw deflate blocks, flushed to a byte boundary

    @classmethod
    def of(cls, html: str, nonce: str) -> "Shell":
        marked = TOKEN_INPUT.sub(rf"\g<1>{TOKEN_MARK}\g<2>", html.replace(nonce, NONCE_MARK))
        pieces = MARKS.split(marked)
        texts = tuple(piece.encode() for piece in pieces[::2])
        return cls(texts, tuple(pieces[1::2]), tuple(map(deflate, texts)))


def page_response(
    request: HttpRequest,
    template: str,
    context: Callable[[], dict],
    *,
    key: str,
    seconds: int = KEEP_SECONDS,
) -> HttpResponse:
    """`template` rendered with `context()` for this request, from the shell kept under `key`
    (and the host) for `seconds` when there is one; `context` is called only to render one.
    Gzipped here when the client accepts it, so GZipMiddleware leaves it alone."""
    nonce = get_nonce(request)
    if nonce is None:  # no CSP middleware, so no nonce to mark: render as usual
        return HttpResponse(render_to_string(template, context(), request))
    nonce = str(nonce)  # evaluated, so the middleware puts it in the header
    cache = caches["rendered"]
    shell_key = f"shell:{request.scheme}://{request.get_host()}:{key}"
    shell = cache.get(shell_key)
    if shell is None:
        shell = Shell.of(render_to_string(template, context(), request), nonce)
        cache.set(shell_key, shell, seconds)
    values = {NONCE_MARK: nonce.encode()}
    if TOKEN_MARK in shell.marks:
        values[TOKEN_MARK] = get_token(request).encode()  # which also sets the CSRF cookie
    filled = [values[mark] for mark in shell.marks]
    response = HttpResponse()
    patch_vary_headers(response, ("Accept-Encoding",))
    if re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        response.content = gzip_body(shell, filled)
        response.headers["Content-Encoding"] = "gzip"
    else:
        response.content = b"".join(_interleave(shell.texts, filled))
    return response


def deflate(data: bytes) -> bytes:
    """Raw deflate blocks, none marked final, ending on a byte boundary (a sync flush), so
    such pieces can follow one another in a single stream."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH)


def gzip_body(shell: Shell, filled: list[bytes]) -> bytes:
    """One gzip member (RFC 1952): the kept deflated texts with the values deflated between
    them, an empty final block, then the CRC-32 and length of the whole page. Like Django's
    GZipMiddleware, the header carries a random-length file name against BREACH."""
    padding = b"a" * secrets.randbelow(100) + b"\x00"
    header = b"\x1f\x8b\x08\x08\x00\x00\x00\x00\x00\xff" + padding  # deflate, FNAME, no mtime
    crc, size, blocks = 0, 0, []
    for index, text in enumerate(shell.texts):
        crc, size = zlib.crc32(text, crc), size + len(text)
        blocks.append(shell.deflated[index])
        if index < len(filled):
            crc, size = zlib.crc32(filled[index], crc), size + len(filled[index])
            blocks.append(deflate(filled[index]))
    final_empty_block = b"\x03\x00"
    trailer = struct.pack("<II", crc, size & 0xFFFFFFFF)
    return b"".join([header, *blocks, final_empty_block, trailer])


def _interleave(texts: tuple[bytes, ...], filled: list[bytes]) -> list[bytes]:
    pieces = [texts[0]]
    for value, text in zip(filled, texts[1:], strict=True):
        pieces += [value, text]
    return pieces
