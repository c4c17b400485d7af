from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from explainer import page_shells
from explainer.article_parts import ArticleParts, article_parts, published
from explainer.forms import FeedbackForm
from explainer.models import Article, Category, Feedback
from explainer.votes import existing_vote


def home(request: HttpRequest) -> HttpResponse:
    def context() -> dict:
        categories = Category.objects.prefetch_related(
            Prefetch("articles", queryset=Article.objects.filter(published=True))
        )
        return {"categories": categories, "featured": published().filter(featured=True)}

    return page_shells.page_response(request, "home.html", context, key="home")


def category(request: HttpRequest, slug: str) -> HttpResponse:
    def context() -> dict:  # raises Http404, so an unknown category is never kept
        category = get_object_or_404(Category, slug=slug)
        return {"category": category, "articles": published().filter(category=category)}

    return page_shells.page_response(request, "category.html", context, key=f"category:{slug}")


def article(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        parts = article_parts(slug)
    except Article.DoesNotExist:
        raise Http404("No published article has this address.") from None
    vote = existing_vote(request, parts.id)
    if vote is not None:  # this reader's own page: their answer instead of the form
        return render(request, "article.html", article_context(request, parts, vote))
    return page_shells.page_response(
        request,
        "article.html",
        lambda: article_context(request, parts, None),
        key=f"article:{parts.slug}",
    )


def article_context(request: HttpRequest, parts: ArticleParts, vote: Feedback | None) -> dict:
    return {
        "article": parts,
        "canonical_url": request.build_absolute_uri(parts.url),
        "vote": vote,
        "feedback_form": FeedbackForm(),
    }
