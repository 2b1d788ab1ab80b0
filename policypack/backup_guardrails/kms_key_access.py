"""aws-backup-selection-missing-s3-kms-key-access (stack validation, mandatory).

AWS behaviour it guards (AWS Backup developer guide, s3-backups.html and encryption.html): "Your IAM
role must have access to the KMS key being used to back up and restore the object. Otherwise the job
is successful but the objects are not backed up or restored." The S3 managed policies grant the KMS
actions through S3 only, so a customer-managed key's policy must delegate to IAM (the account root
statement) or allow the backup role itself. A key created without ``policy`` gets AWS's default key
policy, which delegates to IAM.
"""

from __future__ import annotations

from pulumi_policy import ReportViolation, StackValidationArgs

from .arns import partition_of
from .bucket_state import KeyUse, key_policy
from .buckets import Bucket
from .constants import NATIVE_KMS_KEY
from .declarations import KMS_KEY_ACCESS
from .key_policies import names_role, read_key_policy
from .props import MISSING, UNKNOWN
from .readiness_config import ReadinessConfig
from .readiness_policy import Finding, coverage_of, run_rule, selection_label
from .s3_readiness import Backed, Resolution

NAME = KMS_KEY_ACCESS.name
_CONSEQUENCE = "AWS Backup reports every job of this bucket as completed while backing up none of its objects"


def _key_label(use: KeyUse) -> str:
    kind = "aws_native.kms.Key" if use.key.type == NATIVE_KMS_KEY else "aws.kms.Key"
    return f'{kind} "{use.key.name}"'


def findings(resolution: Resolution, backed: Backed, config: ReadinessConfig) -> list[Finding]:
    label = selection_label(backed)
    found = []
    for coverage in coverage_of(backed, config):
        bucket = coverage.bucket
        for use in resolution.kms_keys(bucket):
            document, where = key_policy(resolution.stack, use.key)
            if document is MISSING:
                continue  # AWS's default key policy delegates to IAM
            head = (
                f"{label} backs up S3 bucket {bucket.label} ({coverage.how}), which {use.via} encrypts with "
                f"SSE-KMS under {_key_label(use)}"
            )
            if not use.certain:
                head += " (if its sse_algorithm, unknown during preview, is aws:kms)"
            if document is UNKNOWN:
                found.append(_note(bucket, head, f"{where} is unknown during preview"))
                continue
            reading = read_key_policy(document)
            if reading.problem:
                found.append(_note(bucket, head, f"{where} cannot be read: {reading.problem}"))
                continue
            if reading.delegates_to_iam:
                continue
            key_arn = use.key.get("arn")
            partition = (partition_of(key_arn) if isinstance(key_arn, str) else None) or "aws"
            roles = resolution.roles_of(backed)
            if not roles:
                if reading.role_principals:
                    cause = (
                        "the selection's role is not known, so it cannot be matched with the roles the "
                        "policy allows"
                    )
                    found.append(_note(bucket, head, cause))
                    continue
                role_text = "the backup role"
            else:
                verdicts = [(role, names_role(reading, role.name, role.arn)) for role in roles]
                if all(verdict for _, verdict in verdicts):
                    continue
                if any(verdict is None for _, verdict in verdicts):
                    found.append(
                        _note(bucket, head, "the name of the selection's role is unknown during preview")
                    )
                    continue
                role_text = "the backup role " + " and ".join(
                    role.label for role, verdict in verdicts if verdict is False
                )
            text = (
                f"{head}, but {where} neither delegates to IAM (no Allow statement for the account root "
                f"principal arn:{partition}:iam::<account>:root covering kms:Decrypt and "
                f"kms:GenerateDataKey) nor allows {role_text} those actions. {_CONSEQUENCE}. Fix: add the "
                f'statement {{"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {{"AWS": '
                f'"arn:{partition}:iam::<account>:root"}}, "Action": "kms:*", "Resource": "*"}} to {where} '
                "(or leave the policy out: AWS's default key policy has it), or allow the role kms:Decrypt, "
                "kms:DescribeKey and kms:GenerateDataKey there."
            )
            found.append(Finding(use.certain, bucket, text))
    return found


def _note(bucket: Bucket, head: str, cause: str) -> Finding:
    return Finding(
        False,
        bucket,
        f"{head}, but {cause}, so the KMS rule cannot prove that the backup role may use the key; if it may "
        f"not, {_CONSEQUENCE}. Make sure the key policy keeps the account root statement (kms:*) or allows "
        "the role kms:Decrypt, kms:DescribeKey and kms:GenerateDataKey.",
    )


def validate(args: StackValidationArgs, report_violation: ReportViolation) -> None:
    """The policy's rule: its blocking findings, one violation per selection."""
    run_rule(NAME, findings, True, args, report_violation)
