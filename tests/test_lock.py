"""The install is reproducible: requirements/*.txt pin, with hashes, every dependency
pyproject.toml declares, at versions its ranges allow (`make lock` refreshes them)."""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

BASE_DIR = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s\\;]+)", re.MULTILINE)


def _pins(lock: str) -> dict[str, str]:
    text = (BASE_DIR / "requirements" / lock).read_text()
    return {canonicalize_name(name): version for name, version in PIN.findall(text)}


def _declared(*extras: str) -> list[Requirement]:
    project = tomllib.loads((BASE_DIR / "pyproject.toml").read_text())["project"]
    declared = list(project["dependencies"])
    for extra in extras:
        declared += project["optional-dependencies"][extra]
    return [Requirement(line) for line in declared]


@pytest.mark.parametrize(("lock", "extras"), [("base.txt", ()), ("test.txt", ("test",))])
def test_lock_pins_every_declared_dependency_within_its_range(lock, extras):
    pins = _pins(lock)
    for requirement in _declared(*extras):
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is not in requirements/{lock}: run `make lock`"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"requirements/{lock} pins {requirement.name}=={pins[name]}, outside {requirement.specifier}: run `make lock`"
        )


@pytest.mark.parametrize("lock", ["base.txt", "test.txt"])
def test_every_pin_carries_a_hash(lock):
    text = (BASE_DIR / "requirements" / lock).read_text()
    blocks = re.split(r"\n(?=[A-Za-z0-9_.\-]+==)", text.split("\n\n", 1)[-1])
    unhashed = [block.split()[0] for block in blocks if "==" in block and "--hash=sha256:" not in block]
    assert not unhashed


def test_runtime_lock_agrees_with_the_test_lock():
    base, test = _pins("base.txt"), _pins("test.txt")
    assert {name: version for name, version in base.items() if test.get(name) != version} == {}
