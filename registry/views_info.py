"""§15(1): the coordinator informs entrepreneurs about infrastructure support — a public page, no login."""

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from registry.models import InfrastructureCategory, InfrastructureObjectType, OkedCode, PriorityActivity, Region


@require_GET
def support_info(request: HttpRequest) -> HttpResponse:
    """What support is, §6 categories and types, each region's §5 list, conditions, documents, steps, contacts.

    Three queries whatever the number of regions and codes (categories+types, regions+contacts, lists).
    """
    # §5 (rev. 2): a letter section is not a list entry; flagged rows wait for the administrator.
    listed = (
        PriorityActivity.objects.select_related("oked")
        .exclude(oked__level=OkedCode.Level.SECTION)
        .order_by("oked__code")
    )
    regions = Region.objects.select_related("coordinator_contact").prefetch_related(
        Prefetch("priority_activities", queryset=listed, to_attr="priority_list")
    )
    categories = InfrastructureCategory.objects.order_by("order").prefetch_related(
        Prefetch("object_types", queryset=InfrastructureObjectType.objects.order_by("order", "code"))
    )
    return render(request, "registry/support_info.html", {"regions": regions, "categories": categories})
