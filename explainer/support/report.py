"""PLACEHOLDER owned by the lead: replaced by the real report (narrative, charts, timeline)."""

from .models import Case


def case_report(case: Case) -> dict:
    return {"spec": case.case_spec}
