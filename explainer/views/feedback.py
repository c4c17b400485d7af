from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from explainer import votes
from explainer.article_parts import article_parts
from explainer.forms import FeedbackForm
from explainer.models import Article

from .articles import article_context


@require_POST
def submit(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_object_or_404(Article, slug=slug, published=True)
    form = FeedbackForm(request.POST)
    visitor = votes.visitor_id(request) or votes.new_visitor_id()
    status, vote = 400, None
    if form.is_valid():
        try:
            vote = votes.record_vote(visitor, article, **form.cleaned_data)
            status = 201
        except votes.AlreadyVoted:
            vote, status = votes.existing_vote(request, article.pk), 409
    if status == 201 and not request.htmx:
        response = redirect(f"{article.get_absolute_url()}#feedback", permanent=False)
    else:
        response = _render(request, article, form, vote, status)
    votes.remember_visitor(request, response, visitor)
    return response


def _render(request, article, form, vote, status) -> HttpResponse:
    extra = {"feedback_form": form, "vote": vote, "already_voted": status == 409}
    if request.htmx:
        return render(
            request, "includes/_feedback.html", {"article": article, **extra}, status=status
        )
    context = article_context(request, article_parts(article.slug), vote) | extra
    return render(request, "article.html", context, status=status)
