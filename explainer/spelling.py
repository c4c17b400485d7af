"""Typo tolerance: a query word that starts no word of the help center is replaced by the
closest word that does, by difflib's ratio (stdlib; the vocabulary is under a thousand words,
so a close match costs well under a millisecond)."""

import bisect
import difflib
from collections.abc import Iterable

# "isloated" scores 0.875 against "isolated", "margn" 0.91 against "margin"; below 0.8 short
# words start turning into unrelated ones.
CUTOFF = 0.8
SHORTEST = 4  # shorter words have too many neighbours to guess from


class Vocabulary:
    def __init__(self, words: Iterable[str]) -> None:
        self.words = sorted(set(words))
        self.guesses = [word for word in self.words if word.isalpha() and len(word) >= SHORTEST]

    def starts_a_word(self, prefix: str) -> bool:
        index = bisect.bisect_left(self.words, prefix)
        return index < len(self.words) and self.words[index].startswith(prefix)

    def closest(self, word: str) -> str | None:
        if len(word) < SHORTEST or not word.isalpha():
            return None
        matches = difflib.get_close_matches(word, self.guesses, n=5, cutoff=CUTOFF)
        # "corss" is as close to "costs" as to "cross": the tie goes to the same letters.
        return max(matches, key=lambda match: _closeness(word, match), default=None)


def corrected(words: list[str], vocabulary: Vocabulary, *, known=lambda word: False) -> list[str]:
    """The words with each unknown one replaced by its closest match; unchanged if none is."""
    fixed = []
    for word in words:
        if known(word) or vocabulary.starts_a_word(word):
            fixed.append(word)
        else:
            fixed.append(vocabulary.closest(word) or word)
    return fixed


def _closeness(word: str, match: str) -> tuple[float, bool]:
    return difflib.SequenceMatcher(None, word, match).ratio(), sorted(match) == sorted(word)
