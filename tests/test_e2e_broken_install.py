"""End-to-end: a pack whose rules cannot be imported still guards, through the real Pulumi CLI.

The pack imports each rule on its policy's first call (``rule_loader.py``), so an installation missing a
module starts and declares every policy as usual, and only then finds out. Here two modules are deleted
from the session's copy of the pack: the companion's own module, and the key-policy reader of the KMS
rule (which the advisory notes use too). The CLI must fail the preview and refuse ``up --skip-preview``
before any resource exists, with each policy's load failure spelled out, never a traceback or the SDK's
"can't run policy" line; the main rule still judges the selection itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from backup_guardrails.rule_loader import load_failure

from tools.pulumi_session import CliUnavailableError, PulumiSession

pytestmark = pytest.mark.e2e

COMPANION = "aws-backup-selection-disallow-default-role-for-s3"
MAIN = "aws-backup-selection-missing-s3-role-policies"
KMS = "aws-backup-selection-missing-s3-kms-key-access"
ADVISORY = "aws-backup-selection-unverified-s3-prerequisites"
MISSING_KEY_POLICIES = ModuleNotFoundError("No module named 'backup_guardrails.key_policies'")
COMPANION_FAILURE = load_failure(
    COMPANION,
    "backup_guardrails.default_role_resource",
    ModuleNotFoundError("No module named 'backup_guardrails.default_role_resource'"),
)


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PulumiSession]:
    try:
        broken = PulumiSession(tmp_path_factory.mktemp("pulumi"))
    except CliUnavailableError as reason:
        pytest.skip(f"no Pulumi CLI and no Go toolchain to build one: {reason}")
    for module in ("default_role_resource.py", "key_policies.py"):
        (broken.pack_dir / "backup_guardrails" / module).unlink()
    yield broken


def violations(output: str) -> list[tuple[str, str, str]]:
    """(level, policy, resource) of every violation the CLI printed, in order."""
    return re.findall(r"- \[(mandatory|advisory)\] \[severity: \w+\]  (\S+)  \(([^)]+)\)", output)


def test_preview_fails_closed_naming_each_rule_that_cannot_load(session: PulumiSession) -> None:
    result = session.project("s3-default-role", name="broken-preview").preview()
    assert result.returncode == 1, str(result)
    assert "Traceback" not in result.output and "can't run policy" not in result.output, str(result)
    # A load failure has no resource: the CLI shows it under the resource being analyzed (the provider,
    # registered first) or the stack.
    assert violations(result.output) == [
        ("mandatory", COMPANION, "pulumi:providers:aws: default_7_51_1"),
        ("mandatory", KMS, "pulumi:pulumi:Stack: s3-default-role-broken-preview"),
        ("mandatory", MAIN, "aws:backup:Selection: app-data-backup"),
        ("advisory", ADVISORY, "pulumi:pulumi:Stack: s3-default-role-broken-preview"),
    ], str(result)
    assert result.output.count(COMPANION_FAILURE) == 1, str(result)
    assert load_failure(KMS, "backup_guardrails.kms_key_access", MISSING_KEY_POLICIES) in result.output
    advisory = load_failure(ADVISORY, "backup_guardrails.s3_prerequisites_advisory", MISSING_KEY_POLICIES)
    assert advisory in result.output
    assert 'Backup selection "app-data-backup" (name "app-data") targets S3' in result.output


def test_up_with_skip_preview_is_refused_before_any_resource_exists(session: PulumiSession) -> None:
    project = session.project("s3-default-role", name="broken-up")
    result = project.up(skip_preview=True)
    assert result.returncode != 0, str(result)
    assert "Traceback" not in result.output, str(result)
    assert violations(result.output) == [("mandatory", COMPANION, "pulumi:providers:aws: default_7_51_1")]
    assert COMPANION_FAILURE in result.output
    assert project.resources() == []
