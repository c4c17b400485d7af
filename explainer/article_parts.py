"""The parts of an article page that are the same for every reader, rendered twice a minute.

An article page is its text, calculators, contents, pager and related links, which only
`manage.py load_content` changes, around what belongs to one reader: their feedback vote. The
shared parts are kept in the "rendered" cache for KEEP_SECONDS, and so is the whole page
(explainer/page_shells.py), so most readers cost no query, and an edited article shows
within a minute without a restart. Unknown slugs are never kept: each asks the database.
"""

from dataclasses import dataclass

from django.core.cache import caches
from django.db.models import QuerySet
from django.template.loader import render_to_string

from explainer.calculators.widgets import embed_calculators
from explainer.content.render import split_calculator_slots
from explainer.models import Article
from explainer.page_shells import KEEP_SECONDS  # kept as long as the page: an edit shows in 2×


@dataclass(frozen=True)
class ArticleParts:
    id: int
    slug: str
    url: str
    title: str
    description: str
    has_calculators: bool
    above_feedback: str
    below_feedback: str


def published() -> QuerySet[Article]:
    return Article.objects.filter(published=True).select_related("category")


def article_parts(slug: str) -> ArticleParts:
    """Raises Article.DoesNotExist for a slug with no published article."""
    cache = caches["rendered"]
    key = f"article:{slug}"
    parts = cache.get(key)
    if parts is None:
        parts = render_parts(published().get(slug=slug))
        cache.set(key, parts, KEEP_SECONDS)
    return parts


def render_parts(article: Article) -> ArticleParts:
    siblings = list(published().filter(category=article.category))
    index = siblings.index(article)
    segments = embed_calculators(split_calculator_slots(article.body_html))
    context = {
        "article": article,
        "segments": segments,
        "related": published().filter(slug__in=article.related_slugs),
        "previous": siblings[index - 1] if index > 0 else None,
        "next": siblings[index + 1] if index + 1 < len(siblings) else None,
    }
    return ArticleParts(
        id=article.pk,
        slug=article.slug,
        url=article.get_absolute_url(),
        title=article.title,
        description=article.description,
        has_calculators=any(segment.calculator for segment in segments),
        above_feedback=render_to_string("includes/_article_above_feedback.html", context),
        below_feedback=render_to_string("includes/_article_below_feedback.html", context),
    )
