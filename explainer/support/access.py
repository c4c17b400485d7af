"""Who may use the support desk: members of the `support` group, and superusers."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.http import HttpRequest, HttpResponse

from explainer.views.site import error_response

SUPPORT_GROUP = "support"
NOT_ON_THE_TEAM = (
    "This page is for the support team",
    "Your account is not on the support team. Ask an administrator to add it to the support "
    "group, then sign in again.",
)

View = Callable[..., HttpResponse]


def is_support(user: AbstractBaseUser | AnonymousUser) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=SUPPORT_GROUP).exists()


def staff_required(view: View) -> View:
    """Anonymous visitors go to the sign-in page; a signed-in non-member gets a 403."""

    @login_required(login_url="support:login")
    @wraps(view)
    def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not is_support(request.user):
            return error_response(request, 403, NOT_ON_THE_TEAM)
        return view(request, *args, **kwargs)

    return checked
