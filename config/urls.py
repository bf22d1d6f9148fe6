from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from applications.views.signin import PortalLoginView
from registry import views as registry_views
from registry.urls import auth_urlpatterns

urlpatterns = [
    path("i18n/setlang/", registry_views.set_language, name="set_language"),
    path("healthz", registry_views.healthz, name="healthz"),
    path("robots.txt", registry_views.robots),
    # eGov mobile QR signing: the phone reads the document and puts the signature back here.
    path("egov-mobile/", include("applications.egov_mobile_urls")),
    path("favicon.ico", registry_views.favicon),
    # The read-only API (issue 18): not under a language prefix, its URLs are stable.
    path("api/v1/", include("config.api_urls")),
]

urlpatterns += i18n_patterns(
    path("login/", PortalLoginView.as_view(), name="login"),
    path("signin/", include("applications.signin_urls")),
    *auth_urlpatterns,
    path("admin/", admin.site.urls),
    path("applications/", include("applications.urls")),
    path("review/", include("applications.review.urls")),
    path("sign/egov/", include("applications.egov_sign_urls")),
    path("councils/", include("councils.urls")),
    path("monitoring/", include("monitoring.urls")),
    path("", include("registry.urls")),
    prefix_default_language=True,
)

# Error pages in the portal's layout and the reader's language (registry.views_errors).
handler400 = "registry.views_errors.bad_request"
handler403 = "registry.views_errors.permission_denied"
handler404 = "registry.views_errors.page_not_found"
handler500 = "registry.views_errors.server_error"
