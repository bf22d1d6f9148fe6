# Russian formats: Django's, except one date style in both languages (issue 14): dd.mm.yyyy,
# as the Kazakh pages show it; month names stay where a month stands alone (YEAR_MONTH_FORMAT).
from django.conf.locale.ru.formats import *  # noqa: F403

DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = "d.m.Y H:i"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
THOUSAND_SEPARATOR = "\xa0"  # non-breaking space
