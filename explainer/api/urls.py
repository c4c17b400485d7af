from django.urls import path, re_path

from explainer.views.site import not_found

from . import cases, views

urlpatterns = [
    path("evaluate", views.evaluate, name="api-evaluate"),
    path("simulate", views.simulate, name="api-simulate"),
    path("markets", views.markets, name="api-markets"),
    path("cases", cases.cases, name="api-cases"),
    path("openapi.json", views.openapi_document, name="api-openapi"),
    path("docs/", views.docs, name="api-docs"),
    # Last: any other address answers the API's JSON 404, in DEBUG too (where Django would
    # otherwise show its technical HTML page instead of handler404).
    re_path(r"^.*$", not_found),
]
