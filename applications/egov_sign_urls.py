"""The browser's side of eGov mobile signing for any registered document (applications.signing.signables)."""

from django.urls import path

from applications.views import mobile

app_name = "egov_sign"

urlpatterns = [
    path("<str:kind>/<int:pk>/", mobile.document_start, name="start"),
    path("<str:kind>/<int:pk>/<str:token>/status/", mobile.document_status, name="status"),
]
