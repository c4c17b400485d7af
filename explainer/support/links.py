"""Customer links and the audit trail: a link is made with an expiry, revoked by a button,
and counted each time the customer opens it; each of those, and each save of the case, is a
line of the case's audit trail with who did it and when."""

from dataclasses import dataclass
from datetime import datetime

from django import forms
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.dateformat import format as format_date

from .models import LINK_DAYS, MAX_LINK_DAYS, Case, CaseEvent, CaseLink

DAYS_ERRORS = {
    "required": "Enter how many days the link should work, like 30.",
    "invalid": f"Enter the number of days as a whole number from 1 to {MAX_LINK_DAYS}, like 30.",
    "min_value": "A link must work for at least 1 day.",
    "max_value": f"A link can work for at most {MAX_LINK_DAYS} days. Make a new one after that.",
}


class LinkForm(forms.Form):
    days = forms.IntegerField(
        label="Link works for (days)",
        min_value=1,
        max_value=MAX_LINK_DAYS,
        initial=LINK_DAYS,
        error_messages=DAYS_ERRORS,
        help_text=f"From 1 to {MAX_LINK_DAYS} days. After that the customer sees that the link "
        "has expired and can ask support for a new one.",
    )

    def clean_days(self) -> int:
        # int() reads "٣٠" and "３０" as 30; the number typed should be one a person can read back.
        if not self.data.get("days", "").strip().isascii():
            raise forms.ValidationError(DAYS_ERRORS["invalid"], code="invalid")
        return self.cleaned_data["days"]


def record(
    case: Case,
    kind: CaseEvent.Kind,
    *,
    actor: AbstractBaseUser | None,
    link: CaseLink | None = None,
) -> CaseEvent:
    """Write one line of the case's audit trail (the case form calls this on create and edit)."""
    return CaseEvent.objects.create(case=case, kind=kind, actor=actor, link=link)


@transaction.atomic
def create_link(case: Case, *, by: AbstractBaseUser, days: int = LINK_DAYS) -> CaseLink:
    link = CaseLink.objects.create(case=case, created_by=by, expires=CaseLink.lasting(days))
    record(case, CaseEvent.Kind.LINK_CREATED, actor=by, link=link)
    return link


@transaction.atomic
def revoke_link(link: CaseLink, *, by: AbstractBaseUser) -> bool:
    """Revoke a link that is not revoked yet; False (and no audit line) if it already was."""
    now = timezone.now()
    if not CaseLink.objects.filter(pk=link.pk, revoked__isnull=True).update(revoked=now):
        return False
    link.revoked = now
    record(link.case, CaseEvent.Kind.REVOKED, actor=by, link=link)
    return True


def count_view(link: CaseLink) -> bool:
    """Count one customer view of a live link, in one UPDATE, so two views at once both count.
    False if the link is not live, even if it was revoked or expired a moment ago."""
    now = timezone.now()
    live = CaseLink.objects.filter(pk=link.pk, revoked__isnull=True, expires__gt=now)
    return live.update(views=F("views") + 1, last_viewed=now) == 1


def status(link: CaseLink) -> str:
    if link.revoked is not None:
        return "revoked"
    return "live" if link.is_live else "expired"


def short_name(link: CaseLink) -> str:
    """How staff tell a case's links apart: the start of the token, as shown in its address."""
    return f"{link.token[:6]}…"


@dataclass(frozen=True)
class AuditLine:
    at: datetime
    what: str
    who: str  # a username, "not recorded", or "" when `what` says who


WHAT = {
    CaseEvent.Kind.CREATED: "Case created",
    CaseEvent.Kind.EDITED: "Case edited",
    CaseEvent.Kind.LINK_CREATED: "Customer link {link} created",
    CaseEvent.Kind.REVOKED: "Customer link {link} revoked",
}


def audit_trail(case: Case) -> list[AuditLine]:
    """The case's events, and a line for each link the customer has opened, oldest first."""
    events = case.events.select_related("actor", "link")
    lines = [
        AuditLine(
            at=event.at,
            what=WHAT[event.kind].format(link=short_name(event.link) if event.link else ""),
            who=event.actor.get_username() if event.actor else "not recorded",
        )
        for event in events
    ]
    for link in case.links.filter(views__gt=0):
        times = "once" if link.views == 1 else f"{link.views} times"
        last = format_date(timezone.localtime(link.last_viewed), "j M Y, H:i T")
        what = f"Customer link {short_name(link)} viewed by the customer {times}, last at {last}"
        lines.append(AuditLine(at=link.last_viewed, what=what, who=""))
    return sorted(lines, key=lambda line: line.at)
