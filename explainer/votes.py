"""One "Was this article helpful?" vote per visitor and article.

A visitor is a random id in a long-lived cookie: no account is needed to answer.
"""

import logging
import secrets

from django.db import IntegrityError, OperationalError, transaction
from django.http import HttpRequest, HttpResponse

from .models import Article, Feedback

logger = logging.getLogger(__name__)

VISITOR_COOKIE = "ma_visitor"
ONE_YEAR = 365 * 24 * 3600


class AlreadyVoted(Exception):
    pass


class VoteNotSaved(Exception):
    """The database could not store the vote just now: locked, read-only, unreachable."""


def visitor_id(request: HttpRequest) -> str | None:
    value = request.COOKIES.get(VISITOR_COOKIE, "")
    return value if value.isalnum() and 16 <= len(value) <= 64 else None


def existing_vote(request: HttpRequest, article_id: int) -> Feedback | None:
    visitor = visitor_id(request)
    if visitor is None:
        return None
    return Feedback.objects.filter(article_id=article_id, visitor=visitor).first()


def record_vote(visitor: str, article: Article, *, helpful: bool, comment: str) -> Feedback:
    try:
        with transaction.atomic():
            return Feedback.objects.create(
                article=article, visitor=visitor, helpful=helpful, comment=comment
            )
    except IntegrityError:
        raise AlreadyVoted from None
    except OperationalError as error:
        logger.warning("A vote on %s was not saved: %s", article.slug, error)
        raise VoteNotSaved from error


def explain_vote(vote: Feedback, *, reason: str, comment: str) -> Feedback:
    """Adds why a "No" did not help, once: the comment replaces the one given with the vote
    (the form starts from it). AlreadyVoted if the vote was a "Yes" or is explained already."""
    unexplained = Feedback.objects.filter(pk=vote.pk, helpful=False, reason="")
    try:
        if not unexplained.update(reason=reason, comment=comment):
            raise AlreadyVoted
    except OperationalError as error:
        logger.warning("A reason on %s was not saved: %s", vote.article_id, error)
        raise VoteNotSaved from error
    vote.reason, vote.comment = reason, comment
    return vote


def new_visitor_id() -> str:
    return secrets.token_hex(16)


def remember_visitor(request: HttpRequest, response: HttpResponse, visitor: str) -> None:
    response.set_cookie(
        VISITOR_COOKIE,
        visitor,
        max_age=ONE_YEAR,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
