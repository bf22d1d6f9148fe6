"""The routes the phone calls (outside the language prefix: the phone sends Accept-Language)."""

from django.urls import path

from applications.signing import egov_mobile

app_name = "egov_mobile"

urlpatterns = [
    path("<str:token>/", egov_mobile.service, name="service"),
    path("<str:token>/documents/", egov_mobile.documents, name="documents"),
]
