"""aws-backup-selection-unverified-s3-prerequisites (stack validation, advisory).

The S3 readiness rules block only what the stack proves. What stays unknown during preview and could
hide a failure (an unknown KMS key policy, which usually embeds the role's ARN; a versioning status or
``eventbridge`` flag computed from another output) is reported here as an advisory note, so a correct
first preview is never blocked and the doubt is still visible.
"""

from __future__ import annotations

from pulumi_policy import ReportViolation, StackValidationArgs

from . import bucket_versioning, continuous_eventbridge, continuous_one_plan, kms_key_access
from .declarations import S3_PREREQUISITES_ADVISORY
from .readiness_config import ReadinessConfig
from .readiness_policy import Finding, run_rule
from .s3_readiness import Backed, Resolution

NAME = S3_PREREQUISITES_ADVISORY.name
_RULES = (
    bucket_versioning.findings,
    continuous_eventbridge.findings,
    kms_key_access.findings,
    continuous_one_plan.findings,
)


def findings(resolution: Resolution, backed: Backed, config: ReadinessConfig) -> list[Finding]:
    return [finding for rule in _RULES for finding in rule(resolution, backed, config)]


def validate(args: StackValidationArgs, report_violation: ReportViolation) -> None:
    """The policy's rule: the readiness rules' findings that do not block, one note per selection."""
    run_rule(NAME, findings, False, args, report_violation)
