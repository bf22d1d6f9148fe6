"""ЖСН / БСН / ЖСК / БСК / Кбе validators of the Appendix form (issue 3, Validation)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from registry.validators import (
    control_digit,
    is_valid_bic,
    is_valid_bin,
    is_valid_iin,
    is_valid_iin_or_bin,
    is_valid_kbe,
    is_valid_kz_iban,
    normalize_iban,
    validate_bic,
    validate_bin,
    validate_iin,
    validate_iin_or_bin,
    validate_kbe,
    validate_kz_iban,
)

pytestmark = pytest.mark.rule("Appendix 3")  # the applicant's ЖСН / БСН; the bank section below is item 4


def with_check_digit(first11: str) -> str | None:
    """A full 12-digit identifier, computed independently of the validator."""
    digits = [int(d) for d in first11]
    total = sum(d * w for d, w in zip(digits, range(1, 12), strict=True)) % 11
    if total == 10:
        total = sum(d * w for d, w in zip(digits, (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2), strict=True)) % 11
        if total == 10:
            return None
    return first11 + str(total)


def first_valid(prefix: str) -> str:
    """The first valid identifier starting with ``prefix`` (filled with serial digits)."""
    for serial in range(10 ** (11 - len(prefix))):
        number = with_check_digit(prefix + str(serial).zfill(11 - len(prefix)))
        if number:
            return number
    raise AssertionError(prefix)


def wrong_check_digit(number: str) -> str:
    return number[:11] + str((int(number[11]) + 1) % 10)


def messages_in(language, validator, value):
    with translation.override(language):
        with pytest.raises(ValidationError) as caught:
            validator(value)
        return [str(m) for m in caught.value.messages]


# --- ЖСН ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "prefix",
    ["9001013", "8609043", "0512315", "0002296", "1812316", "7607074", "9912312", "0101011"],
)
def test_valid_iins_for_every_century_and_sex(prefix):
    iin = first_valid(prefix)
    assert is_valid_iin(iin, today=date(2026, 11, 24))
    validate_iin(iin)


def test_known_iin_of_the_demo_entrepreneur_is_valid():
    assert is_valid_iin("900101300017")
    assert is_valid_iin(" 900101 300017 ")  # spaces typed by people are ignored


def test_second_pass_of_the_check_digit_is_used():
    # Find a number whose first pass gives 10, so only the second pass decides.
    for serial in range(100000):
        first11 = "900101" + "3" + str(serial).zfill(4)
        if sum(int(d) * w for d, w in zip(first11, range(1, 12), strict=True)) % 11 == 10:
            number = with_check_digit(first11)
            if number:
                break
    assert control_digit(number) == int(number[11])
    assert is_valid_iin(number)


def test_iin_whose_second_pass_is_10_is_invalid():
    for serial in range(100000):
        first11 = "900101" + "3" + str(serial).zfill(4)
        if with_check_digit(first11) is None:
            break
    assert control_digit(first11 + "0") is None
    assert not any(is_valid_iin(first11 + str(d)) for d in range(10))


@pytest.mark.parametrize(
    "value, reason",
    [
        (wrong_check_digit("900101300017"), "iin_checksum"),
        ("901301300017", "iin_birth_date"),  # month 13
        ("900230300017", "iin_birth_date"),  # 30 February
        ("900101000017", "iin_century"),
        ("900101700017", "iin_century"),
        ("900101900017", "iin_century"),
        ("90010130001", "iin_format"),  # 11 digits
        ("9001013000170", "iin_format"),  # 13 digits
        ("90010130001A", "iin_format"),
        ("", "iin_format"),
        ("٩٠٠١٠١٣٠٠٠١٧", "iin_format"),  # non-ASCII digits
    ],
)
def test_invalid_iins(value, reason):
    with pytest.raises(ValidationError) as caught:
        validate_iin(value)
    assert caught.value.code == reason
    assert not is_valid_iin(value)


def test_iin_with_future_birth_date_is_refused():
    future = first_valid("3012315")  # 31 Dec 2030
    assert not is_valid_iin(future, today=date(2026, 11, 24))
    assert is_valid_iin(future, today=date(2031, 1, 1))
    with pytest.raises(ValidationError) as caught:
        validate_iin(future)
    assert caught.value.code == "iin_future"


def test_iin_messages_in_kazakh_and_russian():
    bad = wrong_check_digit("900101300017")
    assert messages_in("kk", validate_iin, bad) == ["ЖСН бақылау цифры қате: нөмірді тексеріңіз."]
    assert messages_in("ru", validate_iin, bad) == ["Неверная контрольная цифра ИИН: проверьте номер."]
    assert messages_in("kk", validate_iin, "123") == ["ЖСН дәл 12 цифрдан тұруы керек."]
    assert messages_in("ru", validate_iin, "123") == ["ИИН должен состоять ровно из 12 цифр."]


# --- БСН ------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["990540", "050141", "120650", "231260", "000140"])
def test_valid_bins(prefix):
    bin_ = first_valid(prefix)
    assert is_valid_bin(bin_)
    validate_bin(bin_)


@pytest.mark.parametrize(
    "value, reason",
    [
        (wrong_check_digit(first_valid("990540")), "bin_checksum"),
        (first_valid("991340"), "bin_month"),
        (first_valid("990040"), "bin_month"),
        (first_valid("990530"), "bin_entity_type"),
        (first_valid("990570"), "bin_entity_type"),
        ("99054000227", "bin_format"),
        ("9905400022X6", "bin_format"),
    ],
)
def test_invalid_bins(value, reason):
    with pytest.raises(ValidationError) as caught:
        validate_bin(value)
    assert caught.value.code == reason
    assert not is_valid_bin(value)


def test_bin_messages_in_kazakh_and_russian():
    bad = first_valid("990530")
    assert messages_in("kk", validate_bin, bad) == ["БСН-нің 5-цифры (субъект түрі) 4, 5 немесе 6 болуы керек."]
    assert messages_in("ru", validate_bin, bad) == ["5-я цифра БИН (тип субъекта) должна быть 4, 5 или 6."]


def test_iin_or_bin_accepts_either_and_refuses_garbage():
    validate_iin_or_bin("900101300017")
    validate_iin_or_bin(first_valid("990540"))
    assert is_valid_iin_or_bin(first_valid("050141"))
    for bad in ("900101300018", "12345", "abcdefghijkl"):
        with pytest.raises(ValidationError):
            validate_iin_or_bin(bad)
    assert messages_in("ru", validate_iin_or_bin, "1") == ["Введите корректный ИИН или БИН (12 цифр)."]
    assert messages_in("kk", validate_iin_or_bin, "1") == ["Дұрыс ЖСН немесе БСН енгізіңіз (12 цифр)."]


# --- ЖСК (IBAN), БСК (BIC), Кбе ---------------------------------------------------


@pytest.mark.rule("Appendix 4")
@pytest.mark.parametrize("value", ["KZ86125KZT5004100100", "kz86 125K ZT50 0410 0100", "KZ75125KZT2069100100"])
def test_valid_kz_ibans(value):
    assert is_valid_kz_iban(value)
    validate_kz_iban(value)
    assert normalize_iban(value).startswith("KZ") and len(normalize_iban(value)) == 20


@pytest.mark.parametrize(
    "value",
    [
        "KZ87125KZT5004100100",  # mod-97 wrong
        "KZ86125KZT500410010",  # 19 characters
        "DE89370400440532013000",  # valid IBAN, not Kazakhstan
        "GB82WEST12345698765432",
        "",
        "KZ86125KZT50041001!0",
    ],
)
@pytest.mark.rule("Appendix 4")
def test_invalid_ibans(value):
    assert not is_valid_kz_iban(value)
    with pytest.raises(ValidationError) as caught:
        validate_kz_iban(value)
    assert caught.value.code == "iban"


@pytest.mark.rule("Appendix 4")
def test_iban_messages_in_kazakh_and_russian():
    assert messages_in("kk", validate_kz_iban, "KZ00") == [
        "Қазақстанның дұрыс ЖСК (IBAN) енгізіңіз: KZ-тен басталатын 20 таңба."
    ]
    assert messages_in("ru", validate_kz_iban, "KZ00") == [
        "Введите корректный казахстанский ИИК (IBAN): 20 символов, начиная с KZ."
    ]


@pytest.mark.rule("Appendix 4")
@pytest.mark.parametrize("value", ["HSBKKZKX", "CASPKZKA", "KCJBKZKX", "HSBKKZKXXXX", "hsbkkzkx"])
def test_valid_bics(value):
    assert is_valid_bic(value)
    validate_bic(value)


@pytest.mark.rule("Appendix 4")
@pytest.mark.parametrize("value", ["HSBKRUKX", "HSBKKZK", "HSBKKZKXX", "HSBKKZKX12", "1SBKKZKX", ""])
def test_invalid_bics(value):
    assert not is_valid_bic(value)
    with pytest.raises(ValidationError) as caught:
        validate_bic(value)
    assert caught.value.code == "bic"


@pytest.mark.rule("Appendix 4")
@pytest.mark.parametrize("value", ["17", "11", "19", "21", "29"])
def test_valid_kbe(value):
    assert is_valid_kbe(value)
    validate_kbe(value)


@pytest.mark.rule("Appendix 4")
@pytest.mark.parametrize("value", ["10", "20", "37", "07", "1", "171", "1a", ""])
def test_invalid_kbe(value):
    assert not is_valid_kbe(value)
    with pytest.raises(ValidationError) as caught:
        validate_kbe(value)
    assert caught.value.code == "kbe"


@pytest.mark.rule("Appendix 4")
def test_bic_and_kbe_messages_in_kazakh_and_russian():
    assert messages_in("ru", validate_bic, "X") == ["Введите корректный БИК: 8 или 11 символов, например HSBKKZKX."]
    assert messages_in("kk", validate_bic, "X") == ["Дұрыс БСК енгізіңіз: 8 немесе 11 таңба, мысалы HSBKKZKX."]
    assert messages_in("ru", validate_kbe, "30") == [
        "Код бенефициара (КБе) — две цифры: первая 1 (резидент) или 2 (нерезидент), вторая от 1 до 9."
    ]
    assert messages_in("kk", validate_kbe, "30") == [
        (
            "Бенефициар коды (Кбе) екі цифрдан тұрады: біріншісі 1 (резидент) немесе 2 (резидент емес), "
            "екіншісі 1-ден 9-ға дейін."
        )
    ]
