"""The policy pack: its name, its policies, and how it is served."""

from __future__ import annotations

from typing import Final

from pulumi_policy import EnforcementLevel, Policy, PolicyPack

from . import (
    bucket_versioning,
    continuous_eventbridge,
    continuous_one_plan,
    default_role_resource,
    kms_key_access,
    s3_prerequisites_advisory,
    selection_role_policies,
)
from .shared_stack import shared_stack_servicer

PACK_NAME: Final = "aws-backup-guardrails"

POLICIES: Final[list[Policy]] = [
    selection_role_policies.POLICY,
    default_role_resource.POLICY,
    # S3 backup readiness (issue 11): what else an S3 backup needs beyond the role.
    bucket_versioning.POLICY,
    continuous_eventbridge.POLICY,
    kms_key_access.POLICY,
    continuous_one_plan.POLICY,
    s3_prerequisites_advisory.POLICY,
]
"""Every policy of the pack. Names are stable once released."""


def serve() -> None:
    """Start the analyzer (blocks forever; prints only the gRPC port on stdout, as the CLI expects), one
    stack build per AnalyzeStack call for all its stack policies (:mod:`.shared_stack`)."""
    with shared_stack_servicer():
        PolicyPack(
            name=PACK_NAME,
            policies=POLICIES,
            enforcement_level=EnforcementLevel.MANDATORY,
            display_name="AWS Backup guardrails",
            description="Blocks AWS Backup selections whose IAM role cannot back up or restore S3.",
            provider="aws",
            tags=["aws", "backup", "s3"],
        )
