"""What happened, stored as plain JSON, so the words can be rendered later in the reader's language.

A notification keeps its kind and the values its template needs (STYLE.md:
"store what happened, render the words when read"). Model instances are kept
as a snapshot of their fields (and of the objects they point to, two levels
deep), so the text shows the facts as they were when it was sent, and a
choice label or a bilingual name (``Region``, ``Council``) still comes out in
the reader's language. Secrets are never copied.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models.query import QuerySet
from django.utils.functional import Promise

# Fields never copied into a snapshot: they are nobody's business in a notification.
SECRET_FIELDS = frozenset({"password", "last_login", "secret", "key", "token", "totp_secret"})
DEPTH = 2


def freeze(value: Any, depth: int = DEPTH) -> Any:
    if isinstance(value, models.Model):
        return _freeze_instance(value, depth)
    if isinstance(value, (QuerySet, list, tuple)):
        return [freeze(v, depth) for v in value]
    if isinstance(value, dict):
        return {str(k): freeze(v, depth) for k, v in value.items()}
    if isinstance(value, datetime.datetime):
        return {"$dt": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"$d": value.isoformat()}
    if isinstance(value, Decimal):
        return {"$dec": str(value)}
    if isinstance(value, Promise):
        return str(value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _freeze_instance(obj: models.Model, depth: int) -> dict:
    fields: dict[str, Any] = {}
    related: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in SECRET_FIELDS or isinstance(field, (models.BinaryField, models.FileField)):
            continue
        raw = getattr(obj, field.attname)
        fields[field.attname] = freeze(raw, 0)
        if field.is_relation and raw is not None and depth > 0:
            related[field.name] = freeze(getattr(obj, field.name), depth - 1)
    return {"$model": obj._meta.label_lower, "fields": fields, "related": related}


def thaw(value: Any) -> Any:
    """The values back, model snapshots as unsaved instances (they never query the database)."""
    if isinstance(value, list):
        return [thaw(v) for v in value]
    if isinstance(value, dict):
        if "$model" in value:
            return _thaw_instance(value)
        if "$dt" in value:
            return datetime.datetime.fromisoformat(value["$dt"])
        if "$d" in value:
            return datetime.date.fromisoformat(value["$d"])
        if "$dec" in value:
            return Decimal(value["$dec"])
        return {k: thaw(v) for k, v in value.items()}
    return value


def _thaw_instance(data: dict) -> models.Model | None:
    try:
        model = apps.get_model(data["$model"])
    except (LookupError, ValueError):
        return None
    obj = model()
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    for attname, raw in data.get("fields", {}).items():
        field = by_attname.get(attname)
        if field is not None:
            setattr(obj, attname, thaw(raw))
    for name, snapshot in data.get("related", {}).items():
        target = thaw(snapshot)
        if target is not None:
            model._meta.get_field(name).set_cached_value(obj, target)
    obj._state.adding = False
    return obj
