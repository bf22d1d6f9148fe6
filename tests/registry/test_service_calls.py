"""Issue 17: the one way a view calls a service. A refusal becomes a message (or the form's error) in the
reader's language, nothing changes, and a race caught by a constraint is a message, never a 500."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.test import RequestFactory
from django.utils import translation

from registry.service_calls import call_service, show_refusal


def _request(user=None):
    request = RequestFactory().post("/")
    request.user = user or object()
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


class NameForm(forms.Form):
    name = forms.CharField()


def test_the_service_gets_the_reader_and_the_time_and_its_answer_comes_back():
    request = _request()
    seen = {}

    def service(*, thing, by, at):
        seen.update(thing=thing, by=by, at=at)
        return "done"

    assert call_service(request, service, done="ok", thing=1) == "done"
    assert seen["by"] is request.user and seen["at"] is not None
    assert [str(m) for m in get_messages(request)] == ["ok"]


def test_a_service_that_returns_nothing_still_answers_true():
    assert call_service(_request(), lambda *, by, at: None) is True


def test_a_refusal_is_a_message_and_none():
    request = _request()

    def service(*, by, at):
        raise ValidationError("Not now.")

    assert call_service(request, service, done="ok") is None
    assert [str(m) for m in get_messages(request)] == ["Not now."]


def test_a_fields_refusal_lands_on_the_field_and_others_on_the_summary():
    form = NameForm({"name": "x"})
    assert form.is_valid()

    def service(*, by, at):
        raise ValidationError({"name": "Taken.", "elsewhere": "Later."})

    request = _request()
    assert call_service(request, service, form=form) is None
    assert form.errors["name"] == ["Taken."] and form.non_field_errors() == ["Later."]
    assert not list(get_messages(request))  # the form shows it


def test_a_race_caught_by_a_constraint_is_a_message_in_the_readers_language():
    def service(*, by, at):
        raise IntegrityError("duplicate key")

    request = _request()
    with translation.override("ru"):
        assert call_service(request, service) is None
        assert "ничего не сохранено" in str(list(get_messages(request))[0])


def test_a_refusal_of_the_person_stays_a_403():
    def service(*, by, at):
        raise PermissionDenied("Not yours.")

    with pytest.raises(PermissionDenied):
        call_service(_request(), service)


def test_a_signature_refusal_is_shown_the_same_way():
    class Refused(Exception):
        message = "The certificate is revoked."

    request = _request()
    show_refusal(request, Refused())
    assert [str(m) for m in get_messages(request)] == ["The certificate is revoked."]
