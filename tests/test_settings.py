"""One settings module: a bare machine gets a dev setup, the production env passes check --deploy."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent

PROBE = """
import json, django
from django.conf import settings
django.setup()
from config.celery import app
print(json.dumps({
    "engine": settings.DATABASES["default"]["ENGINE"],
    "eager": bool(app.conf.task_always_eager),
    "email": settings.EMAIL_BACKEND,
    "debug": settings.DEBUG,
    "language": settings.LANGUAGE_CODE,
    "hsts": settings.SECURE_HSTS_SECONDS,
    "cache": settings.CACHES["default"]["BACKEND"],
    "sessions": settings.SESSION_ENGINE,
    "db_options": settings.DATABASES["default"].get("OPTIONS", {}),
}))
"""

PRODUCTION_ENV = {
    "DEBUG": "false",
    "ALLOWED_HOSTS": "portal.example.kz",
    "CSRF_TRUSTED_ORIGINS": "https://portal.example.kz",
    "PORTAL_BASE_URL": "https://portal.example.kz",
    "DATABASE_URL": "postgres://portal:portal@db.invalid:5432/portal",
    "CELERY_BROKER_URL": "redis://redis.invalid:6379/0",
    "CACHE_URL": "rediscache://redis.invalid:6379/1",
    "EMAIL_URL": "smtp+tls://portal:secret@mail.invalid:587",
    # A real CA or NCANode (the demo CA is never trusted outside DEBUG) and the journal's own key.
    "SIGNATURE_VERIFIER": "applications.signing.NcaNodeVerifier",
    "NCANODE_URL": "http://ncanode.invalid:14579",
    "AUDIT_HMAC_KEY": "journal-key-for-the-settings-test-0123456789abcdef",
}


def bare_env(**extra: str) -> dict:
    """Only what a process needs to start: none of the portal's variables."""
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG", "SYSTEMROOT") if key in os.environ}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    return {**env, **extra}


def run(args: list[str], env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120)


def probe(env: dict) -> dict:
    result = run(["-c", PROBE], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_no_environment_gives_sqlite_eager_celery_console_mail_debug():
    if (BASE_DIR / ".env").exists():
        pytest.skip("a local .env file sets the environment")
    found = probe(bare_env())
    assert found["engine"] == "django.db.backends.sqlite3"
    assert found["eager"] is True
    assert found["email"] == "django.core.mail.backends.console.EmailBackend"
    assert found["debug"] is True
    assert found["language"] == "kk"
    assert found["sessions"] == "django.contrib.sessions.backends.db"


def test_production_environment_uses_postgres_redis_and_hsts():
    found = probe(bare_env(**PRODUCTION_ENV, SECRET_KEY=secrets.token_urlsafe(64)))
    assert found["engine"] == "django.db.backends.postgresql"
    assert found["eager"] is False
    assert found["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert found["debug"] is False
    assert found["hsts"] >= 31536000
    assert "redis" in found["cache"].lower()
    # Sessions are read from the shared cache; without one (below) they stay in the database only.
    assert found["sessions"] == "django.contrib.sessions.backends.cached_db"


def test_postgresql_binds_server_side_and_prepares_repeated_statements_unless_told_not_to():
    """Issue 19: the whole suite, browser tests included, passed with both; a pooler can turn preparing off."""
    production = {**PRODUCTION_ENV, "SECRET_KEY": secrets.token_urlsafe(64)}
    assert probe(bare_env(**production))["db_options"] == {"server_side_binding": True, "prepare_threshold": 5}
    off = probe(bare_env(**production, DATABASE_PREPARE_THRESHOLD="off", DATABASE_SERVER_SIDE_BINDING="false"))
    assert off["db_options"] == {"server_side_binding": False, "prepare_threshold": None}
    assert probe(bare_env(**production, DATABASE_PREPARE_THRESHOLD="2"))["db_options"]["prepare_threshold"] == 2


def test_production_environment_passes_check_deploy_with_no_warning():
    env = bare_env(**PRODUCTION_ENV, SECRET_KEY=secrets.token_urlsafe(64))
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_static_files_collect_as_the_image_build_does(tmp_path):
    """The Dockerfile runs collectstatic under whitenoise's manifest storage, which refuses a missing reference."""
    env = bare_env(**PRODUCTION_ENV, SECRET_KEY=secrets.token_urlsafe(64), STATIC_ROOT=str(tmp_path))
    result = run(["manage.py", "collectstatic", "--noinput", "-v", "0"], env)
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())
    assert "vendor/bootstrap/bootstrap.bundle.min.js" in manifest["paths"]
    assert "css/portal.css" in manifest["paths"]


def test_secret_key_can_come_from_a_file(tmp_path):
    secret = secrets.token_urlsafe(64)
    key_file = tmp_path / "secret_key"
    key_file.write_text(secret)
    env = bare_env(**PRODUCTION_ENV, SECRET_KEY_FILE=str(key_file))
    result = run(
        ["-c", "import django; django.setup(); from django.conf import settings; print(settings.SECRET_KEY)"], env
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == secret


def test_production_without_secret_key_refuses_the_insecure_default():
    env = bare_env(**PRODUCTION_ENV)
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode != 0


def test_production_without_an_audit_key_warns(tmp_path):
    env = bare_env(
        **{k: v for k, v in PRODUCTION_ENV.items() if k != "AUDIT_HMAC_KEY"}, SECRET_KEY=secrets.token_urlsafe(64)
    )
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode != 0 and "registry.W001" in result.stdout + result.stderr
    key_file = tmp_path / "audit_key"
    key_file.write_text("k" * 48)
    env["AUDIT_HMAC_KEY_FILE"] = str(key_file)
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode == 0, result.stdout + result.stderr
