"""The customer's read-only page, /cases/<token>/: the report and nothing of the desk's.

No staff names, no ticket reference, no controls. Private, out of search engines, and the
browser is asked never to send the address (which is the key) on to another site.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from explainer.serving import private

from ..links import count_view
from ..models import CaseLink
from ..report import case_report


@require_safe
def customer_case(request: HttpRequest, token: str) -> HttpResponse:
    link = get_object_or_404(CaseLink.objects.select_related("case"), token=token)
    # A HEAD (a link checker's) shows nothing, so it is not counted as a view.
    live = link.is_live and (request.method != "GET" or count_view(link))
    if not live:
        return _customer_page(request, "support/gone.html", {}, status=410)
    return _customer_page(request, "support/customer_case.html", {"report": case_report(link.case)})


def _customer_page(
    request: HttpRequest, template: str, context: dict, status: int = 200
) -> HttpResponse:
    response = render(request, template, context, status=status)
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return private(response)
