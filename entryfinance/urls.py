from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from explainer.sitemaps import SITEMAPS

urlpatterns = [
    path("", include("explainer.urls")),
    path("", include("explainer.support.urls")),
    path("", include("explainer.embeds.urls")),
    path("", include("explainer.checks.urls")),
    path("", include("explainer.predict.urls")),
    path("", include("explainer.searchlog.urls")),
    path("calculators/", include("explainer.calculators.urls")),
    path("api/v1/", include("explainer.api.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("admin/", admin.site.urls),
]

handler400 = "explainer.views.site.bad_request"
handler403 = "explainer.views.site.forbidden"
handler404 = "explainer.views.site.not_found"
handler500 = "explainer.views.site.server_error"
