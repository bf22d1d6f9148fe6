"""Django's own strings people read are in the portal's words, in kk and ru (issue 14).

Django's Kazakh catalogue lacks the login error, the password rules and the
e-mail message, and some of its phrases differ from ours («құпия сөз» where
the portal writes «құпиясөз», «толық сан» for a whole number). Our catalogue
comes first (LOCALE_PATHS), so each string a person may meet is translated
there; the messages say what to enter.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation
from lxml import html

pytestmark = pytest.mark.django_db

LATIN_WORD = re.compile(r"\b[A-Za-z]{3,}\b")
# Django's strings a person meets on the portal's pages: the login form, the password pages, form fields.
DJANGO_STRINGS = (
    "Please enter a correct %(username)s and password. Note that both fields may be case-sensitive.",
    "This account is inactive.",
    "username",
    "Password",
    "New password",
    "New password confirmation",
    "Enter the same password as before, for verification.",
    "Email",
    "The two password fields didn’t match.",
    "This password is too common.",
    "This password is entirely numeric.",
    "The password is too similar to the %(verbose_name)s.",
    "Your password can’t be too similar to your other personal information.",
    "Your password can’t be a commonly used password.",
    "Your password can’t be entirely numeric.",
    "This field is required.",
    "Enter a valid email address.",
    "Enter a valid date.",
    "Enter a number.",
    "Enter a whole number.",
    "Enter a valid value.",
    "Ensure this value is greater than or equal to %(limit_value)s.",
    "Ensure this value is less than or equal to %(limit_value)s.",
    "Select a valid choice. %(value)s is not one of the available choices.",
    "Select a valid choice. That choice is not one of the available choices.",
    "No file was submitted. Check the encoding type on the form.",
    "The submitted data was not a file. Check the encoding type on the form.",
    "%(model_name)s with this %(field_label)s already exists.",
)
# Django's words that the portal does not use (TERMS.md and the portal's own pages).
NOT_OURS = {"kk": ("құпия сөз", "Құпия сөз", "Қолданушы", "толық сан", "тандау", "Тура "), "ru": ("Пожалуйста",)}


def _summary(page: str) -> list[str]:
    """The texts of the page's error summary and field errors."""
    tree = html.fromstring(page)
    found = tree.xpath('//*[contains(@class, "error-summary")]//li | //*[contains(@class, "invalid-feedback")]')
    return [" ".join(e.text_content().split()) for e in found]


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_django_strings_people_meet_are_ours_in_both_languages(language):
    with translation.override(language):
        for msgid in DJANGO_STRINGS:
            text = translation.gettext(msgid)
            assert text != msgid, f"{language}: «{msgid}» untranslated"
            assert not LATIN_WORD.findall(re.sub(r"%\(\w+\)[sd]|name@example\.kz", "", text)), (language, text)
            for word in NOT_OURS[language]:
                assert word not in text, (language, text)
        for singular, plural in (
            ("This password is too short. It must contain at least %d character.", "%d characters."),
            ("Ensure that there are no more than %(max)s digit in total.", "%(max)s digits in total."),
        ):
            assert translation.ngettext(singular, plural, 5) not in (singular, plural)


@pytest.mark.parametrize(
    ("language", "required", "wrong"),
    [
        (
            "kk",
            ["Пайдаланушы атыңызды енгізіңіз.", "Құпиясөзіңізді енгізіңіз."],
            "Енгізілген пайдаланушы аты немесе құпиясөз қате.",
        ),
        ("ru", ["Введите имя пользователя.", "Введите пароль."], "Неверно указаны имя пользователя или пароль."),
    ],
)
def test_the_login_page_says_what_to_enter_once_in_the_readers_language(client, coordinator, language, required, wrong):
    page = client.post(f"/{language}/login/", {"username": "", "password": ""}).content.decode()
    texts = _summary(page)
    assert all(any(message in t for t in texts) for message in required), texts
    assert not any(LATIN_WORD.search(t) for t in texts), texts
    page = client.post(f"/{language}/login/", {"username": coordinator.username, "password": "не тот"}).content.decode()
    assert page.count(wrong) == 1  # shown once: in the summary, not again under a field
    assert "Please enter" not in page and "case-sensitive" not in page
    label = html.fromstring(page).xpath('//label[@for="id_password"]')[0].text_content()
    assert label == {"kk": "Құпиясөз", "ru": "Пароль"}[language]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("kk", ["Құпиясөз тым қысқа", "тым көп тараған", "тек цифрлардан тұрады"]),
        ("ru", ["Пароль слишком короткий", "слишком распространён", "только из цифр"]),
    ],
)
def test_password_rules_speak_the_readers_language(language, expected):
    with translation.override(language), pytest.raises(ValidationError) as refused:
        validate_password("1234567")
    messages = " ".join(refused.value.messages)
    assert all(part in messages for part in expected), messages
    assert not LATIN_WORD.search(messages), messages


@pytest.mark.parametrize(
    ("language", "number", "digits"),
    [
        ("kk", "Сан енгізіңіз, мысалы: 1500 немесе 1500,5.", "Барлығы 16 цифрдан аспауы керек."),
        ("ru", "Введите число, например: 1500 или 1500,5.", "Введите не больше 16 цифр."),
    ],
)
def test_an_amount_field_says_what_to_enter(language, number, digits):
    from django import forms

    from applications.forms.project import MONEY

    class Amount(forms.Form):
        construction_cost = forms.DecimalField(**MONEY)

    with translation.override(language):
        assert Amount({"construction_cost": "мың"}).errors["construction_cost"] == [number]
        assert Amount({"construction_cost": "1" * 17}).errors["construction_cost"] == [digits]
