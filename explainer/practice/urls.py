from django.urls import path

from . import views
from .desk import CONTROLS

app_name = "practice"
urlpatterns = [
    path("", views.page, name="desk"),
    *(path(f"{name}/", views.control, {"name": name}, name=name) for name in CONTROLS),
    path("reset/", views.reset, name="reset"),
    path("math/", views.math, name="math"),
    path("scenarios/<slug:slug>/", views.scenario, name="scenario"),
]
