from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from explainer.models import Article, GlossaryTerm


def glossary(request: HttpRequest) -> HttpResponse:
    terms = list(GlossaryTerm.objects.all())
    titles = dict(Article.objects.filter(published=True).values_list("slug", "title"))
    for term in terms:
        term.articles = [(slug, titles[slug]) for slug in term.see_also if slug in titles]
    return render(request, "glossary.html", {"terms": terms})
