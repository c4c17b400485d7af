"""Being written: see explainer/support/urls.py for the routes this module serves."""

from django.http import Http404


def home(request, *args, **kwargs):
    raise Http404


def sign_in(request, *args, **kwargs):
    raise Http404


def sign_out(request, *args, **kwargs):
    raise Http404


def case_list(request, *args, **kwargs):
    raise Http404


def case_detail(request, *args, **kwargs):
    raise Http404


def create_link(request, *args, **kwargs):
    raise Http404


def revoke_link(request, *args, **kwargs):
    raise Http404
