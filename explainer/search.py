"""Ranked search over published articles and the glossary.

The corpus is a few dozen documents, so ranking is plain Python over rows read per query:
the same on SQLite and PostgreSQL, and easy to reason about. A word matches the start of a
word in the text ("liquid" finds "liquidation"); title matches weigh most, then headings,
summary and body.
"""

import html
import re
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe

from .models import Article, GlossaryTerm

MAX_WORDS = 8
SNIPPET_CHARS = 180
ARTICLE_WEIGHTS = {"title": 10, "headings": 4, "summary": 3, "body_text": 1}
GLOSSARY_WEIGHTS = {"term": 12, "aliases": 6, "short": 3, "definition_text": 1}


@dataclass(frozen=True)
class Hit:
    kind: str
    title: str
    url: str
    snippet: SafeString
    score: int


def query_words(query: str) -> list[str]:
    words = re.findall(r"[a-z0-9]+", query.lower())
    stems = [word[:-1] if len(word) > 3 and word.endswith("s") else word for word in words]
    return list(dict.fromkeys(stem for stem in stems if len(stem) >= 2))[:MAX_WORDS]


def search(query: str, *, limit: int = 20) -> list[Hit]:
    words = query_words(query)
    if not words:
        return []
    patterns = [re.compile(rf"\b{re.escape(word)}", re.IGNORECASE) for word in words]
    hits = [*_article_hits(patterns), *_glossary_hits(patterns)]
    hits.sort(key=lambda hit: (-hit.score, hit.title))
    return hits[:limit]


def _article_hits(patterns):
    for article in Article.objects.filter(published=True).only(*ARTICLE_WEIGHTS, "slug"):
        fields = {name: getattr(article, name) for name in ARTICLE_WEIGHTS}
        score = _score(fields, ARTICLE_WEIGHTS, patterns)
        if score:
            snippet = highlight(_window(article.body_text, patterns) or article.summary, patterns)
            yield Hit("article", article.title, article.get_absolute_url(), snippet, score)


def _glossary_hits(patterns):
    for term in GlossaryTerm.objects.all():
        fields = {name: getattr(term, name) for name in GLOSSARY_WEIGHTS}
        fields["aliases"] = " | ".join(term.aliases)
        score = _score(fields, GLOSSARY_WEIGHTS, patterns)
        if score:
            snippet = highlight(term.short, patterns)
            yield Hit("glossary", term.term, term.get_absolute_url(), snippet, score)


def _score(fields: dict[str, str], weights: dict[str, int], patterns) -> int:
    found = {index: False for index in range(len(patterns))}
    score = 0
    for name, text in fields.items():
        for index, pattern in enumerate(patterns):
            count = min(len(pattern.findall(text)), 10)
            found[index] |= count > 0
            score += weights[name] * count
    if not all(found.values()):
        return 0  # every word of the query must appear somewhere
    return score


def _window(text: str, patterns) -> str:
    starts = [match.start() for p in patterns if (match := p.search(text))]
    if not starts:
        return ""
    begin = max(0, min(starts) - SNIPPET_CHARS // 3)
    begin = text.rfind(" ", 0, begin) + 1 if begin else 0
    end = text.find(" ", begin + SNIPPET_CHARS)
    end = len(text) if end == -1 else end
    return ("… " if begin else "") + text[begin:end] + (" …" if end < len(text) else "")


def highlight(text: str, patterns) -> SafeString:
    """Marks matches in the raw text, then escapes each piece, so "amp" never lands inside
    an escaped entity."""
    combined = "|".join(f"(?:{p.pattern})" for p in patterns)
    pieces, last = [], 0
    for match in re.finditer(rf"(?:{combined})\w*", text, flags=re.IGNORECASE):
        pieces += [html.escape(text[last : match.start()]), f"<mark>{html.escape(match[0])}</mark>"]
        last = match.end()
    pieces.append(html.escape(text[last:]))
    return mark_safe("".join(pieces))
