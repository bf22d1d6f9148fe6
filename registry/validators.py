"""Validators for Kazakh identifiers and bank details used by the Appendix form
(Appendix 3: the applicant's ЖСН / БСН; Appendix 4: ЖСК, БСК, the bank's БСН, Кбе).

Each identifier has a plain boolean helper (``is_valid_iin``...) for services
and a Django validator (``validate_iin``...) that raises ``ValidationError``
with a translated message. The form should pass cleaned values through the
``normalize_*`` helpers before storing them.
"""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum import iban as stdnum_iban
from stdnum.exceptions import ValidationError as StdnumError

# Weights of the two passes of the ЖСН/БСН check digit (mod 11).
_FIRST_WEIGHTS = tuple(range(1, 12))
_SECOND_WEIGHTS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
# The 7th ЖСН digit gives the century of birth (and the sex).
_CENTURY = {"1": 1800, "2": 1800, "3": 1900, "4": 1900, "5": 2000, "6": 2000}
# The 5th БСН digit is the entity type: 4 resident legal entity,
# 5 non-resident legal entity, 6 individual entrepreneur (joint venture).
_BIN_ENTITY_TYPES = frozenset("456")
_BIC_RE = re.compile(r"^[A-Z]{4}KZ[A-Z0-9]{2}([A-Z0-9]{3})?$")
_KBE_RE = re.compile(r"^[12][1-9]$")

MESSAGES = {
    "iin_format": _("The IIN must consist of exactly 12 digits."),
    "iin_birth_date": _("The first six digits of the IIN are not a valid date of birth."),
    "iin_century": _("The 7th digit of the IIN (century and sex) must be from 1 to 6."),
    "iin_future": _("The date of birth in the IIN is in the future."),
    "iin_checksum": _("The IIN check digit is wrong: please check the number."),
    "bin_format": _("The BIN must consist of exactly 12 digits."),
    "bin_month": _("The 3rd and 4th digits of the BIN must be a registration month from 01 to 12."),
    "bin_entity_type": _("The 5th digit of the BIN (entity type) must be 4, 5 or 6."),
    "bin_checksum": _("The BIN check digit is wrong: please check the number."),
    "iin_or_bin": _("Enter a valid IIN or BIN (12 digits)."),
    "iban": _("Enter a valid Kazakhstan IBAN: 20 characters starting with KZ."),
    "bic": _("Enter a valid BIC: 8 or 11 characters, for example HSBKKZKX."),
    "kbe": _(
        "The beneficiary code (Kbe) is two digits: the first 1 (resident) or 2 (non-resident), the second from 1 to 9."
    ),
}


def _error(code: str) -> ValidationError:
    return ValidationError(MESSAGES[code], code=code)


def compact(value) -> str:
    """Removes spaces (also non-breaking) and dashes people type into numbers."""
    return re.sub(r"[\s\-]", "", str(value or ""))


def normalize_iban(value) -> str:
    return compact(value).upper()


def normalize_bic(value) -> str:
    return compact(value).upper()


def control_digit(digits: str) -> int | None:
    """Check digit of a ЖСН/БСН from its first 11 digits; None when undefined (two 10s)."""
    first = sum(int(d) * w for d, w in zip(digits[:11], _FIRST_WEIGHTS, strict=True)) % 11
    if first != 10:
        return first
    second = sum(int(d) * w for d, w in zip(digits[:11], _SECOND_WEIGHTS, strict=True)) % 11
    return None if second == 10 else second


def _checksum_ok(digits: str) -> bool:
    return control_digit(digits) == int(digits[11])


def _is_12_digits(value: str) -> bool:
    return len(value) == 12 and value.isascii() and value.isdigit()


def iin_birth_date(value: str) -> date | None:
    """The date of birth encoded in a ЖСН, or None when digits 1–7 don't make one."""
    century = _CENTURY.get(value[6:7])
    if century is None or not value[:6].isdigit():
        return None
    try:
        return date(century + int(value[:2]), int(value[2:4]), int(value[4:6]))
    except ValueError:
        return None


def iin_error(value, *, today: date | None = None) -> str | None:
    """The code of the first problem of a ЖСН (a key of MESSAGES), or None when valid."""
    value = compact(value)
    if not _is_12_digits(value):
        return "iin_format"
    if value[6] not in _CENTURY:
        return "iin_century"
    born = iin_birth_date(value)
    if born is None:
        return "iin_birth_date"
    if born > (today or timezone.localdate()):
        return "iin_future"
    if not _checksum_ok(value):
        return "iin_checksum"
    return None


def bin_error(value) -> str | None:
    """The code of the first problem of a БСН (a key of MESSAGES), or None when valid."""
    value = compact(value)
    if not _is_12_digits(value):
        return "bin_format"
    if not 1 <= int(value[2:4]) <= 12:
        return "bin_month"
    if value[4] not in _BIN_ENTITY_TYPES:
        return "bin_entity_type"
    if not _checksum_ok(value):
        return "bin_checksum"
    return None


def is_valid_iin(value, *, today: date | None = None) -> bool:
    return iin_error(value, today=today) is None


def is_valid_bin(value) -> bool:
    return bin_error(value) is None


def is_valid_iin_or_bin(value, *, today: date | None = None) -> bool:
    return is_valid_iin(value, today=today) or is_valid_bin(value)


def is_valid_kz_iban(value) -> bool:
    value = normalize_iban(value)
    if len(value) != 20 or not value.startswith("KZ"):
        return False
    try:
        stdnum_iban.validate(value)  # mod-97 and the KZ format (3 digits bank + 13 account)
    except StdnumError:
        return False
    return True


def is_valid_bic(value) -> bool:
    return bool(_BIC_RE.match(normalize_bic(value)))


def is_valid_kbe(value) -> bool:
    return bool(_KBE_RE.match(compact(value)))


def validate_iin(value) -> None:
    code = iin_error(value)
    if code:
        raise _error(code)


def validate_bin(value) -> None:
    code = bin_error(value)
    if code:
        raise _error(code)


def validate_iin_or_bin(value) -> None:
    """Planned users of a common-use object (§7) are given by either identifier."""
    if not is_valid_iin_or_bin(value):
        raise _error("iin_or_bin")


def validate_kz_iban(value) -> None:
    if not is_valid_kz_iban(value):
        raise _error("iban")


def validate_bic(value) -> None:
    if not is_valid_bic(value):
        raise _error("bic")


def validate_kbe(value) -> None:
    if not is_valid_kbe(value):
        raise _error("kbe")
