from django.urls import path

from . import views

app_name = "searchlog"
urlpatterns = [
    path("search/seen/", views.seen, name="seen"),
    path("search/go/", views.go, name="go"),
]
