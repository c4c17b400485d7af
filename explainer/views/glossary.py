from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from explainer.models import Article, GlossaryTerm
from explainer.serving import public_page


@require_safe
@public_page
def glossary(request: HttpRequest) -> HttpResponse:
    return render(request, "glossary.html", {"terms": _terms()})


def _terms() -> list[GlossaryTerm]:
    terms = list(GlossaryTerm.objects.all())
    titles = dict(Article.objects.filter(published=True).values_list("slug", "title"))
    for term in terms:
        term.articles = [(slug, titles[slug]) for slug in term.see_also if slug in titles]
    return terms
