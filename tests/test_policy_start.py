"""The pack's start: it answers the CLI's first call with only its declarations imported, and imports
each rule on the policy's first call (issue 15, ``cold_start_ratio``); a rule that cannot be imported
fails closed with one clear violation, never a traceback."""

from __future__ import annotations

import importlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from backup_guardrails import POLICIES
from backup_guardrails.rule_loader import RULE_FUNCTION, DeferredRule, load_failure
from pulumi.runtime.proto import analyzer_pb2

from tests.support.analyzer import PACK_DIR, REPO, PackProcess
from tests.support.stacks import build_analyzed, build_resources

START_MODULES = [
    "backup_guardrails",
    "backup_guardrails.arns",  # config's patterns
    "backup_guardrails.config",
    "backup_guardrails.constants",
    "backup_guardrails.declarations",
    "backup_guardrails.pack",
    "backup_guardrails.readiness_config",
    "backup_guardrails.rule_loader",
    "backup_guardrails.shared_stack",  # the servicer the pack is served through
]
"""Everything of the pack a start imports: what declaring the policies needs, and nothing more."""

COMPANION = "aws-backup-selection-disallow-default-role-for-s3"
MAIN = "aws-backup-selection-missing-s3-role-policies"
KMS = "aws-backup-selection-missing-s3-kms-key-access"
ADVISORY = "aws-backup-selection-unverified-s3-prerequisites"


def test_the_cli_first_call_imports_only_the_declarations() -> None:
    """The pack started by `pulumi.policy` as the CLI starts it, without bytecode: by its GetAnalyzerInfo
    answer it has imported no rule and none of the machinery under the rules."""
    result = subprocess.run(
        [sys.executable, str(REPO / "tests" / "support" / "pack_start.py"), str(PACK_DIR)],
        cwd=PACK_DIR,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    started = json.loads(result.stdout)
    assert started["policies"] == [policy.name for policy in POLICIES]
    assert started["modules"] == START_MODULES


@pytest.mark.parametrize("policy", POLICIES, ids=[policy.name for policy in POLICIES])
def test_every_declared_rule_exists_under_its_name(policy: Any) -> None:
    """Each declaration names a rule module that imports, has ``validate``, and uses the declared name."""
    (rule,) = [
        value for value in vars(policy).values() if isinstance(value, DeferredRule)
    ]  # the SDK keeps it
    assert rule.policy == policy.name
    module = importlib.import_module(rule.module)
    assert callable(getattr(module, RULE_FUNCTION))
    assert policy.name == module.NAME


def _pack_without(tmp_path: Path, *files: str) -> Path:
    """A copy of the pack with some of its modules deleted: a broken or partial installation."""
    copy = tmp_path / "policypack"
    shutil.copytree(PACK_DIR, copy, ignore=shutil.ignore_patterns("__pycache__", "venv"))
    for name in files:
        (copy / "backup_guardrails" / name).unlink()
    return copy


def _diagnostics(pack: PackProcess, case: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """One preview of a golden case: (policy, urn, level, message) of every diagnostic, in order."""
    resources = build_resources(case["resources"], "start")
    analyzed = build_analyzed(case["resources"], "start")
    return [
        (
            d.policyName,
            d.urn,
            analyzer_pb2.EnforcementLevel.Name(d.enforcementLevel),
            d.message.partition("\n")[2],
        )
        for d in pack.run(resources, analyzed)
    ]


def test_a_rule_that_cannot_be_imported_fails_closed(tmp_path: Path) -> None:
    """The companion's module and the KMS rule's key-policy reader are missing. The pack still starts
    and declares every policy; the policies whose rule cannot load report it (mandatory) instead of
    passing, and the others judge as always: the main rule then blocks the console default role itself,
    as it does when the companion is off."""
    case = json.loads((REPO / "tests" / "golden" / "default-role-literal-arn-blocks.json").read_text())
    with PackProcess() as intact:
        intact.configure({}, enforcement={COMPANION: analyzer_pb2.DISABLED})
        without_companion = _diagnostics(intact, case)
    assert [d[0] for d in without_companion] == [MAIN]

    broken = _pack_without(tmp_path, "default_role_resource.py", "key_policies.py")
    missing = "No module named 'backup_guardrails.key_policies'"
    kms = load_failure(KMS, "backup_guardrails.kms_key_access", ModuleNotFoundError(missing))
    advisory = load_failure(
        ADVISORY, "backup_guardrails.s3_prerequisites_advisory", ModuleNotFoundError(missing)
    )
    companion = (
        f'Policy "{COMPANION}" could not load its rule (backup_guardrails.default_role_resource: '
        "ModuleNotFoundError: No module named 'backup_guardrails.default_role_resource'), so it cannot "
        "prove any backup selection safe and fails closed. The policy pack's installation is incomplete "
        "or broken: reinstall its dependencies (pip install -r requirements.txt in the pack's virtualenv) "
        "and restore its files from the release."
    )
    stack_failures = [(KMS, "", "MANDATORY", kms), (ADVISORY, "", "ADVISORY", advisory)]
    with PackProcess(pack_dir=broken) as pack:
        assert pack.info is not None
        assert [policy.name for policy in pack.info.policies] == [policy.name for policy in POLICIES]
        first = _diagnostics(pack, case)
        # A resource policy reports it once, not for every resource; a stack policy at every run.
        second = _diagnostics(pack, case)
        assert "Traceback" not in pack.error_output
    assert first == [(COMPANION, "", "MANDATORY", companion), *without_companion, *stack_failures]
    assert second == [*without_companion, *stack_failures]
