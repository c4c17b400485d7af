"""Reads the help center's content files: categories, glossary and Markdown articles.

Articles carry TOML front matter between `+++` lines, then a Markdown body.
"""

import datetime
import tomllib
from dataclasses import dataclass
from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parent


class ContentError(ValueError):
    pass


@dataclass(frozen=True)
class ArticleSource:
    slug: str
    title: str
    category: str
    order: int
    summary: str
    description: str
    updated: datetime.date
    featured: bool
    related: tuple[str, ...]
    body: str


def read_categories(directory: Path = CONTENT_DIR) -> list[dict]:
    return tomllib.loads((directory / "categories.toml").read_text())["category"]


def read_glossary(directory: Path = CONTENT_DIR) -> list[dict]:
    return tomllib.loads((directory / "glossary.toml").read_text())["term"]


def read_articles(directory: Path = CONTENT_DIR) -> list[ArticleSource]:
    return [read_article(path) for path in sorted((directory / "articles").glob("*.md"))]


def read_article(path: Path) -> ArticleSource:
    _, front, body = _split_front_matter(path)
    meta = tomllib.loads(front)
    try:
        return ArticleSource(
            slug=meta["slug"],
            title=meta["title"],
            category=meta["category"],
            order=int(meta.get("order", 0)),
            summary=meta["summary"],
            description=meta.get("description", meta["summary"])[:200],
            updated=meta["updated"],
            featured=bool(meta.get("featured", False)),
            related=tuple(meta.get("related", ())),
            body=body,
        )
    except KeyError as missing:
        raise ContentError(f"{path.name}: front matter lacks {missing}") from None


def _split_front_matter(path: Path) -> tuple[str, str, str]:
    parts = path.read_text().split("+++\n", 2)
    if len(parts) != 3 or parts[0].strip():
        raise ContentError(f"{path.name}: expected front matter between '+++' lines")
    return parts[0], parts[1], parts[2]
