"""The customer's read-only page, /cases/<token>/: the report and nothing of the desk's.

No staff names, no ticket reference, no controls. Private, out of search engines, and the
browser is asked never to send the address (which is the key) on to another site.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from explainer.serving import private

from ..access import is_support
from ..links import count_view
from ..models import CaseLink
from ..report import case_report


@require_safe
def customer_case(request: HttpRequest, token: str) -> HttpResponse:
    link = get_object_or_404(CaseLink.objects.select_related("case"), token=token)
    # count_view checks the link is live too, so one revoked a moment ago is not counted.
    if not link.is_live or (_counts(request) and not count_view(link)):
        return _customer_page(request, "support/gone.html", {}, status=410)
    return _customer_page(request, "support/customer_case.html", {"report": case_report(link.case)})


def _counts(request: HttpRequest) -> bool:
    """A view by the customer: not a HEAD (a link checker's), nor support checking the link."""
    return request.method == "GET" and not is_support(request.user)


def _customer_page(
    request: HttpRequest, template: str, context: dict, status: int = 200
) -> HttpResponse:
    response = render(request, template, context, status=status)
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return private(response)
