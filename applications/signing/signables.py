"""Documents people sign with ЭЦҚ, registered by kind, so that eGov mobile can sign any of them (issue 13).

Each app registers its kinds in its AppConfig.ready (councils registers its own: applications
never imports councils). A kind knows how to find its object within the reader's reach, the
exact bytes that NCALayer signs, and which service to call with the signature — the same one
the NCALayer path calls, which checks the signer and the state again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import Http404


@dataclass(frozen=True)
class Signable:
    name: str
    title: Any  # a lazy translation: the document's name shown on the phone and the page
    # (user, pk) -> the object, within the user's reach (Http404 outside it).
    target: Callable[[Any, int], Any]
    # (user, obj, payload, at) -> the canonical bytes; ValidationError when this user may not sign now.
    document: Callable[..., bytes]
    # (user, obj, document, cms, payload, at) -> the URL to continue to; ValidationError when refused.
    complete: Callable[..., str]
    # (obj) -> the page the signing started from.
    back: Callable[[Any], str]
    done: Any = ""  # the success message
    # (POST, user, obj) -> plain values the document depends on (e.g. a refusal's reason); ValidationError if bad.
    payload: Callable[..., dict] = field(default=lambda post, user, obj: {})


KINDS: dict[str, Signable] = {}


def register(signable: Signable) -> None:
    KINDS[signable.name] = signable


def signable(name: str) -> Signable:
    try:
        return KINDS[name]
    except KeyError:
        raise Http404 from None
