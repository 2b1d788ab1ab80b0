"""aws-backup-selection-disallow-s3-notification-without-eventbridge (stack validation, mandatory).

AWS behaviour it guards (AWS Backup developer guide, s3-backups.html; DescribeRecoveryPoint): continuous
backup of S3 goes to STOPPED when "turning off events being sent to EventBridge". S3
PutBucketNotification replaces the bucket's whole notification configuration, so an
aws.s3.BucketNotification without ``eventbridge=True`` turns off what AWS Backup turned on.
"""

from __future__ import annotations

from pulumi_policy import ReportViolation, StackValidationArgs

from .declarations import CONTINUOUS_EVENTBRIDGE
from .props import UNKNOWN
from .readiness_config import ReadinessConfig
from .readiness_policy import Finding, coverage_of, run_rule, selection_label
from .s3_readiness import Backed, Resolution

NAME = CONTINUOUS_EVENTBRIDGE.name
_WHY = (
    "S3 PutBucketNotification replaces the bucket's whole notification configuration, so it turns off the "
    "EventBridge events AWS Backup turned on, and continuous backup of the bucket goes to STOPPED"
)


def findings(resolution: Resolution, backed: Backed, config: ReadinessConfig) -> list[Finding]:
    continuous = [rule for rule in backed.rules if rule.continuous is True]
    maybe = [rule for rule in backed.rules if rule.continuous is UNKNOWN]
    if not continuous and not maybe:
        return []
    label = selection_label(backed)
    found = []
    for coverage in coverage_of(backed, config):
        bucket = coverage.bucket
        state = resolution.eventbridge(bucket)
        if state.ok:
            continue
        if continuous:
            how = f"{continuous[0].label} sets enable_continuous_backup=True"
        else:
            how = f"enable_continuous_backup of {maybe[0].label} is unknown during preview"
        head = f"{label} backs up S3 bucket {bucket.label} ({coverage.how}) with continuous backup ({how})"
        if state.ok is False and continuous:
            text = f"{head}, but {state.cause}. {_WHY}. Fix: {state.fix}."
            found.append(Finding(True, bucket, text))
        elif state.ok is False:
            text = (
                f"{head}, and {state.cause}: if the rule is continuous, {_WHY}. Fix, to be safe: {state.fix}."
            )
            found.append(Finding(False, bucket, text))
        else:
            text = (
                f"{head}, but {state.cause}, so the EventBridge rule cannot prove that the events "
                f"continuous backup needs stay on ({_WHY}). Make sure every aws.s3.BucketNotification of the "
                "bucket sets eventbridge=True."
            )
            found.append(Finding(False, bucket, text))
    return found


def validate(args: StackValidationArgs, report_violation: ReportViolation) -> None:
    """The policy's rule: its blocking findings, one violation per selection."""
    run_rule(NAME, findings, True, args, report_violation)
