"""Words traders use for the same thing, so a search for one finds text written with another.

Each group lists phrases that mean the same; a query phrase found in a group matches any of
them. Phrases are written as the search reads queries (lower case, singular), and match whole
words: "im" must not find "impact", so short abbreviations match only as words of their own
(plural allowed), longer words also as the start of a word ("liquidation" finds "liquidated").
"""

import re

GROUPS: tuple[tuple[str, ...], ...] = (
    ("adl", "auto deleveraging", "autodeleveraging", "auto deleverage", "deleveraging"),
    ("liq", "liquidation", "liquidated"),
    ("pnl", "profit and loss", "profit loss"),
    ("upnl", "unrealized pnl", "unrealised pnl", "unrealized profit"),
    ("roe", "return on equity"),
    ("im", "initial margin"),
    ("mm", "maintenance margin"),
    ("mmr", "maintenance margin rate"),
    ("funding fee", "funding payment", "funding rate"),
    ("mark price", "fair price"),
    ("tp", "take profit"),
    ("sl", "stop loss"),
    ("wick", "spike"),
    ("leftover margin", "remaining margin"),
    ("fill price", "entry price"),
    ("partial liquidation", "partially liquidated", "closed in part"),
)

_PHRASES = {tuple(phrase.split()): group for group in GROUPS for phrase in group}
_LONGEST = max(len(words) for words in _PHRASES)


def phrase_pattern(words: tuple[str, ...]) -> str:
    joined = r"[\s-]*".join(re.escape(word) for word in words)
    ending = r"s?\b" if len(words[-1]) <= 3 else ""
    return rf"\b{joined}{ending}"


def terms(words: list[str]) -> list[str]:
    """The query's words as regular expressions, one per term the text must contain: a word
    alone matches the start of a word, a phrase of a group matches any phrase of the group."""
    patterns, index = [], 0
    while index < len(words):
        for size in range(min(_LONGEST, len(words) - index), 0, -1):
            group = _PHRASES.get(tuple(words[index : index + size]))
            if group:
                patterns.append("|".join(phrase_pattern(tuple(p.split())) for p in group))
                index += size
                break
        else:
            patterns.append(rf"\b{re.escape(words[index])}")
            index += 1
    return patterns


def known(word: str) -> bool:
    return any(word in phrase for phrase in _PHRASES)
