"""The predict widgets in the admin: one read-only table, a row per widget, with how many
guesses it had, the share within its tolerance, the typical miss and the histogram, so the
content team sees which article leaves readers furthest off. Counts only: nobody's guess."""

from django.contrib import admin
from django.http import HttpRequest
from django.template.response import TemplateResponse

from . import stats
from .models import PredictionTally


@admin.register(PredictionTally)
class PredictionTallyAdmin(admin.ModelAdmin):
    change_list_template = "predict/admin_summary.html"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context=None) -> TemplateResponse:
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Predict widgets: how far off readers are",
            "summaries": stats.summaries(),
        }
        return TemplateResponse(request, self.change_list_template, context)
