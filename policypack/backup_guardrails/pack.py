"""The policy pack: its name, its policies, and how it is served."""

from __future__ import annotations

from typing import Final

from pulumi_policy import EnforcementLevel, Policy, PolicyPack

from . import default_role_resource, selection_role_policies

PACK_NAME: Final = "aws-backup-guardrails"

POLICIES: Final[list[Policy]] = [selection_role_policies.POLICY, default_role_resource.POLICY]
"""Every policy of the pack. Names are stable once released."""


def serve() -> None:
    """Start the analyzer (blocks forever; prints only the gRPC port on stdout, as the CLI expects)."""
    PolicyPack(
        name=PACK_NAME,
        policies=POLICIES,
        enforcement_level=EnforcementLevel.MANDATORY,
        display_name="AWS Backup guardrails",
        description="Blocks AWS Backup selections whose IAM role cannot back up or restore S3.",
        provider="aws",
        tags=["aws", "backup", "s3"],
    )
