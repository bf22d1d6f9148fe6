"""The portal's URLs plus the benchmark's ceiling: a bare view rendering a small template."""

from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from config.urls import urlpatterns as portal_urlpatterns


@require_GET
def ceiling(request):
    return render(request, "bench/ceiling.html", {"title": "Ceiling", "items": range(10)})


urlpatterns = [path("bench/ceiling/", ceiling), *portal_urlpatterns]
