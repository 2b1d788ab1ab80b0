"""Shared test setup: the policy pack's modules are importable as ``backup_guardrails``."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tools.pulumi_session import PulumiSession

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "policypack"))


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PulumiSession]:
    """A scratch session of the real Pulumi CLI (tools/pulumi_session.py), one per test module.

    (tests/test_e2e.py still defines the same fixture itself; its own wins there.)

    Skipped, with the reason, only where neither a Pulumi CLI nor Go to build one exists; a failed build
    is an error.
    """
    from tools.pulumi_session import CliUnavailableError, PulumiSession

    try:
        session = PulumiSession(tmp_path_factory.mktemp("pulumi"))
    except CliUnavailableError as reason:
        pytest.skip(f"no Pulumi CLI and no Go toolchain to build one: {reason}")
    yield session
