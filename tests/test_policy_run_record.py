"""The two policies share what ``Analyze`` saw in the run (``run_record.py``), through the real pack.

One cause, one violation: the stack rule stays silent about the console default role only when the
companion blocked the selection as MANDATORY; configured advisory or disabled, the stack rule speaks.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pulumi.runtime.proto import analyzer_pb2

from tests.support.analyzer import PackProcess
from tests.support.stacks import build_analyzed, build_resources, urns_of

STACK_POLICY = "aws-backup-selection-missing-s3-role-policies"
RESOURCE_POLICY = "aws-backup-selection-disallow-default-role-for-s3"
DEFAULT_ROLE_ARN = "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole"
SELECTION: dict[str, Any] = {
    "type": "aws:backup/selection:Selection",
    "name": "sel",
    "properties": {"name": "s3", "iamRoleArn": DEFAULT_ROLE_ARN, "resources": ["arn:aws:s3:::app-data"]},
}


@pytest.fixture(scope="module")
def pack() -> Iterator[PackProcess]:
    with PackProcess() as running:
        yield running


def _verdicts(pack: PackProcess, stack: str, resources: list[dict[str, Any]]) -> dict[str, int]:
    """policy name -> enforcement level of its violation on the selection."""
    diagnostics = pack.run(build_resources(resources, stack), build_analyzed(resources, stack))
    urn = urns_of(resources, stack)["sel"]
    return {d.policyName: d.enforcementLevel for d in diagnostics if d.urn == urn}


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        (analyzer_pb2.MANDATORY, {RESOURCE_POLICY: analyzer_pb2.MANDATORY}),
        (
            analyzer_pb2.ADVISORY,
            {RESOURCE_POLICY: analyzer_pb2.ADVISORY, STACK_POLICY: analyzer_pb2.MANDATORY},
        ),
        (analyzer_pb2.DISABLED, {STACK_POLICY: analyzer_pb2.MANDATORY}),
    ],
    ids=["mandatory-companion-speaks-alone", "advisory-companion-stack-rule-too", "disabled-companion"],
)
def test_stack_rule_is_silent_only_after_a_mandatory_companion_block(
    pack: PackProcess, level: int, expected: dict[str, int]
) -> None:
    pack.configure({}, {RESOURCE_POLICY: level})
    try:
        assert _verdicts(pack, f"enforcement-{level}", [SELECTION]) == expected
    finally:
        pack.configure({})


def test_disabled_companion_leaves_a_known_managed_policy_list_read_as_configured(pack: PackProcess) -> None:
    """Without Analyze records, a known managedPolicyArns output cannot be told from a configured one: the
    stack rule reads it as configured (exclusive), so S3 attachments outside it do not count."""
    role = {
        "type": "aws:iam/role:Role",
        "name": "role",
        "properties": {"name": "backup-role", "arn": "<unknown>", "managedPolicyArns": []},
    }
    attachments = [
        {
            "type": "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
            "name": f"att-{policy}",
            "properties": {"role": "backup-role", "policyArn": f"arn:aws:iam::aws:policy/{policy}"},
            "propertyDependencies": {"role": ["role"]},
        }
        for policy in ("AWSBackupServiceRolePolicyForS3Backup", "AWSBackupServiceRolePolicyForS3Restore")
    ]
    selection = {
        **SELECTION,
        "properties": {**SELECTION["properties"], "iamRoleArn": "<unknown>"},
        "propertyDependencies": {"iamRoleArn": ["role"]},
    }
    pack.configure({}, {RESOURCE_POLICY: analyzer_pb2.DISABLED})
    try:
        verdicts = _verdicts(pack, "disabled-companion-managed", [role, *attachments, selection])
    finally:
        pack.configure({})
    assert verdicts == {STACK_POLICY: analyzer_pb2.MANDATORY}
