"""The support desk's staff pages: signing in and out, the list of cases, and a case with its
customer links and audit trail. Any member of the support team may open any case: the team
shares its cases."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from explainer.serving import private

from .. import links
from ..access import SUPPORT_GROUP, is_support, staff_required
from ..models import Case, CaseLink
from ..report import case_report

PER_PAGE = 25


def _page(request: HttpRequest, template: str, context: dict, status: int = 200) -> HttpResponse:
    """Staff pages belong to one person and stay out of search engines."""
    response = render(request, template, context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return private(response)


def home(request: HttpRequest) -> HttpResponse:
    return redirect("support:cases")


class SignInForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": (
            "That username and password do not match. Check both (they are case-sensitive) "
            f"and try again: after {settings.AXES_FAILURE_LIMIT} wrong passwords, signing in "
            "pauses for a while."
        ),
        "not_support": (
            "This account is not on the support team. Ask an administrator to add it to the "
            "support group."
        ),
    }

    def confirm_login_allowed(self, user: AbstractBaseUser) -> None:
        super().confirm_login_allowed(user)
        if not is_support(user):
            raise ValidationError(self.error_messages["not_support"], code="not_support")


@sensitive_post_parameters("password")
@csrf_protect
@require_http_methods(["GET", "HEAD", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    # The form passes the request to authenticate(), so django-axes counts wrong passwords.
    form = SignInForm(request, data=request.POST if request.method == "POST" else None)
    if form.is_valid():
        login(request, form.get_user())
        return redirect(_next(request))
    context = {"form": form, "next": request.POST.get("next") or request.GET.get("next", "")}
    return _page(request, "support/login.html", context, status=422 if form.is_bound else 200)


def _next(request: HttpRequest) -> str:
    """Where the sign-in page was asked to go next, if that is on this site."""
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe else reverse("support:cases")


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, "You are signed out.")
    return redirect("support:login")


class CaseFilter(forms.Form):
    q = forms.CharField(
        label="Ticket reference",
        required=False,
        max_length=64,
        error_messages={"max_length": "A ticket reference is at most 64 characters long."},
        widget=forms.SearchInput(attrs={"placeholder": "e.g. ZD-1001"}),
    )
    author = forms.ModelChoiceField(
        label="Author", required=False, queryset=None, to_field_name="username"
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["author"].queryset = _authors()
        self.fields["author"].empty_label = "Anyone"
        # "from" is a Python keyword, so these two are added here rather than declared above.
        for name, label in (("from", "Created from"), ("to", "Created until")):
            self.fields[name] = forms.DateField(
                label=label,
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}),
                error_messages={"invalid": "Enter a date like 2026-12-01."},
            )

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("from"), data.get("to")
        if start and end and end < start:
            self.add_error("to", "This date is before the “Created from” date.")
        return data


def _authors() -> QuerySet:
    """Anyone on the support team, and anyone who wrote a case, even if no longer on it."""
    members = Q(groups__name=SUPPORT_GROUP) | Q(is_superuser=True) | Q(support_cases__isnull=False)
    return get_user_model().objects.filter(members).distinct().order_by("username")


@staff_required
@require_safe
def case_list(request: HttpRequest) -> HttpResponse:
    form = CaseFilter(request.GET)
    if not form.is_valid():
        return _page(request, "support/case_list.html", {"form": form}, status=422)
    page = Paginator(_cases(form.cleaned_data), PER_PAGE).get_page(request.GET.get("page"))
    return _page(request, "support/case_list.html", {"form": form, "page": page})


def _cases(wanted: dict) -> QuerySet:
    live = Q(links__revoked__isnull=True, links__expires__gt=timezone.now())
    cases = (
        Case.objects.defer("spec")  # a path can hold 20,000 rows; the list needs the positions
        .select_related("author")
        .annotate(
            positions=F("spec__positions"),
            live_links=Count("links", filter=live),
            customer_views=Coalesce(Sum("links__views"), 0),
        )
        .order_by("-created", "-pk")
    )
    if wanted["q"]:
        cases = cases.filter(ticket_reference__icontains=wanted["q"])
    if wanted["author"]:
        cases = cases.filter(author=wanted["author"])
    if wanted["from"]:
        cases = cases.filter(created__date__gte=wanted["from"])
    if wanted["to"]:
        cases = cases.filter(created__date__lte=wanted["to"])
    return cases


@staff_required
@require_safe
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(Case.objects.select_related("author"), pk=pk)
    return _case_page(request, case, links.LinkForm())


def _case_page(
    request: HttpRequest, case: Case, link_form: links.LinkForm, status: int = 200
) -> HttpResponse:
    context = {
        "case": case,
        "report": case_report(case),
        "link_form": link_form,
        "links": [_link_row(request, link) for link in case.links.select_related("created_by")],
        "audit": links.audit_trail(case),
    }
    return _page(request, "support/case_detail.html", context, status=status)


def _link_row(request: HttpRequest, link: CaseLink) -> dict:
    url = request.build_absolute_uri(reverse("support:customer", args=[link.token]))
    return {"link": link, "url": url, "status": links.status(link), "name": links.short_name(link)}


@staff_required
@require_POST
def create_link(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(Case.objects.select_related("author"), pk=pk)
    form = links.LinkForm(request.POST)
    if not form.is_valid():
        return _case_page(request, case, form, status=422)
    link = links.create_link(case, by=request.user, days=form.cleaned_data["days"])
    messages.success(
        request,
        f"Customer link {links.short_name(link)} created. Copy its address below and send it "
        "to the customer.",
    )
    return redirect(reverse("support:case", args=[pk]) + "#links")


@staff_required
@require_POST
def revoke_link(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_object_or_404(CaseLink.objects.select_related("case"), pk=pk)
    name = links.short_name(link)
    if links.revoke_link(link, by=request.user):
        messages.success(request, f"Customer link {name} revoked: it no longer opens the case.")
    else:
        messages.info(request, f"Customer link {name} was already revoked.")
    return redirect(reverse("support:case", args=[link.case_id]) + "#links")
