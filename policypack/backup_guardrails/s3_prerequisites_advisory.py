"""aws-backup-selection-unverified-s3-prerequisites (stack validation, advisory).

The S3 readiness rules block only what the stack proves. What stays unknown during preview and could
hide a failure (an unknown KMS key policy, which usually embeds the role's ARN; a versioning status or
``eventbridge`` flag computed from another output) is reported here as an advisory note, so a correct
first preview is never blocked and the doubt is still visible.
"""

from __future__ import annotations

from . import bucket_versioning, continuous_eventbridge, continuous_one_plan, kms_key_access
from .readiness_config import ReadinessConfig
from .readiness_policy import Finding, readiness_policy
from .s3_readiness import Backed, Resolution

NAME = "aws-backup-selection-unverified-s3-prerequisites"
DESCRIPTION = (
    "Notes the S3 backup prerequisites (versioning, EventBridge, KMS key access, one plan and vault) that "
    "stay unknown during preview."
)
REMEDIATION = "Check the named setting, or make it a literal value so the mandatory rules can verify it."
_RULES = (
    bucket_versioning.findings,
    continuous_eventbridge.findings,
    kms_key_access.findings,
    continuous_one_plan.findings,
)


def findings(resolution: Resolution, backed: Backed, config: ReadinessConfig) -> list[Finding]:
    return [finding for rule in _RULES for finding in rule(resolution, backed, config)]


POLICY = readiness_policy(NAME, DESCRIPTION, REMEDIATION, findings, advisory=True)
