"""Being written: see explainer/support/urls.py for the routes this module serves."""

from django.http import Http404


def new_case(request, *args, **kwargs):
    raise Http404


def position_row(request, *args, **kwargs):
    raise Http404


def edit_case(request, *args, **kwargs):
    raise Http404
