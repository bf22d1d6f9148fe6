"""The canonical document the applicant signs (Appendix item 9).

A stable JSON of every field of the form plus each attachment's SHA-256:
sorted keys, UTF-8, no insignificant whitespace — so the same answers always
give the same bytes and the server can rebuild them to verify the signature.

Format 2 (issue 12): the document also carries the words the applicant saw and
agreed to, in the applicant's language: the request of Appendix item 2, the §9
declarations and every undertaking and consent, each with its tick. A signature
is over a document's bytes, which are stored with it (``ApplicationSignature.document``),
so documents signed in format 1 keep verifying (``signature_reverify``).
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from django.db import models
from django.utils import translation

from applications.models import Application, ApplicationDetails

FORMAT = "infra-support-application/2"
_SKIP = {"id", "application", "sections"}


def _value(field: models.Field, obj: models.Model):
    if isinstance(field, models.ForeignKey):
        related = getattr(obj, field.name)
        return getattr(related, "code", None) if related is not None else None
    value = getattr(obj, field.attname)
    if isinstance(field, models.DecimalField) and value is not None:
        return f"{Decimal(value):.{field.decimal_places}f}"
    if isinstance(value, date):
        return value.isoformat()
    return value


def statements(application: Application) -> dict:
    """Appendix items 2 and 8 and §9 as worded on the form, in the applicant's language, with their ticks."""
    from applications.forms.consents import DECLARATIONS, REQUEST, UNDERTAKINGS

    details = application.details
    language = signing_language(application)
    with translation.override(language):

        def worded(texts: dict) -> list:
            return [
                {"field": name, "text": str(text), "ticked": bool(getattr(details, name))}
                for name, text in texts.items()
            ]

        return {
            "language": language,
            "request": worded(REQUEST),
            "declarations": worded(DECLARATIONS),
            "undertakings_and_consents": worded(UNDERTAKINGS),
        }


def signing_language(application: Application) -> str:
    """The applicant's language (kk or ru): the one their cabinet shows them."""
    language = (getattr(application.applicant, "language", "") or "kk")[:2]
    return language if language in ("kk", "ru") else "kk"


def canonical_data(application: Application) -> dict:
    details: ApplicationDetails = application.details
    form = {f.name: _value(f, details) for f in ApplicationDetails._meta.concrete_fields if f.name not in _SKIP}
    form.update(
        region=application.region.code,
        project_name=application.project_name,
        oked=application.oked.code if application.oked else None,
        infrastructure_type=application.infrastructure_type.code if application.infrastructure_type else None,
        construction_cost=_value(Application._meta.get_field("construction_cost"), application),
        project_cost=_value(Application._meta.get_field("project_cost"), application),
    )
    return {
        "format": FORMAT,
        "application": application.pk,
        "form": form,
        "planned_users": [{"identifier": u.identifier, "name": u.name} for u in application.planned_users.all()],
        "statements": statements(application),
        "attachments": {
            a.kind: {"name": a.original_name, "sha256": a.sha256, "size": a.size} for a in application.attachments.all()
        },
    }


def canonical_document(application: Application) -> bytes:
    data = canonical_data(application)
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
