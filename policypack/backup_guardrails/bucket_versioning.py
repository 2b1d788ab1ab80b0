"""aws-backup-selection-missing-s3-bucket-versioning (stack validation, mandatory).

AWS behaviour it guards (AWS Backup developer guide, s3-backups.html): "You must enable S3 Versioning
on your S3 bucket to use AWS Backup for Amazon S3." A selection that backs up an unversioned bucket
deploys cleanly; every backup job of that bucket then fails.
"""

from __future__ import annotations

from .readiness_config import ReadinessConfig
from .readiness_policy import Finding, coverage_of, readiness_policy, selection_label
from .s3_readiness import Backed, Resolution

NAME = "aws-backup-selection-missing-s3-bucket-versioning"
DESCRIPTION = "An S3 bucket of the stack that a backup selection backs up must have versioning Enabled."
REMEDIATION = (
    'Add aws.s3.BucketVersioning(bucket=bucket.id, versioning_configuration={"status": "Enabled"}) for the '
    'bucket (aws-native: versioning_configuration={"status": "Enabled"} on aws_native.s3.Bucket).'
)


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


POLICY = readiness_policy(NAME, DESCRIPTION, REMEDIATION, findings)
