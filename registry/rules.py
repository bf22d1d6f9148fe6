"""The registry's rules as pure functions (like councils/rules.py): plain values in, a verdict out, no ORM."""

from __future__ import annotations

from collections.abc import Iterable

# §5 (rev. 2): a region's priority list holds at most six ЭҚЖЖ codes.
PRIORITY_CODES_MAX = 6
# §5 (rev. 2): "бөлім" is the 2-digit division; a letter section is too wide for the list.
SECTION_LEVEL = "section"


def priority_list_fits(*, codes: int) -> bool:
    """§5: the list of ``codes`` codes is within the limit (6 fits, 7 does not)."""
    return codes <= PRIORITY_CODES_MAX


def priority_level_allowed(level: str) -> bool:
    """§5 (rev. 2): a division, group, class or sub-class may be listed; a letter section may not."""
    return level != SECTION_LEVEL


def on_priority_list(code_path: str | None, listed: Iterable[tuple[str, str]]) -> bool:
    """§5 (rev. 2): the code (its classifier path) lies at or under a listed (path, level) that is not a section."""
    return code_path is not None and any(
        code_path.startswith(path) for path, level in listed if priority_level_allowed(level)
    )
