"""The policy pack: its name, its policies, and how it is served."""

from __future__ import annotations

from typing import Final

from pulumi_policy import EnforcementLevel, Policy, PolicyPack

from .declarations import (
    BUCKET_VERSIONING,
    CONTINUOUS_EVENTBRIDGE,
    CONTINUOUS_ONE_PLAN,
    DEFAULT_ROLE_RESOURCE,
    KMS_KEY_ACCESS,
    S3_PREREQUISITES_ADVISORY,
    SELECTION_ROLE_POLICIES,
)
from .shared_stack import shared_stack_servicer

PACK_NAME: Final = "aws-backup-guardrails"

POLICIES: Final[list[Policy]] = [
    SELECTION_ROLE_POLICIES,
    DEFAULT_ROLE_RESOURCE,
    # S3 backup readiness (issue 11): what else an S3 backup needs beyond the role.
    BUCKET_VERSIONING,
    CONTINUOUS_EVENTBRIDGE,
    KMS_KEY_ACCESS,
    CONTINUOUS_ONE_PLAN,
    S3_PREREQUISITES_ADVISORY,
]
"""Every policy of the pack. Names are stable once released. Each rule is imported on its policy's first
call, so a start imports only the declarations (:mod:`.rule_loader`)."""


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
