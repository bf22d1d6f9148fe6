"""eGov mobile / eGov Business QR signing: the HTTP side the phone talks to (issue 13).

The published protocol ("QR-подписание", API v2):

1. The portal shows ``mobileSign:<service link>`` as a QR code on a computer, or on the
   phone itself the deep link of eGov mobile (``mgovsign.page.link``) or eGov Business
   (``egovbusiness.page.link``) carrying the service link.
2. ``GET <service link>`` → the description: ``description``, ``expiry_date``,
   ``organisation`` (names, БСН) and ``document`` = {``uri``, ``auth_type`` "Token",
   ``auth_token``}.
3. ``GET <uri>`` with ``Authorization: Bearer <auth_token>`` → ``signMethod``
   "CMS_SIGN_ONLY" and ``documentsToSign`` (id, names kk/ru/en, meta,
   ``document.file`` = {``mime``, ``data`` base64}).
4. ``PUT <uri>`` with the same body, ``data`` replaced by the base64 CMS → verified at
   once; the answer is ``{}`` or ``{"message": …}`` with 4xx in the phone's language.

Nothing here signs anything: the private key stays in the phone.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import json
from urllib.parse import quote

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from applications.models import MobileSigning

EGOV_MOBILE = "https://mgovsign.page.link/?link={link}&isi=1476128386&ibi=kz.egov.mobile&apn=kz.mobile.mgov"
EGOV_BUSINESS = (
    "https://egovbusiness.page.link/?link={link}&isi=1597880144&ibi=kz.mobile.mgov.business&apn=kz.mobile.mgov.business"
)


def service_link(session: MobileSigning) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + reverse("egov_mobile:service", args=[session.token])


def links(session: MobileSigning) -> dict:
    """What the browser shows: the QR payload and the two deep links."""
    link = service_link(session)
    return {
        "qr": f"mobileSign:{link}",
        "mobile": EGOV_MOBILE.format(link=quote(link, safe="")),
        "business": EGOV_BUSINESS.format(link=quote(link, safe="")),
    }


def _names(session: MobileSigning) -> dict:
    """The document's name in the three languages the phone may show."""
    names = {}
    if session.purpose == MobileSigning.Purpose.DOCUMENT:
        from applications.signing.signables import KINDS

        title = KINDS[session.kind].title if session.kind in KINDS else _("Document")
        for language in ("kk", "ru", "en"):
            with translation.override(language):
                names[language] = str(title)
        return names
    for language in ("kk", "ru", "en"):
        with translation.override(language):
            names[language] = str(
                _("Sign-in to the infrastructure support portal")
                if session.purpose == MobileSigning.Purpose.SIGN_IN
                else _("Application for infrastructure support")
            )
    return names


def _refusal(message, status: int) -> JsonResponse:
    return JsonResponse({"message": str(message)}, status=status, json_dumps_params={"ensure_ascii": False})


def _session_or_none(token: str) -> MobileSigning | None:
    return MobileSigning.objects.filter(token=token[:64]).first()


def _in_the_phones_language(view):
    """The phone has no language prefix nor our cookie: its Accept-Language picks kk or ru.

    The portal's LocaleMiddleware gives an unprefixed URL the state language (issue 14);
    the phone's own answers follow the language the phone asks for.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        with translation.override(translation.get_language_from_request(request)):
            return view(request, *args, **kwargs)

    return wrapper


@require_GET
@_in_the_phones_language
def service(request: HttpRequest, token: str) -> JsonResponse:
    """Step 2: the session's description (public: the token in the link is the secret)."""
    session = _session_or_none(token)
    if session is None:
        return _refusal(_("There is no such signing session."), 404)
    names = _names(session)
    uri = settings.PORTAL_BASE_URL.rstrip("/") + reverse("egov_mobile:documents", args=[session.token])
    return JsonResponse(
        {
            "description": names.get((translation.get_language() or "kk")[:2], names["ru"]),
            "expiry_date": session.expires_at.isoformat(),
            "organisation": {
                "nameKz": _portal_name("kk"),
                "nameRu": _portal_name("ru"),
                "nameEn": _portal_name("en"),
                "bin": settings.PORTAL_OPERATOR_BIN,
            },
            "document": {"uri": uri, "auth_type": "Token", "auth_token": session.auth_token},
        },
        json_dumps_params={"ensure_ascii": False},
    )


def _portal_name(language: str) -> str:
    with translation.override(language):
        return str(_("Infrastructure support portal"))


def _bearer(request: HttpRequest) -> str:
    header = request.headers.get("Authorization", "")
    return header[7:].strip() if header.lower().startswith("bearer ") else ""


@csrf_exempt  # the phone is not a browser: the bearer token stands in for the cookie
@require_http_methods(["GET", "PUT"])
@_in_the_phones_language
def documents(request: HttpRequest, token: str) -> JsonResponse:
    """Steps 3 and 4: the document to sign, and the signed CMS back."""
    from applications.services.mobile_signing import MobileRefused, mobile_signing_receive

    session = _session_or_none(token)
    if session is None:
        return _refusal(_("There is no such signing session."), 404)
    if request.method == "GET":
        if _bearer(request) != session.auth_token:
            return _refusal(_("The signing session's token is wrong."), 401)
        if session.state != MobileSigning.State.WAITING or timezone.now() > session.expires_at:
            return _refusal(_("The signing session has expired: it is valid for five minutes. Start again."), 410)
        return JsonResponse(
            _to_sign(session, base64.b64encode(bytes(session.document)).decode()),
            json_dumps_params={"ensure_ascii": False},
        )
    try:
        cms = _cms_from(request.body)
        signed = mobile_signing_receive(token=session.token, auth_token=_bearer(request), cms=cms, at=timezone.now())
    except MobileRefused as refusal:
        return _refusal(refusal.message, refusal.status)
    if signed.state == MobileSigning.State.REFUSED:
        from applications.signing import REASONS

        return _refusal(REASONS.get(signed.refusal, signed.refusal), 400)
    return JsonResponse({})


def _to_sign(session: MobileSigning, data: str) -> dict:
    names = _names(session)
    return {
        "signMethod": "CMS_SIGN_ONLY",
        "documentsToSign": [
            {
                "id": 1,
                "nameKz": names["kk"],
                "nameRu": names["ru"],
                "nameEn": names["en"],
                "meta": [{"name": "sha256", "value": hashlib.sha256(bytes(session.document)).hexdigest()}],
                "document": {"file": {"mime": "application/json", "data": data}},
            }
        ],
    }


def _cms_from(body: bytes) -> bytes:
    from applications.services.mobile_signing import MobileRefused

    try:
        payload = json.loads(body)
        data = payload["documentsToSign"][0]["document"]["file"]["data"]
        return base64.b64decode("".join(str(data).split()), validate=True)
    except (ValueError, KeyError, IndexError, TypeError, binascii.Error):
        raise MobileRefused("malformed") from None
