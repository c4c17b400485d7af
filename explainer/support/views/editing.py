"""Writing a case: the new-case form (blank, or from a preset), its edit, and the one blank
position row htmx asks for when staff add a position."""

from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from explainer.serving import private
from explainer.views.site import error_response

from .. import links
from ..access import staff_required
from ..entry import CaseEntry
from ..form_data import MAX_POSITIONS
from ..forms import row_form
from ..models import Case, CaseEvent
from ..presets import PRESETS
from ..spec import to_json

FORM = "support/case_form.html"
ROW = "support/_position_row.html"


def _page(request: HttpRequest, template: str, context: dict, status: int = 200) -> HttpResponse:
    """Staff pages belong to one person and stay out of search engines."""
    response = render(request, template, context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return private(response)


def _form_page(
    request: HttpRequest, entry: CaseEntry, case: Case | None = None, status: int = 200
) -> HttpResponse:
    if entry.is_bound and not entry.quiet and status == 200:
        status = 413 if entry.too_large else 422
    context = {
        "entry": entry,
        "case": case,
        "presets": PRESETS.values(),
        "max_positions": MAX_POSITIONS,
    }
    return _page(request, FORM, context, status=status)


@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def new_case(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _new_form(request)
    if "add_row" in request.POST:
        return _form_page(request, CaseEntry.with_row(request.POST, request.FILES))
    entry = CaseEntry(request.POST, request.FILES)
    if not entry.is_valid():
        return _form_page(request, entry)
    with transaction.atomic():
        case = Case.objects.create(
            spec=to_json(entry.spec), ticket_reference=entry.ticket_reference, author=request.user
        )
        links.record(case, CaseEvent.Kind.CREATED, actor=request.user)
    return HttpResponseRedirect(reverse("support:case", args=[case.pk]), status=303)


def _new_form(request: HttpRequest) -> HttpResponse:
    slug = request.GET.get("preset")
    if slug is None:
        return _form_page(request, CaseEntry())
    if slug not in PRESETS:
        known = ", ".join(PRESETS)
        message = f"There is no preset called “{slug[:40]}”. The presets are: {known}."
        return private(error_response(request, 400, ("No such preset", message)))
    return _form_page(request, CaseEntry(initial_spec=PRESETS[slug].spec))


@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit_case(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(Case, pk=pk)
    if request.method != "POST":
        entry = CaseEntry(initial_spec=case.case_spec, ticket_reference=case.ticket_reference)
        return _form_page(request, entry, case)
    if "add_row" in request.POST:
        return _form_page(request, CaseEntry.with_row(request.POST, request.FILES), case)
    entry = CaseEntry(request.POST, request.FILES)
    if not entry.is_valid():
        return _form_page(request, entry, case)
    with transaction.atomic():
        case.spec, case.ticket_reference = to_json(entry.spec), entry.ticket_reference
        case.save(update_fields=["spec", "ticket_reference", "updated"])
        links.record(case, CaseEvent.Kind.EDITED, actor=request.user)
    return HttpResponseRedirect(reverse("support:case", args=[case.pk]), status=303)


@staff_required
@require_safe
def position_row(request: HttpRequest) -> HttpResponse:
    """One position row for htmx: blank, to add (with the new row count, out of band), or
    the row sent, redrawn as kept or as removed when its "Remove" box changes."""
    try:
        index = int(request.GET.get("index", ""))
    except ValueError:
        index = -1
    if not 0 <= index < MAX_POSITIONS:
        message = f"A position row is numbered from 0 to {MAX_POSITIONS - 1}."
        return private(error_response(request, 400, ("No such position row", message)))
    adding = "add_row" in request.GET
    form = row_form(index, None if adding else request.GET)
    context = {"form": form, "index": index, "max_positions": MAX_POSITIONS}
    context["total"] = index + 1 if adding else None  # the new row count, swapped out of band
    return _page(request, ROW, context)
