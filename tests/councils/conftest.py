import pytest


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Dozens of members per test: a cheap hasher keeps the suite quick (not a security setting)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
