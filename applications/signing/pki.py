"""A DEMO/TEST public-key infrastructure: a test CA and per-user test keys.

These keys only exist so the demo and the tests can sign. They are generated
by ``manage.py make_test_pki`` under ``PRIVATE_MEDIA_ROOT/demo-pki/`` and are
never committed; no real certification authority trusts them.
"""

from datetime import datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings

DEMO_P12_PASSWORD = "demo-test-only"
DEMO_CA_NAME = "DEMO TEST CA - not for real signatures"


def demo_pki_dir() -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT) / "demo-pki"


def user_key_dir(username: str) -> Path:
    return demo_pki_dir() / "users" / username


def new_key(key_size: int = 2048) -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=key_size)


def make_ca(
    *, now: datetime, common_name: str = DEMO_CA_NAME, years: int = 10, key=None
) -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    """A self-signed RSA CA, valid ``years`` from ``now``."""
    key = key or new_key()
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "KZ"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "DEMO"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365 * years))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return key, cert


# NCA RK's extended key usage of a legal entity's certificates (see signing.base.ROLE_OIDS).
ROLE_OID = {"individual": "1.2.398.3.3.4.1.1", "first_head": "1.2.398.3.3.4.1.2.1", "employee": "1.2.398.3.3.4.1.2.5"}


def person_name(
    *, full_name: str, iin: str, bin_: str | None = None, organisation: str = "", patronymic: str = ""
) -> x509.Name:
    """An NCA-style subject: CN "SURNAME NAME", SURNAME, serialNumber=IIN…, GIVENNAME = patronymic,
    and for a legal entity's employee O = organisation and OU=BIN…."""
    attributes = [
        x509.NameAttribute(NameOID.COMMON_NAME, full_name or iin),
        x509.NameAttribute(NameOID.SERIAL_NUMBER, f"IIN{iin}"),
        x509.NameAttribute(NameOID.COUNTRY_NAME, "KZ"),
    ]
    if full_name and " " in full_name:
        attributes.insert(1, x509.NameAttribute(NameOID.SURNAME, full_name.split(" ", 1)[0]))
    if patronymic:
        attributes.append(x509.NameAttribute(NameOID.GIVEN_NAME, patronymic))
    if organisation:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    if bin_:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, f"BIN{bin_}"))
    return x509.Name(attributes)


def make_person_cert(
    *,
    ca_key,
    ca_cert: x509.Certificate,
    full_name: str,
    iin: str,
    bin_: str | None = None,
    not_before: datetime,
    not_after: datetime,
    key=None,
    organisation: str = "",
    patronymic: str = "",
    role: str | None = None,
) -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    """A signing certificate for one person issued by the given CA.

    ``role`` (legal entities: "first_head" or "employee"; default: "individual" without a BIN,
    "first_head" with one) goes into the extended key usage as NCA RK writes it.
    """
    key = key or new_key()
    role = role or ("first_head" if bin_ else "individual")
    usages = [x509.ObjectIdentifier("1.3.6.1.5.5.7.3.4"), x509.ObjectIdentifier(ROLE_OID[role])]
    if bin_:
        usages.append(x509.ObjectIdentifier("1.2.398.3.3.4.1.2"))
    cert = (
        x509.CertificateBuilder()
        .subject_name(
            person_name(full_name=full_name, iin=iin, bin_=bin_, organisation=organisation, patronymic=patronymic)
        )
        .add_extension(x509.ExtendedKeyUsage(usages), critical=False)
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(ca_key, hashes.SHA256())
    )
    return key, cert


def make_crl(
    *,
    ca_key,
    ca_cert: x509.Certificate,
    revoked: list[x509.Certificate],
    now: datetime,
    revoked_at: datetime | None = None,
) -> x509.CertificateRevocationList:
    """The CA's revocation list naming ``revoked`` (revoked at ``revoked_at``, default a day ago)."""
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca_cert.subject)
        .last_update(now - timedelta(days=1))
        .next_update(now + timedelta(days=7))
    )
    for cert in revoked:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder()
            .serial_number(cert.serial_number)
            .revocation_date(revoked_at or now - timedelta(days=1))
            .build()
        )
    return builder.sign(ca_key, hashes.SHA256())


def key_pem(key) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def cert_pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def p12_bytes(
    *, key, cert: x509.Certificate, ca_cert: x509.Certificate | None, password: str, friendly_name: str
) -> bytes:
    return pkcs12.serialize_key_and_certificates(
        friendly_name.encode(),
        key,
        cert,
        [ca_cert] if ca_cert is not None else None,
        serialization.BestAvailableEncryption(password.encode()),
    )


def write_private(path: Path, data: bytes) -> None:
    """Writes a file only the portal's user can read (keys and key containers)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    path.chmod(0o600)
