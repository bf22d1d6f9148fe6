class ReportingYear:
    """A reporting year the portal can hold (the rules apply from 2025): any other year is a 404, not a 500."""

    regex = "20[2-9][0-9]"
    last = 2099  # the last year the regex admits: pages link to year + 1 only below it

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


class RegionCode:
    """A region's two-digit KATO code: the register's stable per-region URLs."""

    regex = "[0-9]{2}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
