from django.urls import path

from . import views

app_name = "predict"
urlpatterns = [
    path("predict/<slug:slug>/", views.question, name="question"),
    path("embed/predict/<slug:slug>/", views.embed, name="embed"),
]
