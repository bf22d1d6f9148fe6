"""Backups that restore: compose's backup script dumps the database (custom format) and the
private media; restored into a fresh database, the copy has the same rows, its journal
verifies against its anchors, and a generated document downloads with its recorded hash.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone

from applications.models import Application, Status
from registry.audit import audit_anchor, audit_record
from registry.models import GeneratedDocument
from tests.applications.factories import complete_draft, reference_data

ROOT = Path(__file__).resolve().parents[2]
TABLES = [
    "registry_auditevent",
    "applications_application",
    "applications_attachment",
    "registry_user",
    "registry_generateddocument",
]

pytestmark = [
    pytest.mark.django_db(transaction=True),  # pg_dump sees only committed rows
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not shutil.which("pg_restore"),
        reason="needs PostgreSQL and its client tools (postgresql-client)",
    ),
]


def _pg_env(dbname: str) -> dict:
    db = connection.settings_dict
    return {
        **os.environ,
        "PGHOST": db["HOST"] or "127.0.0.1",
        "PGPORT": str(db["PORT"] or 5432),
        "PGUSER": db["USER"],
        "PGPASSWORD": db["PASSWORD"] or "",
        "PGDATABASE": dbname,
    }


def _counts(dbname: str) -> dict:
    env = _pg_env(dbname)
    with psycopg.connect(
        host=env["PGHOST"],
        port=env["PGPORT"],
        user=env["PGUSER"],
        password=env["PGPASSWORD"],
        dbname=dbname,
        autocommit=True,
    ) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


@pytest.fixture
def restored_name():
    name = f"{connection.settings_dict['NAME']}_restored"
    env = _pg_env("postgres")
    subprocess.run(["dropdb", "--if-exists", name], env=env, check=True)
    yield name
    subprocess.run(["dropdb", "--if-exists", name], env=env, check=True)


def _manage(args: list[str], *, dbname: str, media: Path) -> subprocess.CompletedProcess:
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{dbname}"
    env = {k: v for k, v in os.environ.items() if k not in ("TEST_DATABASE_NAME", "DJANGO_SETTINGS_MODULE")}
    env.update(
        DATABASE_URL=url,
        PRIVATE_MEDIA_ROOT=str(media),
        CELERY_BROKER_URL="memory://",
        AUDIT_HMAC_KEY=settings.AUDIT_HMAC_KEY,
        SECRET_KEY=settings.SECRET_KEY,
    )
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_backup_restores_into_a_fresh_database(entrepreneur, coordinator, region, tmp_path, restored_name):
    application = complete_draft(entrepreneur, region, reference_data(region))
    Application.objects.filter(pk=application.pk).update(status=Status.SUBMITTED, number="61-2026-000042")
    for step in range(3):
        audit_record(actor=coordinator, obj=application, action=f"backup-step{step}", rule="§19")
    document = GeneratedDocument(
        kind="application_receipt",
        content_object=application,
        language="kk",
        params_key="backup",
        state=GeneratedDocument.State.DONE,
    )
    pdf = b"%PDF-1.4\n% the receipt\n%%EOF\n"
    document.file.save("receipt.pdf", ContentFile(pdf), save=False)
    document.sha256 = hashlib.sha256(pdf).hexdigest()
    document.save()
    audit_anchor(at=timezone.now())

    backups = tmp_path / "backups"
    backups.mkdir()
    db = connection.settings_dict["NAME"]
    done = subprocess.run(
        ["sh", str(ROOT / "scripts/compose/backup.sh"), "--once"],
        capture_output=True,
        text=True,
        env={**_pg_env(db), "BACKUP_DIR": str(backups), "MEDIA_DIR": str(settings.PRIVATE_MEDIA_ROOT)},
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    (dump,) = backups.glob("portal-*.dump")
    (media_tar,) = backups.glob("media-*.tar.gz")

    # Restore: a fresh database from the custom-format dump, the media from the tar.
    env = _pg_env("postgres")
    subprocess.run(["createdb", restored_name], env=env, check=True)
    subprocess.run(
        ["pg_restore", "--no-owner", "--exit-on-error", "-d", restored_name, str(dump)],
        env=env,
        check=True,
        capture_output=True,
    )
    media = tmp_path / "restored-media"
    with tarfile.open(media_tar) as archive:
        archive.extractall(media, filter="data")

    assert _counts(restored_name) == _counts(db)
    assert _counts(restored_name)["registry_auditevent"] >= 3 and _counts(restored_name)["registry_user"] >= 2

    verified = _manage(["verify_audit"], dbname=restored_name, media=media)
    assert verified.returncode == 0, verified.stderr

    script = (
        "import hashlib; from django.test import Client; from django.urls import reverse\n"
        "from django_otp import DEVICE_ID_SESSION_KEY\n"
        "from django_otp.plugins.otp_static.models import StaticDevice\n"
        "from registry.models import User\n"
        f"user = User.objects.get(pk={coordinator.pk})\n"
        # staff pass the second factor (issue 13) as a signed-in coordinator would have
        "device = StaticDevice.objects.create(user=user, name='restore check', confirmed=True)\n"
        "c = Client(); c.force_login(user)\n"
        "s = c.session; s[DEVICE_ID_SESSION_KEY] = device.persistent_id; s.save()\n"
        f"r = c.get(reverse('registry:document_download', args=[{document.pk}]))\n"
        "print(r.status_code, hashlib.sha256(b''.join(r.streaming_content)).hexdigest())"
    )
    downloaded = _manage(["shell", "-c", script], dbname=restored_name, media=media)
    assert downloaded.stdout.splitlines()[-1].split() == ["200", document.sha256], downloaded.stderr
