from django.utils.translation import get_language


def pick(kk: str, ru: str) -> str:
    """The Kazakh or the Russian text by the active language (ru serves en too)."""
    language = (get_language() or "kk")[:2]
    if language == "kk":
        return kk or ru
    return ru or kk


class LocalizedName:
    """Reference rows carry ``name_kk`` and ``name_ru``; ``name`` picks one."""

    name_kk: str
    name_ru: str

    @property
    def name(self) -> str:
        return pick(self.name_kk, self.name_ru)

    def __str__(self) -> str:
        return self.name
