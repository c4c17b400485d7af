"""Copies the content files into the database, so pages, search and feedback can use them."""

from django.db import transaction

from explainer import worked_examples
from explainer.content import version
from explainer.models import Article, Category, GlossaryTerm

from . import sources
from .render import GlossaryLink, plain_text, render_body, render_markdown


@transaction.atomic
def load_content(directory=sources.CONTENT_DIR) -> dict[str, int]:
    categories = _load_categories(sources.read_categories(directory))
    links = _load_glossary(sources.read_glossary(directory))
    articles = sources.read_articles(directory)
    for source in articles:
        _load_article(source, categories, links)
    unpublished = Article.objects.exclude(slug__in=[a.slug for a in articles]).update(
        published=False
    )
    version.bump()  # the update above sends no signal
    return {
        "categories": len(categories),
        "glossary terms": len(links),
        "articles": len(articles),
        "unpublished": unpublished,
    }


def _load_categories(rows: list[dict]) -> dict[str, Category]:
    loaded = {}
    for row in rows:
        loaded[row["slug"]], _ = Category.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "name": row["name"],
                "description": row["description"],
                "order": row.get("order", 0),
            },
        )
    return loaded


def _load_glossary(rows: list[dict]) -> list[GlossaryLink]:
    for row in rows:
        definition_html = render_markdown(row["definition"])
        GlossaryTerm.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "term": row["term"],
                "short": row["short"],
                "definition_html": definition_html,
                "definition_text": plain_text(definition_html),
                "aliases": row.get("aliases", []),
                "see_also": row.get("see_also", []),
            },
        )
    return [GlossaryLink(row["slug"], row["short"], tuple(row.get("aliases", []))) for row in rows]


def _load_article(source, categories: dict[str, Category], links: list[GlossaryLink]) -> None:
    body = render_body(source.body, figure=worked_examples.figure, glossary=links)
    Article.objects.update_or_create(
        slug=source.slug,
        defaults={
            "title": source.title,
            "category": categories[source.category],
            "order": source.order,
            "summary": source.summary,
            "description": source.description,
            "updated": source.updated,
            "featured": source.featured,
            "related_slugs": list(source.related),
            "body_html": body.html,
            "body_text": body.text,
            "headings": "\n".join(body.headings),
            "toc_html": body.toc_html if len(body.headings) >= 3 else "",
            "published": True,
        },
    )
