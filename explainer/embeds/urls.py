from django.urls import path

from explainer.calculators.widgets import CALCULATORS

from . import views

app_name = "embeds"
urlpatterns = [
    path("embed/", views.index, name="index"),
    path("embed.js", views.loader, name="loader"),
    *(path(f"embed/{slug}/", views.calculator, {"slug": slug}, name=slug) for slug in CALCULATORS),
]
