"""Who may use the support desk: members of the `support` group, and superusers."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

SUPPORT_GROUP = "support"

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
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return checked
