"""The virtualenvs Pulumi creates for the pack and for the component plugin pin everything they hold.

Pulumi installs ``policypack/requirements.txt`` into the pack's ``venv`` and ``component/requirements.txt``
into the plugin's. Each must pin the whole closure of its top-level packages (nothing floats under a
mandatory guardrail), at the versions ``make test`` runs with: the closure is read from this venv's
installed metadata (requirements-dev.txt's versions), so this file runs in the main venv only.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.dependencies import closure, exact_pins

REPO = Path(__file__).resolve().parents[1]
FILES = {
    "policypack/requirements.txt": ["pulumi-policy", "pulumi", "boto3", "botocore"],
    "component/requirements.txt": ["pulumi", "pulumi-aws"],
}


@pytest.mark.parametrize("path", sorted(FILES))
def test_requirements_pin_the_whole_closure_at_the_tested_versions(path: str) -> None:
    pins = exact_pins((REPO / path).read_text().splitlines())
    dev_lock = exact_pins((REPO / "requirements-dev.txt").read_text().splitlines())
    installed = closure(FILES[path])
    assert installed == {name: dev_lock[name] for name in installed}, "this venv is not the tested one"
    assert pins == installed
