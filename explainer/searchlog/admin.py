"""Search analytics in the admin: two read-only changelists whose rows are totals over the
chosen days (date hierarchy and filters narrow them), not one row a day. Top queries come
first; the "Found" filter's "nothing" lists the queries the help center has no answer for."""

from django.contrib import admin
from django.db.models import Count, FloatField, Max, QuerySet, Sum
from django.db.models.functions import Cast, NullIf
from django.http import HttpRequest
from django.template.response import TemplateResponse

from .models import ResultClick, SearchStat

SUMMARY_ROWS = 200


class _Summary(admin.ModelAdmin):
    change_list_template = "searchlog/admin_summary.html"
    date_hierarchy = "day"
    search_fields = ["query"]
    headings: tuple[str, ...] = ()
    summary_title = ""

    def summary(self, rows: QuerySet) -> list[tuple]:
        raise NotImplementedError

    def changelist_view(self, request: HttpRequest, extra_context=None):
        extra_context = {"title": self.summary_title, **(extra_context or {})}
        response = super().changelist_view(request, extra_context)
        if not isinstance(response, TemplateResponse) or "cl" not in response.context_data:
            return response  # a redirect for an unknown filter, say
        rows = response.context_data["cl"].queryset.order_by()
        response.context_data["summary"] = self.summary(rows)
        response.context_data["headings"] = self.headings
        return response

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return request.user.is_superuser  # to clear out old days


class FoundFilter(admin.SimpleListFilter):
    title = "found"
    parameter_name = "found"

    def lookups(self, request, model_admin):
        return [("some", "some results"), ("nothing", "nothing")]

    def queryset(self, request, queryset):
        if self.value() == "nothing":
            return queryset.filter(results=0)
        if self.value() == "some":
            return queryset.filter(results__gt=0)
        return queryset


@admin.register(SearchStat)
class SearchStatAdmin(_Summary):
    list_filter = [FoundFilter, "day"]
    summary_title = "What readers search for"
    headings = ("Query", "Searches", "Results", "Searched instead as", "Clicks", "Click-through")

    def summary(self, rows: QuerySet) -> list[tuple]:
        totals = rows.values("query").annotate(
            n_searches=Sum("searches"),
            n_results=Max("results"),
            n_clicks=Sum("clicks"),
            instead=Max("corrected"),
        )
        share = Cast("n_clicks", FloatField()) / NullIf(Cast("n_searches", FloatField()), 0.0)
        totals = totals.annotate(share=share).order_by("-n_searches", "query")[:SUMMARY_ROWS]
        return [
            (
                t["query"],
                t["n_searches"],
                t["n_results"],
                t["instead"] or "—",
                t["n_clicks"],
                "—" if t["share"] is None else f"{t['share']:.0%}",
            )
            for t in totals
        ]


@admin.register(ResultClick)
class ResultClickAdmin(_Summary):
    list_filter = ["position", "day"]
    summary_title = "Which results readers follow"
    headings = ("Query", "Position", "Result", "Clicks", "Days clicked")

    def summary(self, rows: QuerySet) -> list[tuple]:
        totals = rows.values("query", "position", "title").annotate(
            n_clicks=Sum("clicks"), days=Count("day", distinct=True)
        )
        totals = totals.order_by("-n_clicks", "position", "query")[:SUMMARY_ROWS]
        return [(t["query"], t["position"], t["title"], t["n_clicks"], t["days"]) for t in totals]
