"""Turns an article's Markdown into the HTML the site serves.

Three things happen beyond Markdown: `{{ example.field }}` tokens become numbers computed by the
margin engine, `[[calculator name preset=x]]` lines become slots the article page fills with a
live calculator, and the first mention of each glossary term links to its definition.
A `[[predict slug]]` line becomes a predict-then-reveal widget's guess form (explainer/predict).
"""

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import markdown

FIGURE_TOKEN = re.compile(r"\{\{\s*([a-z_]+)\.([a-z_]+)\s*\}\}")
CALCULATOR_LINE = re.compile(r"<p>\[\[calculator ([a-z-]+)(?: preset=([a-z-]+))?\]\]</p>")
CALCULATOR_SLOT = re.compile(r"<!--calculator:([a-z-]+):([a-z-]*)-->")
PREDICT_LINE = re.compile(r"<p>\[\[predict ([a-z-]+)\]\]</p>")
PREDICT_SLOT = re.compile(r"<!--predict:([a-z-]+)-->")
TAG_OR_TEXT = re.compile(r"(<[^>]+>)")
NO_LINK_INSIDE = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "mark"}


@dataclass(frozen=True)
class GlossaryLink:
    slug: str
    short: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class RenderedBody:
    html: str
    text: str
    toc_html: str
    headings: tuple[str, ...]


def render_body(
    body: str, *, figure: Callable[[str, str], str], glossary: Iterable[GlossaryLink]
) -> RenderedBody:
    with_figures = FIGURE_TOKEN.sub(lambda m: figure(m.group(1), m.group(2)), body)
    md = markdown.Markdown(
        extensions=["toc", "tables", "attr_list", "def_list", "sane_lists"],
        extension_configs={"toc": {"toc_depth": "2-3"}},
    )
    body_html = md.convert(with_figures)
    body_html = CALCULATOR_LINE.sub(r"<!--calculator:\1:\2-->", body_html)
    body_html = PREDICT_LINE.sub(r"<!--predict:\1-->", body_html)
    headings = tuple(_flatten_toc(md.toc_tokens))
    linked = PREDICT_SLOT.sub(_predict_widget, link_glossary_terms(body_html, glossary))
    return RenderedBody(linked, plain_text(body_html), md.toc, headings)


def _predict_widget(slot: re.Match) -> str:
    """A `[[predict slug]]` line becomes the widget's form, with no answer in it, so it is
    the same for every reader and is stored with the body. An unknown slug stops the load."""
    from explainer.predict.widgets import inline_widget  # Django templates: only when asked

    try:
        return inline_widget(slot.group(1))
    except KeyError:
        raise KeyError(f"no predict widget {slot.group(1)!r}") from None


def render_markdown(text: str) -> str:
    return markdown.markdown(text, extensions=["sane_lists"])


def plain_text(fragment: str) -> str:
    without_slots = CALCULATOR_SLOT.sub(" ", fragment)
    text = html.unescape(re.sub(r"<[^>]+>", " ", without_slots))
    return re.sub(r"\s+", " ", text).strip()


def link_glossary_terms(fragment: str, glossary: Iterable[GlossaryLink]) -> str:
    """Links the first mention of each term, outside headings, code and existing links."""
    patterns = _alias_patterns(glossary)
    linked: set[str] = set()
    pieces, blocked = [], 0
    for piece in TAG_OR_TEXT.split(fragment):
        if piece.startswith("<"):
            blocked += _nesting_change(piece)
            pieces.append(piece)
        elif blocked or not piece.strip():
            pieces.append(piece)
        else:
            pieces.append(_link_in_text(piece, patterns, linked))
    return "".join(pieces)


def _alias_patterns(glossary: Iterable[GlossaryLink]) -> list[tuple[re.Pattern, GlossaryLink]]:
    pairs = [(alias, term) for term in glossary for alias in term.aliases]
    pairs.sort(key=lambda pair: -len(pair[0]))
    return [(re.compile(rf"\b{re.escape(alias)}\b", re.IGNORECASE), term) for alias, term in pairs]


def _link_in_text(text: str, patterns, linked: set[str]) -> str:
    # Placeholders keep a later, shorter alias from matching inside an earlier link.
    made: list[str] = []
    for pattern, term in patterns:
        if term.slug in linked:
            continue
        match = pattern.search(text)
        if match:
            linked.add(term.slug)
            made.append(_term_link(match.group(0), term))
            text = f"{text[: match.start()]}\x00{len(made) - 1}\x00{text[match.end() :]}"
    return re.sub(r"\x00(\d+)\x00", lambda m: made[int(m.group(1))], text)


def _term_link(label: str, term: GlossaryLink) -> str:
    tip_id = f"tip-{term.slug}"
    return (
        f'<span class="glossary-ref"><a class="glossary-term" href="/glossary/#{term.slug}" '
        f'aria-describedby="{tip_id}">{label}</a>'
        f'<span class="glossary-tip" role="tooltip" id="{tip_id}">{html.escape(term.short)}</span>'
        "</span>"
    )


def _nesting_change(tag: str) -> int:
    match = re.match(r"<(/?)([a-zA-Z0-9]+)", tag)
    if not match or match.group(2).lower() not in NO_LINK_INSIDE or tag.endswith("/>"):
        return 0
    return -1 if match.group(1) else 1


def _flatten_toc(tokens: list[dict]) -> list[str]:
    names = []
    for token in tokens:
        names.append(html.unescape(token["name"]))
        names.extend(_flatten_toc(token.get("children", [])))
    return names


@dataclass(frozen=True)
class Segment:
    """A piece of an article body: prose, or a calculator slot, whose html is empty until the
    page fills it with the widget (`calculators.widgets.embed_calculators`)."""

    html: str = ""
    calculator: str = ""
    preset: str = ""


def split_calculator_slots(body_html: str) -> list[Segment]:
    """Cuts an article body at its calculator slots, so the page can place widgets there."""
    parts = CALCULATOR_SLOT.split(body_html)
    segments = [Segment(html=parts[0])]
    for index in range(1, len(parts), 3):
        segments.append(Segment(calculator=parts[index], preset=parts[index + 1]))
        segments.append(Segment(html=parts[index + 2]))
    return [segment for segment in segments if segment.calculator or segment.html.strip()]
