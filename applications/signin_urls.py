"""The front door's routes (in config.urls, under the language prefix)."""
from django.urls import path

from applications.views import signin

app_name = "signin"

urlpatterns = [
    path("ecp/", signin.ecp_sign_in, name="ecp"),
    path("demo/", signin.demo_sign_in, name="demo"),
    path("sign-up/", signin.sign_up, name="sign_up"),
    path("entity/", signin.choose_entity, name="entity"),
]
