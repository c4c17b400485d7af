from django.urls import path

from . import views
from .widgets import CALCULATORS

app_name = "calculators"
urlpatterns = [
    path("", views.index, name="index"),
    *(path(f"{slug}/", views.calculator, {"slug": slug}, name=slug) for slug in CALCULATORS),
]
