from django.db import models
from django.urls import reverse


class Category(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=80)
    description = models.CharField(max_length=300)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("category", args=[self.slug])


class Article(models.Model):
    """An article loaded from `explainer/content/articles/*.md` by `manage.py load_content`.

    Articles whose file disappears are unpublished, never deleted: their feedback stays.
    """

    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=150)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="articles")
    order = models.PositiveSmallIntegerField(default=0)
    summary = models.CharField(max_length=400)
    description = models.CharField(max_length=200)
    body_html = models.TextField()
    body_text = models.TextField(help_text="Plain text of the body, for search.")
    headings = models.TextField(blank=True, help_text="Section headings, one a line.")
    toc_html = models.TextField(blank=True)
    updated = models.DateField()
    featured = models.BooleanField(default=False)
    related_slugs = models.JSONField(default=list, blank=True)
    published = models.BooleanField(default=True)

    class Meta:
        ordering = ["category__order", "order", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("article", args=[self.slug])


class GlossaryTerm(models.Model):
    slug = models.SlugField(unique=True)
    term = models.CharField(max_length=80)
    short = models.CharField(max_length=200)
    definition_html = models.TextField()
    definition_text = models.TextField()
    aliases = models.JSONField(default=list, blank=True)
    see_also = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["term"]

    def __str__(self) -> str:
        return self.term

    def get_absolute_url(self) -> str:
        return reverse("glossary") + f"#{self.slug}"


class Feedback(models.Model):
    """One reader's answer to "Was this article helpful?"; one per visitor and article. A "No"
    is then asked why, once: the reason and comment are added to the same row."""

    class Reason(models.TextChoices):
        DETAIL = "detail", "It needs more detail"
        INACCURATE = "inaccurate", "Something in it is inaccurate"
        UNCLEAR = "unclear", "It is hard to understand"
        OTHER = "other", "Something else"

    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="feedback")
    visitor = models.CharField(max_length=64, help_text="Random id kept in the reader's cookie.")
    helpful = models.BooleanField()
    comment = models.TextField(blank=True, max_length=2000)
    reason = models.CharField(
        max_length=12, choices=Reason.choices, blank=True, help_text="Why it did not help."
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]
        verbose_name_plural = "feedback"
        constraints = [
            models.UniqueConstraint(fields=["article", "visitor"], name="one_vote_per_visitor")
        ]

    def __str__(self) -> str:
        return f"{'Yes' if self.helpful else 'No'} on {self.article}"


class ContentVersion(models.Model):
    """One row: a number that grows whenever articles, categories or the glossary change, so
    that every worker and machine drops the pages it kept (explainer/content/version.py)."""

    number = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"content version {self.number}"


from .checks.models import QuestionStat  # noqa: E402
from .predict.models import PredictionTally  # noqa: E402
from .searchlog.models import ResultClick, SearchStat  # noqa: E402
from .support.models import ApiToken, Case, CaseEvent, CaseLink  # noqa: E402

__all__ = [
    "ApiToken",
    "Article",
    "Case",
    "CaseEvent",
    "CaseLink",
    "Category",
    "ContentVersion",
    "Feedback",
    "GlossaryTerm",
    "PredictionTally",
    "QuestionStat",
    "ResultClick",
    "SearchStat",
]
