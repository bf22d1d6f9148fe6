from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from registry import views as registry_views
from registry.urls import auth_urlpatterns

urlpatterns = [
    path("i18n/setlang/", registry_views.set_language, name="set_language"),
    path("healthz", registry_views.healthz, name="healthz"),
    path("robots.txt", registry_views.robots),
    # The read-only API (issue 18): not under a language prefix, its URLs are stable.
    path("api/v1/", include("config.api_urls")),
]

urlpatterns += i18n_patterns(
    *auth_urlpatterns,
    path("admin/", admin.site.urls),
    path("applications/", include("applications.urls")),
    path("review/", include("applications.review.urls")),
    path("councils/", include("councils.urls")),
    path("monitoring/", include("monitoring.urls")),
    path("", include("registry.urls")),
    prefix_default_language=True,
)
