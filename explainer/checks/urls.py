from django.urls import path

from . import views

app_name = "checks"
urlpatterns = [
    path("check/", views.landing, name="landing"),
    path("check/start/", views.start, name="start"),
    path("check/progress/", views.recent, name="progress"),
    path("check/<int:seed>/", views.attempt_page, name="attempt"),
    path("embed/check/", views.embed_landing, name="embed-landing"),
    path("embed/check/start/", views.embed_start, name="embed-start"),
    path("embed/check/<int:seed>/", views.embed_attempt, name="embed-attempt"),
]
