"""Shelf space for local producers (§10, §11)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from applications.eligibility import on_priority_list, priority_codes
from monitoring.models import RetailObject, ShelfPlacement
from monitoring.rules import NOT_LOCAL, PLACEMENT_MIN_MONTHS, add_months, local_producer_refusal
from monitoring.services.common import RETAIL_KEEPERS, require_official
from registry.audit import audit_record
from registry.models import OkedCode, Region, User


def retail_object_create(*, region: Region, by: User, at: datetime, **fields: Any) -> RetailObject:
    """Record a retail object; its §11 minimum zone follows from its area and the state's networks.
    ``fields``: its values as its form validated them (name, address, trade_area, networks_by_state,
    local_zone_area)."""
    require_official(by, region_id=region.pk, roles=RETAIL_KEEPERS)
    retail = RetailObject.objects.create(region=region, **fields)
    audit_record(actor=by, obj=retail, action="retail_create", rule="§11", at=at)
    return retail


def placement_check(*, starts_on: date, ends_on: date) -> None:
    if ends_on < add_months(starts_on, PLACEMENT_MIN_MONTHS):
        raise ValidationError({"ends_on": _("§11: shelf space is given for at least 6 months.")}, code="too_short")


def local_producer_check(
    *, retail_object: RetailObject, producer_region: Region | None, producer_oked: OkedCode | None
) -> None:
    """§10: shelf space only for a producer of the object's region working in its priority activities."""
    refusal = local_producer_refusal(
        producer_region_id=producer_region.pk if producer_region else None,
        retail_region_id=retail_object.region_id,
        on_priority_list=on_priority_list(producer_oked, priority_codes(retail_object.region_id)),
    )
    if refusal == NOT_LOCAL:
        raise ValidationError(
            {
                "producer_region": _(
                    "Under paragraph 10 shelf space is given only to local producers: "
                    "the producer must be of the retail object's region."
                )
            },
            code=refusal,
        )
    if refusal is not None:
        raise ValidationError(
            {
                "producer_oked": _(
                    "Under paragraph 10 shelf space is given only to producers working within the region's "
                    "priority activity types: this ЭҚЖЖ code is not on the region's list."
                )
            },
            code=refusal,
        )


def placement_create(*, retail_object: RetailObject, by: User, at: datetime, **fields) -> ShelfPlacement:
    """§10, §11: place a local producer in the region's priority activities for at least six months."""
    require_official(by, region_id=retail_object.region_id, roles=RETAIL_KEEPERS)
    local_producer_check(
        retail_object=retail_object,
        producer_region=fields.get("producer_region"),
        producer_oked=fields.get("producer_oked"),
    )
    placement_check(starts_on=fields["starts_on"], ends_on=fields["ends_on"])
    if not (fields.get("area") or fields.get("shelf_metres")):
        raise ValidationError(_("Give the area or the shelf metres."), code="no_space")
    placement = ShelfPlacement.objects.create(retail_object=retail_object, **fields)
    audit_record(
        actor=by, obj=retail_object, action="placement_create", reason=fields["producer_name"], rule="§10", at=at
    )
    return placement


def placement_extend(*, placement: ShelfPlacement, ends_on: date, by: User, at: datetime) -> ShelfPlacement:
    """§11: extendable while the producer meets quality and safety requirements."""
    require_official(by, region_id=placement.retail_object.region_id, roles=RETAIL_KEEPERS)
    if placement.compliance == ShelfPlacement.Compliance.BREACH:
        raise ValidationError(_("§11: a producer in breach of quality and safety requirements is not extended."))
    if ends_on <= placement.ends_on:
        raise ValidationError({"ends_on": _("The new end must be later than the current end.")})
    placement.ends_on = ends_on
    placement.save(update_fields=["ends_on"])
    audit_record(actor=by, obj=placement.retail_object, action="placement_extend", rule="§11", at=at)
    return placement
