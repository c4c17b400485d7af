from django.http import HttpRequest, HttpResponse

from explainer import page_shells
from explainer.models import Article, GlossaryTerm


def glossary(request: HttpRequest) -> HttpResponse:
    return page_shells.page_response(
        request, "glossary.html", lambda: {"terms": _terms()}, key="glossary"
    )


def _terms() -> list[GlossaryTerm]:
    terms = list(GlossaryTerm.objects.all())
    titles = dict(Article.objects.filter(published=True).values_list("slug", "title"))
    for term in terms:
        term.articles = [(slug, titles[slug]) for slug in term.see_also if slug in titles]
    return terms
