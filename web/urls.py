from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path, re_path

from web import health, media, metrics, seo, views

urlpatterns = [
    path("api/v1/", include("web.api.urls")),
    path("admin/", admin.site.urls),
    path("healthz", views.healthz),
    path("readyz", health.readyz),
    path("metrics", metrics.metrics),
    # For crawlers (web/seo.py): a sitemap index, and each section's pages (?p=2, …).
    path("robots.txt", seo.robots_txt),
    path("sitemap.xml", sitemaps.index, {"sitemaps": seo.SITEMAPS, "sitemap_url_name": "sitemap-section"}),
    path("sitemap-<section>.xml", sitemaps.sitemap, {"sitemaps": seo.SITEMAPS}, name="sitemap-section"),
]
if not settings.S3_BUCKET:
    # Uploaded photos from the local disk, to whoever may see their listing (web/media.py).
    urlpatterns.append(path("media/listings/<int:listing_id>/<str:name>", media.listing_photo))
# Everything else is the web app's (React Router's) own route; a bundle the build does
# not have (assets/, served by WhiteNoise or nginx) is a 404, never the shell as script.
urlpatterns.append(re_path(r"^(?!api/|admin/|static/|media/|ws/|assets/)(?P<path>.*)$", views.app_shell))

handler404 = "web.views.not_found"
handler500 = "web.views.server_error"
