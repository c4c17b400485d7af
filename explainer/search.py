"""Ranked search over published articles and the glossary.

The corpus is a few dozen documents, so ranking is plain Python over rows read per query:
the same on SQLite and PostgreSQL, and easy to reason about. A word matches the start of a
word in the text ("liquid" finds "liquidation"), a trader's synonym matches its other names
(explainer/synonyms.py); title matches weigh most, then headings, summary and body. A query
that finds nothing is tried once more with its misspelt words corrected (explainer/spelling.py).
"""

import html
import re
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe

from . import spelling, synonyms
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


@dataclass(frozen=True)
class Results:
    hits: list[Hit]
    corrected: str | None = None  # the words searched for instead of the query's, if any


@dataclass(frozen=True)
class _Document:
    kind: str
    title: str
    url: str
    fields: dict[str, str]
    weights: dict[str, int]
    snippet_from: str
    fallback: str


def query_words(query: str) -> list[str]:
    return _stems(_tokens(query))


def _tokens(query: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", query.lower().replace("p&l", "pnl"))


def _stems(words: list[str]) -> list[str]:
    stems = [word[:-1] if len(word) > 3 and word.endswith("s") else word for word in words]
    return list(dict.fromkeys(stem for stem in stems if len(stem) >= 2))[:MAX_WORDS]


def search(query: str, *, limit: int = 20) -> list[Hit]:
    return run(query, limit=limit).hits


def run(query: str, *, exact: bool = False, limit: int = 20) -> Results:
    """`exact` searches the words as typed, without correcting their spelling."""
    tokens = _tokens(query)
    if not (words := _stems(tokens)):
        return Results([])
    documents = _documents()
    hits = _rank(documents, words, limit)
    if hits or exact:
        return Results(hits)
    # Corrected before the plural is cut: "corss" is "cross", not "cors" (nearest "covers").
    vocabulary = spelling.Vocabulary(_words(documents))
    fixed = spelling.corrected(tokens, vocabulary, known=synonyms.known)
    if fixed == tokens:
        return Results([])
    hits = _rank(documents, _stems(fixed), limit)
    return Results(hits, " ".join(fixed) if hits else None)


def _rank(documents: list[_Document], words: list[str], limit: int) -> list[Hit]:
    patterns = [re.compile(term, re.IGNORECASE) for term in synonyms.terms(words)]
    hits = []
    for document in documents:
        if score := _score(document.fields, document.weights, patterns):
            text = _window(document.snippet_from, patterns) or document.fallback
            hits.append(
                Hit(document.kind, document.title, document.url, highlight(text, patterns), score)
            )
    hits.sort(key=lambda hit: (-hit.score, hit.title))
    return hits[:limit]


def _documents() -> list[_Document]:
    documents = []
    for article in Article.objects.filter(published=True).only(*ARTICLE_WEIGHTS, "slug"):
        fields = {name: getattr(article, name) for name in ARTICLE_WEIGHTS}
        url = article.get_absolute_url()
        documents.append(
            _Document(
                "article",
                article.title,
                url,
                fields,
                ARTICLE_WEIGHTS,
                article.body_text,
                article.summary,
            )
        )
    for term in GlossaryTerm.objects.all():
        fields = {name: getattr(term, name) for name in GLOSSARY_WEIGHTS}
        fields["aliases"] = " | ".join(term.aliases)
        url = term.get_absolute_url()
        documents.append(
            _Document("glossary", term.term, url, fields, GLOSSARY_WEIGHTS, "", term.short)
        )
    return documents


def _words(documents: list[_Document]):
    for document in documents:
        for text in document.fields.values():
            yield from re.findall(r"[a-z0-9]+", text.lower())


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
