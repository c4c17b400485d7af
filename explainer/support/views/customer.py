"""Being written: see explainer/support/urls.py for the routes this module serves."""

from django.http import Http404


def customer_case(request, *args, **kwargs):
    raise Http404
