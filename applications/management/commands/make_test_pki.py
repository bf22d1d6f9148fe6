"""DEMO/TEST ONLY: a test CA and a test signing key for every active user with an IIN."""

from datetime import timedelta

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from applications.signing.base import subject_identifiers
from applications.signing.pki import (
    DEMO_P12_PASSWORD,
    cert_pem,
    demo_pki_dir,
    key_pem,
    make_ca,
    make_person_cert,
    p12_bytes,
    user_key_dir,
    write_private,
)
from registry.validators import is_valid_bin

README = """DEMO / TEST KEYS - NOT FOR REAL SIGNATURES

Made by `manage.py make_test_pki`. The CA here is trusted only by a portal whose
SIGNATURE_TRUSTED_CA_FILES is empty (the demo default). Never copy these files
into the repository or onto a production server.

ca.pem / ca.key.pem           the demo CA
users/<username>/cert.pem     the user's test certificate (serialNumber=IIN..., OU=BIN...)
users/<username>/key.pem      its private key (used by the demo signer)
users/<username>/user.p12     the same key as PKCS#12, password: {password}
"""


class Command(BaseCommand):
    help = "DEMO/TEST ONLY: generates a demo CA and per-user test keys under PRIVATE_MEDIA_ROOT/demo-pki/."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Make a new CA and new keys for everybody.")
        parser.add_argument(
            "--bin",
            action="append",
            default=[],
            metavar="USERNAME:BIN[:ORGANISATION[:ROLE]]",
            help="Issue this user's certificate for a legal entity (OU=BIN..., O=organisation, role first_head "
            "or employee as NCA RK marks it). Repeatable.",
        )

    def handle(self, *args, force=False, bin=(), **options):
        if not settings.DEMO_PKI_ALLOWED:
            raise CommandError("make_test_pki refuses to run with DEBUG=false: a demo CA has no place in production.")
        now = timezone.now()
        bins = self._bins(bin)
        ca_key, ca_cert, new_ca = self._ensure_ca(now=now, force=force)
        users = get_user_model().objects.filter(is_active=True).exclude(iin="").order_by("username")
        for user in users:
            made = self._ensure_user(user, bins.get(user.username), ca_key, ca_cert, now=now, force=force or new_ca)
            self.stdout.write(f"  {user.username} (IIN {user.iin}): {'new test key' if made else 'kept'}")
        self.stdout.write(
            self.style.WARNING(f"DEMO/TEST keys in {demo_pki_dir()} - .p12 password: {DEMO_P12_PASSWORD}")
        )

    def _bins(self, pairs) -> dict[str, tuple[str, str, str]]:
        bins = {}
        for pair in pairs:
            username, bin_, organisation, role = (pair.split(":", 3) + ["", ""])[:4]
            if not is_valid_bin(bin_) or role not in ("", "first_head", "employee"):
                raise CommandError(
                    f"--bin {pair}: expected USERNAME:BIN[:ORGANISATION[:ROLE]] with a valid "
                    "12-digit BIN and ROLE first_head or employee"
                )
            bins[username] = (bin_, organisation, role or "first_head")
        unknown = set(bins) - set(get_user_model().objects.filter(username__in=bins).values_list("username", flat=True))
        if unknown:
            raise CommandError(f"--bin: no such users: {', '.join(sorted(unknown))}")
        return bins

    def _ensure_ca(self, *, now, force):
        folder = demo_pki_dir()
        ca_path, key_path = folder / "ca.pem", folder / "ca.key.pem"
        if not force and ca_path.exists() and key_path.exists():
            ca_cert = x509.load_pem_x509_certificate(ca_path.read_bytes())
            if ca_cert.not_valid_after_utc > now:
                key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
                return key, ca_cert, False
        key, ca_cert = make_ca(now=now)
        write_private(key_path, key_pem(key))
        ca_path.write_bytes(cert_pem(ca_cert))
        (folder / "README.txt").write_text(README.format(password=DEMO_P12_PASSWORD))
        self.stdout.write(f"New DEMO CA: {ca_path}")
        return key, ca_cert, True

    def _ensure_user(self, user, entity, ca_key, ca_cert, *, now, force) -> bool:
        """Keeps a current key that matches the user; otherwise issues a new one. True when new."""
        folder = user_key_dir(user.username)
        bin_, organisation, role = entity or (None, "", None)
        if not force and _still_good(folder, user.iin, bin_, ca_cert, now):
            return False
        key, cert = make_person_cert(
            ca_key=ca_key,
            ca_cert=ca_cert,
            full_name=" ".join(p for p in (user.last_name, user.first_name) if p) or user.username,
            patronymic=user.patronymic,
            iin=user.iin,
            bin_=bin_,
            organisation=organisation,
            role=role,
            not_before=now - timedelta(days=1),
            not_after=now + timedelta(days=2 * 365),
        )
        write_private(folder / "key.pem", key_pem(key))
        (folder / "cert.pem").write_bytes(cert_pem(cert))
        write_private(
            folder / "user.p12",
            p12_bytes(
                key=key,
                cert=cert,
                ca_cert=ca_cert,
                password=DEMO_P12_PASSWORD,
                friendly_name=f"DEMO {user.username}",
            ),
        )
        return True


def _still_good(folder, iin, bin_, ca_cert, now) -> bool:
    try:
        cert = x509.load_pem_x509_certificate((folder / "cert.pem").read_bytes())
        cert.verify_directly_issued_by(ca_cert)
    except (OSError, ValueError, TypeError, InvalidSignature):
        return False
    fresh = cert.not_valid_after_utc > now + timedelta(days=30)
    return fresh and (folder / "key.pem").exists() and subject_identifiers(cert.subject) == (iin, bin_)
