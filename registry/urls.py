from django.contrib.auth import views as auth_views
from django.urls import path, register_converter

from registry import views, views_account, views_deadlines, views_info, views_tokens

app_name = "registry"


class VerificationCode:
    """The alphabet of ``secrets.token_urlsafe`` (models.documents): anything else is a 404, never a 500."""

    regex = "[A-Za-z0-9_-]{1,32}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(VerificationCode, "vcode")

urlpatterns = [
    path("", views.home, name="home"),
    path("info/", views_info.support_info, name="support_info"),
    path("cabinet/", views.cabinet, name="cabinet"),
    path("notifications/", views.notification_list, name="notifications"),
    path("session/keepalive/", views.session_keepalive, name="keepalive"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("documents/<int:pk>/status/", views.document_status, name="document_status"),
    path("documents/<int:pk>/download/", views.document_download, name="document_download"),
    path("verify/<vcode:code>/", views.document_verify, name="document_verify"),
    path("verify/<vcode:code>/public.pdf", views.document_public_download, name="document_public_download"),
    path("deadlines/", views_deadlines.deadline_list, name="deadlines"),
    path("deadlines/export.<str:fmt>", views_deadlines.deadline_export, name="deadlines_export"),
    path("deadlines/<int:pk>/", views_deadlines.deadline_detail, name="deadline_detail"),
    path("cabinet/api-tokens/", views_tokens.token_list, name="api_tokens"),
    path("cabinet/api-tokens/new/", views_tokens.token_create, name="api_token_create"),
    path("cabinet/api-tokens/<int:pk>/revoke/", views_tokens.token_revoke, name="api_token_revoke"),
]

# The login page itself (ЭЦҚ and password) is applications.views.signin.PortalLoginView: it needs the verifier.
auth_urlpatterns = [
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("logout/everywhere/", views_account.logout_everywhere, name="logout_everywhere"),
    path("account/sessions/", views_account.session_list, name="session_list"),
    # Staff's second factor (TOTP, recovery codes): registry.middleware.StaffSecondFactorMiddleware.
    path("account/otp/", views_account.otp_verify, name="otp_verify"),
    path("account/otp/setup/", views_account.otp_setup, name="otp_setup"),
    # Staff reset a forgotten password by e-mail (entrepreneurs have no password: they use ЭЦҚ).
    path("password/reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/", views_account.PasswordResetConfirm.as_view(), name="password_reset_confirm"
    ),
    path("password/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
