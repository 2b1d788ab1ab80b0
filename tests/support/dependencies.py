"""What a requirements file must pin: the installed closure of some packages, and exact pins read back."""

from __future__ import annotations

from collections.abc import Iterable
from importlib import metadata

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name


def pinned(lines: Iterable[str]) -> list[str]:
    """The requirement lines of a requirements file (comments and blank lines dropped)."""
    return [line.split("#", 1)[0].strip() for line in lines if line.split("#", 1)[0].strip()]


def exact_pins(lines: Iterable[str]) -> dict[str, str]:
    """name -> version of every ``name==version`` line; any other specifier fails."""
    pins = {}
    for line in pinned(lines):
        requirement = Requirement(line)
        (spec,) = requirement.specifier
        assert spec.operator == "==", line
        pins[canonicalize_name(requirement.name)] = spec.version
    return pins


def closure(names: Iterable[str]) -> dict[str, str]:
    """name -> installed version of ``names`` and everything they require here (markers evaluated for this
    interpreter, no extras), read from the installed distributions' metadata."""
    found: dict[str, str] = {}
    todo = [canonicalize_name(name) for name in names]
    while todo:
        name = todo.pop()
        if name in found:
            continue
        dist = metadata.distribution(name)
        found[name] = dist.version
        for line in dist.requires or []:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(canonicalize_name(requirement.name))
    return dict(sorted(found.items()))
