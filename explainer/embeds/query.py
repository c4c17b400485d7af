"""What an embed's query may say besides the calculator's own fields: `theme` and `preset`.
A value outside the allowed ones is refused with the list (a 400 page), never ignored: a
partner who mistypes "drak" should see why the frame is not dark."""

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from explainer.calculators import presets

THEMES = ("light", "dark")


@dataclass(frozen=True)
class EmbedQuery:
    theme: str
    preset: str


@dataclass(frozen=True)
class BadValue:
    name: str
    value: str
    allowed: tuple[str, ...]


def allowed_presets(slug: str) -> tuple[str, ...]:
    return tuple(presets.PRESETS) if slug in presets.PRESET_CALCULATORS else ()


def read(slug: str, query: Mapping[str, str]) -> EmbedQuery | BadValue:
    theme = query.get("theme") or "light"
    if theme not in THEMES:
        return BadValue("theme", theme, THEMES)
    preset = query.get("preset", "")
    allowed = allowed_presets(slug)
    if preset and preset not in allowed:
        return BadValue("preset", preset, allowed)
    return EmbedQuery(theme, preset)


def preset_links(slug: str, theme: str) -> list[tuple[str, str]]:
    """(label, query string) for each preset, as links that stay inside the frame."""
    if not allowed_presets(slug):
        return [("The seed example", urlencode({"theme": theme}))]
    return [
        (label, urlencode({"preset": name, "theme": theme}))
        for name, (_, label) in presets.PRESETS.items()
    ]


def matching_preset(slug: str, data: Mapping[str, str]) -> str:
    """The preset whose numbers these are, or "" (the calculator's own start)."""
    for name in allowed_presets(slug):
        if presets.data_for(slug, preset=name) == dict(data):
            return name
    return ""
