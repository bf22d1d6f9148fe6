"""The front door's routes (in config.urls, under the language prefix)."""

from django.urls import path

from applications.views import mobile, signin

app_name = "signin"

urlpatterns = [
    path("ecp/", signin.ecp_sign_in, name="ecp"),
    path("demo/", signin.demo_sign_in, name="demo"),
    path("egov/", mobile.sign_in_start, name="egov"),
    path("egov/<str:token>/status/", mobile.sign_in_status, name="egov_status"),
    path("sign-up/", signin.sign_up, name="sign_up"),
    path("entity/", signin.choose_entity, name="entity"),
]
