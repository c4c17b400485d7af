from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from explainer.calculators.widgets import embed_calculators
from explainer.content.render import split_calculator_slots
from explainer.models import Article, Category
from explainer.serving import public_page


def published() -> QuerySet[Article]:
    return Article.objects.filter(published=True).select_related("category")


@require_safe
@public_page
def home(request: HttpRequest) -> HttpResponse:
    categories = Category.objects.prefetch_related(
        Prefetch("articles", queryset=Article.objects.filter(published=True))
    )
    context = {"categories": categories, "featured": published().filter(featured=True)}
    return render(request, "home.html", context)


@require_safe
@public_page
def category(request: HttpRequest, slug: str) -> HttpResponse:
    category = get_object_or_404(Category, slug=slug)
    context = {"category": category, "articles": published().filter(category=category)}
    return render(request, "category.html", context)


@require_safe
@public_page
def article(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "article.html", article_context(slug))


def article_context(slug: str) -> dict:
    article = get_object_or_404(published(), slug=slug)
    siblings = list(published().filter(category=article.category))
    index = siblings.index(article)
    segments = embed_calculators(split_calculator_slots(article.body_html))
    return {
        "article": article,
        "segments": segments,
        "has_calculators": any(segment.calculator for segment in segments),
        # A [[predict …]] widget, rendered into the body when the content was loaded.
        "has_predictions": "predict-widget" in article.body_html,
        "related": published().filter(slug__in=article.related_slugs),
        "previous": siblings[index - 1] if index > 0 else None,
        "next": siblings[index + 1] if index + 1 < len(siblings) else None,
    }
