"""ЭЦҚ sign-in and sign-up (issue 13): challenge–response over a one-time nonce.

The server issues a random nonce bound to the browser's session; the person signs
a short document carrying it (NCALayer or eGov mobile); the configured verifier
checks the CMS, the certificate's dates, chain and, where it can, revocation; the
ЖСН (and the БСН and organisation of a legal entity's employee) come from the
certificate. The portal never takes the person's word for who they are.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from applications import signing
from applications.models import UsedSignInNonce
from applications.signing import CodedRefusal, SignatureError, signer_fields
from registry.audit import audit_record
from registry.models import EntityLink, PersonalAccount, Role, User

# A nonce is good for five minutes: long enough to find the key and type its password.
CHALLENGE_SECONDS = 5 * 60
# The verified certificate waits this long for the sign-up form to be filled in.
IDENTITY_SECONDS = 20 * 60

# Why an ЭЦҚ sign-in or an eGov mobile signing session is refused (a refused signature: signing.REASONS).
REFUSALS = {
    "challenge_missing": _("The sign-in request was not found or has already been used. Sign in again."),
    "challenge_expired": _("The sign-in request has expired: it is valid for five minutes. Sign in again."),
    "challenge_used": _("This signature has already been used to sign in. Sign in again."),
    "several_accounts": _("Several accounts are bound to this IIN. Ask the portal's administrator to merge them."),
    "inactive": _("This account is switched off. Ask the portal's administrator."),
    "identity_expired": _("The certificate check has expired. Sign in with ЭЦҚ again."),
    "account_exists": _("An account with this IIN already exists. Sign in with ЭЦҚ."),
    # eGov mobile's signing sessions (applications.services.mobile_signing), signing in or signing a document.
    "expired": _("The signing session has expired: it is valid for five minutes. Start again."),
    "used": _("This signing session has already received a signature. Start again."),
    "unknown": _("There is no such signing session."),
    "unauthorized": _("The signing session's token is wrong."),
    "malformed": _("The request of the signing application could not be read."),
}


class SignInRefused(CodedRefusal):
    """A refused ЭЦҚ sign-in: ``message`` is the translated reason shown on the login page."""

    @classmethod
    def reason(cls, code: str):
        return REFUSALS[code]


@dataclass(frozen=True)
class Challenge:
    nonce: str
    issued_at: datetime

    def document(self) -> bytes:
        """The exact bytes the person signs: what, where, which nonce, when."""
        return json.dumps(
            {
                "purpose": "sign-in",
                "portal": settings.PORTAL_BASE_URL,
                "nonce": self.nonce,
                "issued_at": self.issued_at.isoformat(),
            },
            ensure_ascii=False,
            sort_keys=True,
            separators=(",", ":"),
        ).encode()

    def as_session(self) -> dict:
        return {"nonce": self.nonce, "issued_at": self.issued_at.isoformat()}

    @classmethod
    def from_session(cls, value) -> Challenge | None:
        try:
            return cls(nonce=str(value["nonce"]), issued_at=datetime.fromisoformat(value["issued_at"]))
        except (TypeError, KeyError, ValueError):
            return None


@dataclass(frozen=True)
class Identity:
    """Who the certificate says signed: kept in the session between sign-in and sign-up."""

    iin: str
    bin: str = ""
    surname: str = ""
    first_name: str = ""
    patronymic: str = ""
    organisation: str = ""
    roles: tuple[str, ...] = field(default_factory=tuple)
    verified_at: str = ""

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.surname, self.first_name, self.patronymic) if p)

    @property
    def entity_role(self) -> str:
        for role in ("first_head", "signer", "finance_signer", "hr", "employee"):
            if role in self.roles:
                return role
        return ""

    def as_session(self) -> dict:
        return {**asdict(self), "roles": list(self.roles)}

    @classmethod
    def from_session(cls, value) -> Identity | None:
        try:
            return cls(**{**value, "roles": tuple(value.get("roles") or ())})
        except TypeError:
            return None


def challenge_issue(*, current: dict | None, at: datetime) -> Challenge:
    """The session's nonce while it is fresh (a reloaded page keeps it), else a new random one."""
    existing = Challenge.from_session(current) if current else None
    if existing and at - existing.issued_at < timedelta(seconds=CHALLENGE_SECONDS - 60):
        return existing
    return Challenge(nonce=secrets.token_hex(32), issued_at=at)


def challenge_redeem(*, challenge: dict | None, cms: bytes, at: datetime) -> Identity:
    """Verify the signature over the session's challenge and burn the nonce, whatever the outcome."""
    current = Challenge.from_session(challenge) if challenge else None
    if current is None:
        raise SignInRefused("challenge_missing")
    try:
        with transaction.atomic():
            UsedSignInNonce.objects.create(nonce=current.nonce, used_at=at)
    except IntegrityError:
        raise SignInRefused("challenge_used") from None
    if at - current.issued_at > timedelta(seconds=CHALLENGE_SECONDS) or at < current.issued_at:
        raise SignInRefused("challenge_expired")
    try:
        verified = signing.get_verifier().verify(
            document=current.document(), cms=cms, expected_iin=None, expected_bin=None, at=at
        )
    except SignatureError as error:
        raise SignInRefused(f"signature_{error.code}", error.message) from None
    fields = signer_fields(verified, at)
    return Identity(**{**fields, "roles": tuple(fields["roles"])})


