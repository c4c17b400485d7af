"""A predict widget on a page: its question, the guess form and, once a guess is in, the
engine's answer and how far the guess was.

The same template serves the widget's page, its embed and an article's `[[predict slug]]`
marker. Before a guess the widget holds no part of the answer: not in the text, not in an
attribute, not in a script; the server computes the answer only for a guess.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlencode

from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse

from .forms import GuessForm
from .question import Answer, Kind, Question
from .questions import QUESTIONS
from .verdict import Verdict, judge, tolerance_words


@dataclass
class PredictWidget:
    question: Question
    form: GuessForm
    # Where the form goes: the widget's page, or its embed (with the embed's theme kept).
    action: str
    hidden: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"predict-{self.question.slug}"

    @property
    def guessed(self) -> bool:
        return self.form.is_bound

    @cached_property
    def valid(self) -> bool:
        return self.guessed and self.form.is_valid()

    @property
    def answer(self) -> Answer | None:
        return self.question.answer if self.valid else None

    @cached_property
    def verdict(self) -> Verdict | None:
        return judge(self.question, self.form.guess) if self.valid else None

    @property
    def tolerance(self) -> str:
        return tolerance_words(self.question) if self.question.kind is Kind.NUMBER else ""

    @property
    def again_url(self) -> str:
        return f"{self.action}?{urlencode(self.hidden)}" if self.hidden else self.action


def question_or_404(slug: str) -> Question:
    try:
        return QUESTIONS[slug]
    except KeyError:
        raise Http404("No such predict widget.") from None


def widget_for(
    question: Question,
    query: Mapping[str, str],
    *,
    action: str,
    hidden: dict[str, str] | None = None,
) -> PredictWidget:
    """Bound to the reader's guess when the query has one (even an empty one, which the form
    then refuses), unbound otherwise."""
    data = {"guess": query["guess"]} if "guess" in query else None
    form = GuessForm(question, data, widget_id=f"predict-{question.slug}")
    return PredictWidget(question, form, action, hidden or {})


def page_url(slug: str) -> str:
    return reverse("predict:question", args=[slug])


def inline_widget(slug: str) -> str:
    """The widget an article's `[[predict slug]]` marker becomes, in its unguessed state: the
    same for every reader. It submits to the widget's page; with htmx the reveal comes back
    into the article in place."""
    question = QUESTIONS[slug]
    widget = widget_for(question, {}, action=page_url(slug))
    return render_to_string("predict/_widget.html", {"widget": widget, "heading": "h3"})
