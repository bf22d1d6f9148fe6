"""/api/v1/: the read-only API, its OpenAPI schema and its browsable docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny
from rest_framework.routers import SimpleRouter

from applications.api import ApplicationViewSet
from councils.api import DecisionViewSet
from monitoring.api import ProjectViewSet, PublicDictionary, PublicPlans, PublicRegisterList, PublicStatistics
from registry.api import DeadlineViewSet

router = SimpleRouter()
router.register("applications", ApplicationViewSet, basename="application")
router.register("decisions", DecisionViewSet, basename="decision")
router.register("projects", ProjectViewSet, basename="project")
router.register("deadlines", DeadlineViewSet, basename="deadline")

app_name = "api"

urlpatterns = [
    path("public/register/", PublicRegisterList.as_view(), name="public_register"),
    path("public/dictionary/", PublicDictionary.as_view(), name="public_dictionary"),
    path("public/statistics/", PublicStatistics.as_view(), name="public_statistics"),
    path("public/plans/", PublicPlans.as_view(), name="public_plans"),
    path(
        "schema/", SpectacularAPIView.as_view(permission_classes=[AllowAny], authentication_classes=[]), name="schema"
    ),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", permission_classes=[AllowAny], authentication_classes=[]
        ),
        name="docs",
    ),
    path(
        "redoc/",
        SpectacularRedocView.as_view(url_name="api:schema", permission_classes=[AllowAny], authentication_classes=[]),
        name="redoc",
    ),
    path("", include(router.urls)),
]
