from django.urls import include, path

from .views import articles, feedback, glossary, search, site

urlpatterns = [
    path("", articles.home, name="home"),
    path("categories/<slug:slug>/", articles.category, name="category"),
    path("articles/<slug:slug>/", articles.article, name="article"),
    path("articles/<slug:slug>/feedback/", feedback.feedback, name="feedback"),
    path("articles/<slug:slug>/feedback/why/", feedback.reason, name="feedback_reason"),
    path("glossary/", glossary.glossary, name="glossary"),
    path("search/", search.search, name="search"),
    path("robots.txt", site.robots_txt, name="robots"),
    path("practice/", include("explainer.practice.urls")),
]
