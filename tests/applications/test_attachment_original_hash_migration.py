"""Migration 0053: files attached before the rebuild were stored as uploaded, so their upload hash is the stored one."""

import importlib

import pytest
from django.apps import apps

from applications.models import Attachment
from tests.applications.factories import complete_draft, reference_data

pytestmark = pytest.mark.django_db
migration = importlib.import_module("applications.migrations.0053_attachment_original_sha256")


def test_existing_attachments_get_their_stored_hash_as_the_upload_hash(entrepreneur, region):
    draft = complete_draft(entrepreneur, region, reference_data(region))
    old = Attachment.objects.filter(application=draft).first()
    Attachment.objects.filter(pk=old.pk).update(sha256="a" * 64, original_sha256="")
    newer = Attachment.objects.filter(application=draft).exclude(pk=old.pk).first()
    if newer is not None:
        Attachment.objects.filter(pk=newer.pk).update(sha256="b" * 64, original_sha256="c" * 64)
    migration.uploaded_as_stored(apps, None)
    assert Attachment.objects.get(pk=old.pk).original_sha256 == "a" * 64
    if newer is not None:
        assert Attachment.objects.get(pk=newer.pk).original_sha256 == "c" * 64  # already set: kept
