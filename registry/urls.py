from django.contrib.auth import views as auth_views
from django.urls import path

from registry import views, views_deadlines, views_tokens
from registry.forms_auth import LoginForm

app_name = "registry"

urlpatterns = [
    path("", views.home, name="home"),
    path("cabinet/", views.cabinet, name="cabinet"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("documents/<int:pk>/status/", views.document_status, name="document_status"),
    path("documents/<int:pk>/download/", views.document_download, name="document_download"),
    path("verify/<str:code>/", views.document_verify, name="document_verify"),
    path("deadlines/", views_deadlines.deadline_list, name="deadlines"),
    path("deadlines/export.<str:fmt>", views_deadlines.deadline_export, name="deadlines_export"),
    path("deadlines/<int:pk>/", views_deadlines.deadline_detail, name="deadline_detail"),
    path("cabinet/api-tokens/", views_tokens.token_list, name="api_tokens"),
    path("cabinet/api-tokens/new/", views_tokens.token_create, name="api_token_create"),
    path("cabinet/api-tokens/<int:pk>/revoke/", views_tokens.token_revoke, name="api_token_revoke"),
]

auth_urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True, authentication_form=LoginForm),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]
