"""eGov mobile QR signing sessions (issue 13): create one, take the phone's CMS, hand the result to the browser.

The portal registers and checks; the person signs on their phone. A session is
one document, one signature, a short life, and the browser that started it.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.db import transaction

from applications import signing
from applications.models import Application, MobileSigning
from applications.services.signin import REFUSALS
from applications.signing import REASONS, CodedRefusal, SignatureError, signer_fields

if TYPE_CHECKING:
    pass

# Long enough to open eGov mobile, scan and enter the PIN; short enough that a photo of the QR is useless later.
SESSION_SECONDS = 5 * 60


class MobileRefused(CodedRefusal):
    def __init__(self, code: str, message=None, status: int = 400):
        self.status = status
        super().__init__(code, message)

    @classmethod
    def reason(cls, code: str):
        return REFUSALS.get(code) or REASONS.get(code, code)


def mobile_signing_start(
    *,
    purpose: str,
    document: bytes,
    at: datetime,
    application: Application | None = None,
    expected_iin: str = "",
    expected_bin: str = "",
    kind: str = "",
    object_id: int | None = None,
    started_by=None,
    payload: dict | None = None,
) -> MobileSigning:
    return MobileSigning.objects.create(
        token=secrets.token_urlsafe(32),
        auth_token=secrets.token_urlsafe(32),
        purpose=purpose,
        application=application,
        document=document,
        expected_iin=expected_iin,
        expected_bin=expected_bin,
        created_at=at,
        expires_at=at + timedelta(seconds=SESSION_SECONDS),
        kind=kind,
        object_id=object_id,
        started_by=started_by,
        payload=payload or {},
    )


def mobile_signing_receive(*, token: str, auth_token: str, cms: bytes, at: datetime) -> MobileSigning:
    """The phone's signature: verified at once; a second, late or foreign one is refused with a reason."""
    with transaction.atomic():
        session = MobileSigning.objects.select_for_update().filter(token=token).first()
        if session is None:
            raise MobileRefused("unknown", status=404)
        if not secrets.compare_digest(session.auth_token, auth_token):
            raise MobileRefused("unauthorized", status=401)
        if session.state != MobileSigning.State.WAITING:
            raise MobileRefused("used", status=409)
        if at > session.expires_at:
            raise MobileRefused("expired", status=410)
        try:
            verified = signing.get_verifier().verify(
                document=bytes(session.document),
                cms=cms,
                expected_iin=session.expected_iin or None,
                expected_bin=session.expected_bin or None,
                at=at,
            )
        except SignatureError as error:
            # A refused signature ends the session: the browser shows why and offers a new one.
            session.state, session.refusal = MobileSigning.State.REFUSED, error.code
            session.save(update_fields=["state", "refusal"])
            return session
        session.state, session.cms, session.signed_at = MobileSigning.State.SIGNED, cms, at
        session.signer = signer_fields(verified, at)
        session.save(update_fields=["state", "cms", "signed_at", "signer"])
    return session


def mobile_signing_take(
    *, token: str, purpose: str, at: datetime, kind: str = "", object_id: int | None = None, by=None
) -> MobileSigning | None:
    """The browser takes a signed session once (then it is used); None while the phone has not answered.

    A document's session is taken only for its own kind and object, by the person who started it.
    """
    with transaction.atomic():
        sessions = MobileSigning.objects.select_for_update().filter(token=token, purpose=purpose)
        if purpose == MobileSigning.Purpose.DOCUMENT:
            sessions = sessions.filter(kind=kind, object_id=object_id, started_by=by)
        session = sessions.first()
        if session is None:
            raise MobileRefused("unknown", status=404)
        if session.state == MobileSigning.State.REFUSED:
            raise MobileRefused(session.refusal)
        if session.state == MobileSigning.State.USED:
            raise MobileRefused("used")
        if session.state == MobileSigning.State.WAITING:
            if at > session.expires_at:
                raise MobileRefused("expired")
            return None
        session.state = MobileSigning.State.USED
        session.save(update_fields=["state"])
    return session