def _owner_of_personal_account(identity: Identity, at: datetime) -> User | None:
    """§2: the жеке шот of this ЖСН (an individual entrepreneur's) held by an account no ЖСН was bound to yet
    (an administrator made it): the certificate proves the person is its holder, so the ЖСН is bound to it."""
    account = (
        PersonalAccount.objects.select_related("owner")
        .filter(identifier=identity.iin, kind=PersonalAccount.Kind.INDIVIDUAL, owner__iin="")
        .first()
    )
    if account is None:
        return None
    owner = account.owner
    owner.iin = identity.iin
    owner.save(update_fields=["iin"])
    audit_record(actor=owner, obj=account, action="personal_account_link_ecp", rule="§2", at=at)
    return owner


def user_for_identity(*, identity: Identity, at: datetime) -> User | None:
    """The account bound to the certificate's ЖСН (staff bind theirs in the admin), or the holder of that
    ЖСН's personal account, or None: sign up."""
    users = list(User.objects.filter(iin=identity.iin)[:2])
    if len(users) > 1:
        raise SignInRefused("several_accounts")
    if not users:
        owner = _owner_of_personal_account(identity, at)
        if owner is None:
            return None
        users = [owner]
    user = users[0]
    if not user.is_active:
        raise SignInRefused("inactive")
    entity_link_record(user=user, identity=identity, at=at)
    user.certificate_verified_at = at
    user.save(update_fields=["certificate_verified_at"])
    return user


def entity_link_record(*, user: User, identity: Identity, at: datetime) -> EntityLink | None:
    """Remembers the legal entity whose БСН the certificate carries, with its name and the person's role."""
    if not identity.bin:
        return None
    link, _created = EntityLink.objects.update_or_create(
        user=user,
        bin=identity.bin,
        defaults={"name": identity.organisation[:300], "role": identity.entity_role, "verified_at": at},
    )
    return link


def entrepreneur_sign_up(
    *, identity: Identity, email: str, phone: str, language: str, consent: bool, at: datetime
) -> User:
    """A new entrepreneur's account from a verified certificate: names and ЖСН/БСН from it, the rest asked."""
    if not identity.verified_at or at - datetime.fromisoformat(identity.verified_at) > timedelta(
        seconds=IDENTITY_SECONDS
    ):
        raise SignInRefused("identity_expired")
    if not consent:
        raise ValidationError(_("Consent to the processing of personal data is required."), code="consent")
    try:
        with transaction.atomic():
            if User.objects.filter(iin=identity.iin).exists():
                raise SignInRefused("account_exists")
            user = User(
                username=f"iin{identity.iin}",
                iin=identity.iin,
                role=Role.ENTREPRENEUR,
                last_name=identity.surname[:150],
                first_name=identity.first_name[:150],
                patronymic=identity.patronymic[:150],
                email=email,
                phone=phone,
                language=language,
                personal_data_consent_at=at,
                certificate_verified_at=at,
            )
            user.set_unusable_password()  # an entrepreneur signs in with ЭЦҚ only
            user.save()
            entity_link_record(user=user, identity=identity, at=at)
            audit_record(actor=user, obj=user, action="user_sign_up_ecp", to_state=Role.ENTREPRENEUR, at=at)
    except IntegrityError:  # two tabs signing up at once: the username is unique
        raise SignInRefused("account_exists") from None
    return user


def acting_entity_choose(*, user: User, bin_: str) -> EntityLink | None:
    """The legal entity the person acts for now (None: as an individual); only one their certificate named."""
    if not bin_:
        return None
    link = EntityLink.objects.filter(user=user, bin=bin_).first()
    if link is None:
        raise ValidationError(_("Your ЭЦҚ certificate does not name this legal entity."), code="entity")
    return link


def certificate_values(*, user: User, bin_: str = "") -> dict:
    """Appendix item 3 fields a verified certificate vouches for: ЖСН and name, БСН and organisation.

    Empty for a user no certificate has vouched for (an account an administrator typed in).
    """
    if user.certificate_verified_at is None or not user.iin:
        return {}
    name = " ".join(p for p in (user.last_name, user.first_name, user.patronymic) if p)
    if bin_:
        link = EntityLink.objects.filter(user=user, bin=bin_).first()
        if link is None:
            return {}
        return {"kind": "legal", "bin": link.bin, "name": link.name, "head_iin": user.iin, "head_full_name": name}
    return {"kind": "individual", "iin": user.iin, "full_name": name}
