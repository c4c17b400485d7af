from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from explainer.calculators.widgets import embed_calculators
from explainer.content.render import split_calculator_slots
from explainer.forms import FeedbackForm
from explainer.models import Article, Category
from explainer.votes import existing_vote


def _published() -> QuerySet[Article]:
    return Article.objects.filter(published=True).select_related("category")


def home(request: HttpRequest) -> HttpResponse:
    categories = Category.objects.prefetch_related(
        Prefetch("articles", queryset=Article.objects.filter(published=True))
    )
    featured = _published().filter(featured=True)
    return render(request, "home.html", {"categories": categories, "featured": featured})


def category(request: HttpRequest, slug: str) -> HttpResponse:
    category = get_object_or_404(Category, slug=slug)
    articles = _published().filter(category=category)
    return render(request, "category.html", {"category": category, "articles": articles})


def article(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_object_or_404(_published(), slug=slug)
    return render(request, "article.html", article_context(request, article))


def article_context(request: HttpRequest, article: Article) -> dict:
    siblings = list(_published().filter(category=article.category))
    index = siblings.index(article)
    segments = embed_calculators(split_calculator_slots(article.body_html))
    return {
        "article": article,
        "segments": segments,
        "has_calculators": any(segment.calculator for segment in segments),
        "related": _published().filter(slug__in=article.related_slugs),
        "previous": siblings[index - 1] if index > 0 else None,
        "next": siblings[index + 1] if index + 1 < len(siblings) else None,
        "vote": existing_vote(request, article),
        "feedback_form": FeedbackForm(),
    }
