"""The reader's own part of an article page: the "Was this helpful?" form with its CSRF token,
or the answer they gave. GET serves it (a fragment for htmx, a small page without
JavaScript); POST records a vote. A "No" is then asked why (`reason`), once. Every answer is
private: it belongs to one reader."""

import math
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from explainer import throttle, votes
from explainer.forms import FeedbackForm, ReasonForm
from explainer.models import Article, Feedback
from explainer.serving import private

# A lock on the database lasts moments; a reader asked to retry should not wait long.
NOT_SAVED_RETRY_AFTER = 5


@dataclass(frozen=True)
class _Outcome:
    status: int
    vote: Feedback | None = None
    retry_after: int | None = None


@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")
def feedback(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_object_or_404(Article, slug=slug, published=True)
    if request.method != "POST":
        vote = votes.existing_vote(request, article.pk)
        return private(_render(request, article, FeedbackForm(), _Outcome(200, vote)))
    return private(_submit(request, article))


def _submit(request: HttpRequest, article: Article) -> HttpResponse:
    form = FeedbackForm(request.POST)
    visitor = votes.visitor_id(request) or votes.new_visitor_id()
    outcome = _vote(request, article, form, visitor)
    if outcome.status == 201 and not request.htmx:
        response = redirect("feedback", slug=article.slug)
    else:
        response = _render(request, article, form, outcome)
    if outcome.retry_after is not None:
        response["Retry-After"] = str(outcome.retry_after)
    votes.remember_visitor(request, response, visitor)
    return response


@require_POST
@vary_on_headers("HX-Request")
def reason(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_object_or_404(Article, slug=slug, published=True)
    form = ReasonForm(request.POST)
    outcome = _explain(request, article, form)
    if outcome.status == 200 and not request.htmx:
        return private(redirect("feedback", slug=article.slug))
    response = _render(request, article, FeedbackForm(), outcome, reason_form=form)
    if outcome.retry_after is not None:
        response["Retry-After"] = str(outcome.retry_after)
    return private(response)


def _explain(request: HttpRequest, article: Article, form: ReasonForm) -> _Outcome:
    vote = votes.existing_vote(request, article.pk)
    if vote is None:  # no cookie, or a vote not made here: offer the first question again
        return _Outcome(409)
    if not form.is_valid():
        return _Outcome(422, vote)
    try:
        return _Outcome(200, votes.explain_vote(vote, **form.cleaned_data))
    except votes.AlreadyVoted:
        return _Outcome(409, votes.existing_vote(request, article.pk))
    except votes.VoteNotSaved:
        return _Outcome(503, vote, retry_after=NOT_SAVED_RETRY_AFTER)


def _vote(request: HttpRequest, article: Article, form: FeedbackForm, visitor: str) -> _Outcome:
    if (wait := throttle.vote_wait(request, article.slug)) is not None:
        return _Outcome(429, retry_after=wait)
    if not form.is_valid():
        return _Outcome(422)
    try:
        return _Outcome(201, votes.record_vote(visitor, article, **form.cleaned_data))
    except votes.AlreadyVoted:
        return _Outcome(409, votes.existing_vote(request, article.pk))
    except votes.VoteNotSaved:
        return _Outcome(503, retry_after=NOT_SAVED_RETRY_AFTER)


def _render(
    request: HttpRequest,
    article: Article,
    form: FeedbackForm,
    outcome: _Outcome,
    reason_form: ReasonForm | None = None,
) -> HttpResponse:
    vote = outcome.vote
    if vote and not vote.helpful and not vote.reason and reason_form is None:
        reason_form = ReasonForm(initial={"comment": vote.comment})
    context = {
        "article": article,
        "feedback_form": form,
        "reason_form": reason_form if vote and not vote.reason else None,
        "vote": vote,
        "already_voted": outcome.status == 409,
        "not_saved": outcome.status == 503,
        "throttled_minutes": math.ceil(outcome.retry_after / 60) if outcome.status == 429 else 0,
    }
    template = "includes/_feedback.html" if request.htmx else "feedback.html"
    return render(request, template, context, status=outcome.status)
