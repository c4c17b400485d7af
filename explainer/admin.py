from django.contrib import admin
from django.db.models import Count, Q

from .checks import admin as checks_admin  # noqa: F401  (registers the check statistics)
from .models import Article, Category, Feedback, GlossaryTerm
from .predict import admin as predict_admin  # noqa: F401  (registers the guesses summary)
from .searchlog import admin as searchlog_admin  # noqa: F401  (registers search analytics)
from .support import admin as support_admin  # noqa: F401  (registers the API token admin)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "category", "published", "updated", "helpful_yes", "helpful_no"]
    list_filter = ["category", "published"]
    search_fields = ["title", "summary"]
    readonly_fields = ["body_html", "body_text", "headings", "toc_html"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                yes=Count("feedback", filter=Q(feedback__helpful=True)),
                no=Count("feedback", filter=Q(feedback__helpful=False)),
            )
        )

    @admin.display(description="Helpful", ordering="yes")
    def helpful_yes(self, article: Article) -> int:
        return article.yes

    @admin.display(description="Not helpful", ordering="no")
    def helpful_no(self, article: Article) -> int:
        return article.no


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["article", "helpful", "reason", "comment", "created"]
    list_filter = ["helpful", "reason", "article", "created"]
    search_fields = ["comment"]
    readonly_fields = ["article", "visitor", "helpful", "reason", "comment", "created"]


admin.site.register(Category)
admin.site.register(GlossaryTerm)
