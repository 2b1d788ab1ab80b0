"""aws-backup-selection-missing-s3-bucket-versioning (stack validation, mandatory).

AWS behaviour it guards (AWS Backup developer guide, s3-backups.html): "You must enable S3 Versioning
on your S3 bucket to use AWS Backup for Amazon S3." A selection that backs up an unversioned bucket
deploys cleanly; every backup job of that bucket then fails.
"""

from __future__ import annotations

from pulumi_policy import ReportViolation, StackValidationArgs

from .declarations import BUCKET_VERSIONING
from .readiness_config import ReadinessConfig
from .readiness_policy import Finding, coverage_of, run_rule, selection_label
from .s3_readiness import Backed, Resolution

NAME = BUCKET_VERSIONING.name


def findings(resolution: Resolution, backed: Backed, config: ReadinessConfig) -> list[Finding]:
    found = []
    label = selection_label(backed)
    for coverage in coverage_of(backed, config):
        bucket = coverage.bucket
        state = resolution.versioning(bucket)
        if state.ok:
            continue
        head = f"{label} backs up S3 bucket {bucket.label} ({coverage.how}), but {state.cause}"
        if state.ok is False:
            text = (
                f"{head}. AWS Backup for S3 requires S3 Versioning, so every backup job of this bucket "
                f"fails. Fix: {state.fix}."
            )
        else:
            text = (
                f"{head}, so the versioning rule cannot prove that its versioning is Enabled; AWS Backup for "
                'S3 fails on a bucket without it. Make sure its versioning_configuration status is "Enabled".'
            )
        found.append(Finding(state.ok is False, bucket, text))
    return found


def validate(args: StackValidationArgs, report_violation: ReportViolation) -> None:
    """The policy's rule: its blocking findings, one violation per selection."""
    run_rule(NAME, findings, True, args, report_violation)
