from django.urls import path

from . import views

urlpatterns = [
    path("evaluate", views.evaluate, name="api-evaluate"),
    path("simulate", views.simulate, name="api-simulate"),
    path("markets", views.markets, name="api-markets"),
    path("openapi.json", views.openapi_document, name="api-openapi"),
    path("docs/", views.docs, name="api-docs"),
]
