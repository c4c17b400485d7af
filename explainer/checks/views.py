"""The readiness check: a landing page, a start that picks a seed, the attempt for a seed
(public: the same bytes for everyone who opens that seed, and no answer in it), its scoring
(POST, private), the reader's recent attempts (a private fragment), and the same in a frame.

Scoring needs only the seed and the answers, so it works in a partner's iframe, where the
session cookie (SameSite=Lax) is not sent."""

import secrets
from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from explainer import throttle
from explainer.embeds import query
from explainer.serving import private, public_page, shared

from . import progress, stats
from .forms import AnswersForm
from .questions import GENERATORS, PASS_PERCENT, SEEDS, attempt
from .scoring import Outcome, score

SITE, EMBED = "base.html", "embeds/base_embed.html"


@require_safe
@public_page(content=False)
def landing(request: HttpRequest) -> HttpResponse:
    return render(request, "checks/landing.html", _context(SITE))


@require_safe
def start(request: HttpRequest) -> HttpResponse:
    return _start(reverse("checks:attempt", args=[secrets.randbelow(SEEDS)]))


# Safe without a CSRF token: a POST changes nothing of value (no account, nothing owned, only
# anonymous counters and the poster's own session), and the session cookie is SameSite=Lax,
# so a cross-site POST carries no session to write into. The attempt page stays public and
# the same bytes for everyone because it holds no token.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def attempt_page(request: HttpRequest, seed: int) -> HttpResponse:
    _check_seed(seed)
    if request.method == "POST":
        return _scored(request, seed, SITE)
    return _attempt(request, seed, SITE)


@require_safe
def recent(request: HttpRequest) -> HttpResponse:
    context = {"attempts": progress.recent(request.session)}
    template = "checks/progress.html"
    if request.htmx and not request.htmx.history_restore_request:
        template = "checks/_progress.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return private(response)


@require_safe
def embed_landing(request: HttpRequest) -> HttpResponse:
    return _in_frame(request, lambda theme: _embed_landing(request, theme))


@require_safe
def embed_start(request: HttpRequest) -> HttpResponse:
    def started(theme: str) -> HttpResponse:
        seed = secrets.randbelow(SEEDS)
        return _start(f"{reverse('checks:embed-attempt', args=[seed])}?theme={theme}")

    return _in_frame(request, started)


@csrf_exempt  # as attempt_page
@require_http_methods(["GET", "HEAD", "POST"])
def embed_attempt(request: HttpRequest, seed: int) -> HttpResponse:
    _check_seed(seed)
    if request.method == "POST":
        return _in_frame(request, lambda theme: _scored(request, seed, EMBED, theme=theme))
    return _in_frame(request, lambda theme: _attempt(request, seed, EMBED, theme=theme))


@public_page(content=False)
def _embed_landing(request: HttpRequest, theme: str) -> HttpResponse:
    return render(request, "checks/landing.html", _context(EMBED, theme))


def _attempt(request: HttpRequest, seed: int, layout: str, theme: str = "") -> HttpResponse:
    form = AnswersForm(attempt(seed))
    context = _context(layout, theme, seed=seed, form=form)
    return _shared(render(request, "checks/attempt.html", context))


def _shared(response: HttpResponse) -> HttpResponse:
    """Public, like `public_page`, but not kept in the server's page cache: the reader picks
    the seed, so a crawler walking seeds could otherwise push the articles out of it.
    ConditionalGetMiddleware gives it an ETag and answers 304."""
    return shared(response)


def _scored(request: HttpRequest, seed: int, layout: str, theme: str = "") -> HttpResponse:
    form = AnswersForm(attempt(seed), data=request.POST)
    if not form.is_valid():
        context = _context(layout, theme, seed=seed, form=form)
        return private(render(request, "checks/attempt.html", context, status=422))
    outcome = score(form.questions, form.answers())
    if throttle.counted_answers(request):
        stats.record(outcome)
    if layout == SITE:
        progress.remember(request.session, seed, outcome)
    context = _context(layout, theme, seed=seed, outcome=outcome, events=_events(outcome))
    return private(render(request, "checks/result.html", context))


def _in_frame(request: HttpRequest, respond: Callable[[str], HttpResponse]) -> HttpResponse:
    """An embed's theme read from the query; an unknown one is a 400 page naming it."""
    asked = query.read("check", request.GET)
    if isinstance(asked, query.BadValue):
        context = {"bad": asked, "theme": "light"}
        return render(request, "embeds/bad_query.html", context, status=400)
    return respond(asked.theme)


def _events(outcome: Outcome) -> dict[str, object]:
    """What check.js tells the framing page: each question's id and whether it was right."""
    questions = [{"question": m.question.id, "correct": m.right} for m in outcome.marks]
    return {"questions": questions, "score": outcome.score, "passed": outcome.passed}


def _start(url: str) -> HttpResponse:
    return private(HttpResponseRedirect(url, status=303))


def _check_seed(seed: int) -> None:
    if not 0 <= seed < SEEDS:
        raise Http404("No such attempt.")


def _context(layout: str, theme: str = "", **extra: object) -> dict[str, object]:
    embedded = layout == EMBED
    suffix = f"?theme={theme}" if embedded else ""
    start_path = reverse("checks:embed-start" if embedded else "checks:start")
    return {
        "start_path": start_path,
        "layout": layout,
        "embedded": embedded,
        "theme": theme,
        "start_url": start_path + suffix,
        "landing_url": reverse("checks:embed-landing" if embedded else "checks:landing") + suffix,
        "question_count": len(GENERATORS),
        "pass_percent": PASS_PERCENT,
        "suffix": suffix,
        **extra,
    }
