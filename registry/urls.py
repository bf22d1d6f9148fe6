from django.contrib.auth import views as auth_views
from django.urls import path

from registry import views, views_deadlines
from registry.forms_auth import LoginForm

app_name = "registry"

urlpatterns = [
    path("", views.home, name="home"),
    path("cabinet/", views.cabinet, name="cabinet"),
    path("notifications/", views.notification_list, name="notifications"),
    path("session/keepalive/", views.session_keepalive, name="keepalive"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("documents/<int:pk>/status/", views.document_status, name="document_status"),
    path("documents/<int:pk>/download/", views.document_download, name="document_download"),
    path("verify/<str:code>/", views.document_verify, name="document_verify"),
    path("deadlines/", views_deadlines.deadline_list, name="deadlines"),
    path("deadlines/<int:pk>/", views_deadlines.deadline_detail, name="deadline_detail"),
]

auth_urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True, authentication_form=LoginForm),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]
