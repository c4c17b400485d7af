"""The admin issues and revokes the support desk's API tokens. A token's secret is shown once,
as it is issued; only its digest is kept, and the admin never shows that."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from .access import SUPPORT_GROUP
from .models import ApiToken

# The secret comes last, with nothing after it, so that copying it takes no stray full stop.
ISSUED = (
    "The new token for “{name}” is shown only this once, and only its fingerprint is kept. "
    "Copy it now into the help-desk app; if it is lost, revoke it and issue another: {token}"
)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created", "last_used", "revoked"]
    list_filter = [("revoked", admin.EmptyFieldListFilter)]
    search_fields = ["name", "user__username", "prefix"]
    fields = ["user", "name", "prefix", "created", "last_used", "revoked"]
    actions = ["revoke"]

    def get_readonly_fields(self, request: HttpRequest, obj: ApiToken | None = None) -> list[str]:
        # A token stays with the person it was issued to; it is revoked by the action only.
        held = ["prefix", "created", "last_used", "revoked"]
        return held if obj is None else ["user", *held]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            members = Q(groups__name=SUPPORT_GROUP) | Q(is_superuser=True)
            kwargs["queryset"] = get_user_model().objects.filter(members, is_active=True).distinct()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: ApiToken, form, change: bool) -> None:
        token = None if change else obj.issue()
        super().save_model(request, obj, form, change)
        if token:
            messages.success(request, ISSUED.format(name=obj.name, token=token))

    @admin.action(description="Revoke selected tokens")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        count = queryset.filter(revoked__isnull=True).update(revoked=timezone.now())
        self.message_user(request, f"{count} token{'s' if count != 1 else ''} revoked.")
