"""What the support desk keeps: cases, the customer links made for them, each case's audit
trail, and the staff API tokens a help-desk app signs its requests with.

A case holds no personal data: no names, e-mails or account ids, only the numbers of the
account and the ticket reference, which staff alone see.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from .spec import CaseSpec, from_json

LINK_DAYS = 30  # how long a customer link lasts unless staff choose otherwise
MAX_LINK_DAYS = 365


def new_token() -> str:
    """256 bits from `secrets`, URL-safe."""
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Case(models.Model):
    ticket_reference = models.CharField(max_length=64, blank=True, db_index=True)
    # CaseSpec as JSON (spec.to_json): the numbers, the path, what the exchange reported.
    spec = models.JSONField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="support_cases"
    )
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created"]
        app_label = "explainer"

    def __str__(self) -> str:
        return f"Case {self.pk}" + (f" ({self.ticket_reference})" if self.ticket_reference else "")

    @property
    def case_spec(self) -> CaseSpec:
        return from_json(self.spec)


class CaseLink(models.Model):
    """A read-only link for the customer: /cases/<token>/."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links")
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    expires = models.DateTimeField()
    revoked = models.DateTimeField(null=True, blank=True)
    views = models.PositiveIntegerField(default=0)
    last_viewed = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        app_label = "explainer"

    def __str__(self) -> str:
        return f"Link for case {self.case_id}, until {self.expires:%Y-%m-%d}"

    @classmethod
    def lasting(cls, days: int = LINK_DAYS) -> timezone.datetime:
        return timezone.now() + timedelta(days=days)

    @property
    def is_live(self) -> bool:
        return self.revoked is None and self.expires > timezone.now()


class CaseEvent(models.Model):
    """One line of a case's audit trail. Customer views are counted on the link instead (a
    line each would grow without bound)."""

    class Kind(models.TextChoices):
        CREATED = "created", "Created"
        EDITED = "edited", "Edited"
        LINK_CREATED = "link_created", "Customer link created"
        REVOKED = "revoked", "Customer link revoked"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    link = models.ForeignKey(CaseLink, on_delete=models.CASCADE, null=True, related_name="+")

    class Meta:
        ordering = ["at", "pk"]
        app_label = "explainer"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} at {self.at:%Y-%m-%d %H:%M}"


class ApiToken(models.Model):
    """A staff member's token for POST /api/v1/cases. Only its SHA-256 digest is kept: the
    token itself is shown once, when the admin issues it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="support_api_tokens"
    )
    name = models.CharField(max_length=80, help_text="What uses it, e.g. “Zendesk sidebar”.")
    digest = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=8, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    revoked = models.DateTimeField(null=True, blank=True)
    last_used = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        app_label = "explainer"
        verbose_name = "support API token"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def issue(self) -> str:
        """A new secret for this token; the caller shows it once and saves the token."""
        token = new_token()
        self.digest = token_digest(token)
        self.prefix = token[:8]
        return token
