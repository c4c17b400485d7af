"""The practice desk and its controls. Every control is a POST form: without JavaScript it
answers 303 back to the desk, or the desk again with the form's errors (422, inputs kept).
With htmx it answers the account's new state, and out of band the control's (cleared or
filled) error messages, never replacing an input. Every answer is private, no-store: it is
one reader's account."""

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_POST, require_safe
from django_htmx.http import reswap

from explainer.engine import practice as engine
from explainer.serving import private

from . import desk, store, tables
from .forms import PracticeForm, ScenarioForm, StepForm

PAGE, STATE, ERRORS = "practice/desk.html", "practice/_state.html", "practice/_errors.html"
SCENARIO, MATH = "practice/scenario.html", "calculators/_math.html"
MATH_OPEN = "X-Practice-Math-Open"


@require_safe
def page(request: HttpRequest) -> HttpResponse:
    return _desk(request, store.load(request))


@require_POST
def control(request: HttpRequest, name: str) -> HttpResponse:
    practice = store.load(request)
    form = desk.CONTROLS[name](request.POST, practice=practice)
    if not form.is_valid():
        return _refused(request, practice, form)
    store.save(request, form.result)
    if not _htmx(request):
        return _back()
    frames = form.played[:-1] if isinstance(form, StepForm) else ()
    return _state(request, form.result, form, frames)


@require_POST
def reset(request: HttpRequest) -> HttpResponse:
    store.reset(request)
    return _state(request, store.load(request)) if _htmx(request) else _back()


def scenario(request: HttpRequest, slug: str) -> HttpResponse:
    """Set up, predict, then play: the prediction starts the scenario on the reader's desk."""
    if request.method not in ("GET", "HEAD", "POST") or slug not in engine.SCENARIOS:
        raise Http404("No such scenario.")
    found = engine.SCENARIOS[slug]
    form = ScenarioForm(request.POST if request.method == "POST" else None, scenario=found)
    if form.is_valid():
        store.start_scenario(request, slug, form.cleaned_data["guess"])
        return _back()
    setup = found.setup()
    context = {
        "scenario": found,
        "form": form,
        "positions": tables.positions(setup, setup.evaluate()),
        "path_title": setup.path.title if setup.path else "",
    }
    status = 422 if form.is_bound else 200
    return _private(render(request, SCENARIO, context, status=status))


def _desk(request, practice, failed: PracticeForm | None = None, status=200) -> HttpResponse:
    context = {"desk": desk.build(practice, failed=failed, scenario=store.scenario(request))}
    return _private(render(request, PAGE, context, status=status))


def _state(request, practice, form: PracticeForm | None = None, frames=()) -> HttpResponse:
    """The new state for htmx. Its math (every figure of every position, worked out) comes
    only when the reader has it open (practice.js says so in a header); otherwise it loads
    when opened: most steps are played with it closed, and it is a good part of a step's time."""
    math_open = request.headers.get(MATH_OPEN) == "1"
    context = {
        "desk": desk.build(practice, scenario=store.scenario(request), lazy_math=not math_open),
        "frames": [desk.live(frame) for frame in frames],
        "form": form,
        "math_open": math_open,
    }
    return _private(render(request, STATE, context), vary=(MATH_OPEN,))


@require_safe
def math(request: HttpRequest) -> HttpResponse:
    """The show-the-math disclosure, open, for the account as it is now."""
    context = {"widget": desk.build(store.load(request)), "math_open": True}
    return _private(render(request, MATH, context))


def _refused(request, practice, form: PracticeForm) -> HttpResponse:
    if not _htmx(request):
        return _desk(request, practice, failed=form, status=422)
    response = render(request, ERRORS, {"form": form}, status=422)
    return _private(reswap(response, "none"))


def _back() -> HttpResponse:
    return _private(HttpResponseRedirect(reverse("practice:desk"), status=303))


def _htmx(request: HttpRequest) -> bool:
    return bool(request.htmx) and not request.htmx.history_restore_request


def _private(response: HttpResponse, vary: tuple[str, ...] = ()) -> HttpResponse:
    patch_vary_headers(response, ("HX-Request", *vary))
    return private(response)
