"""What the pack declares when it starts: each policy's name, description, config schema, remediation
text, enforcement level and severity, with its rule imported on its first call (:mod:`.rule_loader`).

The CLI asks for this (``GetAnalyzerInfo``) at every start, before any resource exists, so this module
imports only the config schemas and the constants. Each rule lives in the module named after it (the
``module`` column below), with the AWS behaviour it guards; its ``NAME`` comes from here.
"""

from __future__ import annotations

from typing import Final

from pulumi_policy import (
    EnforcementLevel,
    ResourceValidationPolicy,
    Severity,
    StackValidationPolicy,
)

from . import config, readiness_config
from .constants import POLICY_TAGS, S3_BACKUP_GUIDE
from .rule_loader import DeferredRule

ENCRYPTION_GUIDE: Final = "https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html"
"""AWS Backup's encryption guide: the KMS key access an S3 backup needs."""


def _stack_policy(
    name: str,
    module: str,
    description: str,
    remediation: str,
    *,
    readiness: bool = True,
    advisory: bool = False,
    url: str = S3_BACKUP_GUIDE,
) -> StackValidationPolicy:
    """A stack policy with the pack's shared metadata: the readiness config schema (or, ``readiness=False``,
    the role rules' one); mandatory and high severity, or (``advisory``) advisory notes of low severity."""
    return StackValidationPolicy(
        name=name,
        description=description,
        validate=DeferredRule(name, module),
        enforcement_level=EnforcementLevel.ADVISORY if advisory else EnforcementLevel.MANDATORY,
        config_schema=readiness_config.SCHEMA if readiness else config.SCHEMA,
        severity=Severity.LOW if advisory else Severity.HIGH,
        tags=list(POLICY_TAGS),
        remediation_steps=remediation,
        url=url,
    )


SELECTION_ROLE_POLICIES: Final = _stack_policy(
    "aws-backup-selection-missing-s3-role-policies",
    "selection_role_policies",
    "A backup selection that targets S3 must use an IAM role that carries both "
    "AWSBackupServiceRolePolicyForS3Backup and AWSBackupServiceRolePolicyForS3Restore.",
    "Attach arn:<partition>:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup and "
    "arn:<partition>:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore to the selection's role with "
    "aws.iam.RolePolicyAttachment, and make the selection's iamRoleArn depend on those attachments (or "
    "build the role with backup_roles.BackupServiceRole). For the console default role "
    "AWSBackupDefaultServiceRole, attach them to it (BackupServiceRole adopt mode).",
    readiness=False,
)
"""The main rule (stack validation, mandatory): :mod:`.selection_role_policies`."""

_DEFAULT_ROLE_NAME: Final = "aws-backup-selection-disallow-default-role-for-s3"

DEFAULT_ROLE_RESOURCE: Final = ResourceValidationPolicy(
    name=_DEFAULT_ROLE_NAME,
    description=(
        "A backup selection that targets S3 must not use the console default role "
        "AWSBackupDefaultServiceRole unless both S3 managed policies are attached to it first."
    ),
    validate=DeferredRule(_DEFAULT_ROLE_NAME, "default_role_resource"),
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=config.SCHEMA,
    severity=Severity.HIGH,
    tags=list(POLICY_TAGS),
    remediation_steps=(
        "Attach AWSBackupServiceRolePolicyForS3Backup and AWSBackupServiceRolePolicyForS3Restore to "
        "AWSBackupDefaultServiceRole with aws.iam.RolePolicyAttachment (or BackupServiceRole adopt mode), "
        "and make the selection depend on those attachments so they are registered first; or use a "
        "dedicated role."
    ),
    url=S3_BACKUP_GUIDE,
)
"""The resource-level companion (mandatory): :mod:`.default_role_resource`."""

# --- S3 backup readiness (issue 11): what else an S3 backup needs beyond the role ---

BUCKET_VERSIONING: Final = _stack_policy(
    "aws-backup-selection-missing-s3-bucket-versioning",
    "bucket_versioning",
    "An S3 bucket of the stack that a backup selection backs up must have versioning Enabled.",
    'Add aws.s3.BucketVersioning(bucket=bucket.id, versioning_configuration={"status": "Enabled"}) for the '
    'bucket (aws-native: versioning_configuration={"status": "Enabled"} on aws_native.s3.Bucket).',
)
"""Versioning of every backed-up bucket: :mod:`.bucket_versioning`."""

CONTINUOUS_EVENTBRIDGE: Final = _stack_policy(
    "aws-backup-selection-disallow-s3-notification-without-eventbridge",
    "continuous_eventbridge",
    "An S3 bucket under continuous backup must keep sending events to EventBridge: its "
    "BucketNotification must set eventbridge=True.",
    "Set eventbridge=True on the bucket's aws.s3.BucketNotification (aws-native: "
    'event_bridge_configuration={"event_bridge_enabled": True} in its notification_configuration).',
)
"""EventBridge events of buckets under continuous backup: :mod:`.continuous_eventbridge`."""

KMS_KEY_ACCESS: Final = _stack_policy(
    "aws-backup-selection-missing-s3-kms-key-access",
    "kms_key_access",
    "A customer-managed KMS key that encrypts a backed-up S3 bucket must let the backup role use it: its "
    "key policy must delegate to IAM or allow the role.",
    "Keep the 'Enable IAM User Permissions' statement (principal arn:<partition>:iam::<account>:root, "
    "action kms:*) in the key policy, or omit the policy to get AWS's default one, or allow the backup role "
    "kms:Decrypt, kms:DescribeKey and kms:GenerateDataKey in it.",
    url=ENCRYPTION_GUIDE,
)
"""KMS key policies of SSE-KMS buckets: :mod:`.kms_key_access`."""

CONTINUOUS_ONE_PLAN: Final = _stack_policy(
    "aws-backup-selection-enforce-one-plan-one-vault-for-continuous-s3",
    "continuous_one_plan",
    "An S3 bucket may be under continuous backup in one backup plan only, and its continuous and periodic "
    "backups must go to the same vault.",
    "Keep enable_continuous_backup=True in one plan's rule for the bucket, and give that rule and every "
    "periodic rule that backs up the bucket the same target_vault_name.",
)
"""One plan and one vault for continuous backup of a bucket: :mod:`.continuous_one_plan`."""

S3_PREREQUISITES_ADVISORY: Final = _stack_policy(
    "aws-backup-selection-unverified-s3-prerequisites",
    "s3_prerequisites_advisory",
    "Notes the S3 backup prerequisites (versioning, EventBridge, KMS key access, one plan and vault) that "
    "stay unknown during preview.",
    "Check the named setting, or make it a literal value so the mandatory rules can verify it.",
    advisory=True,
)
"""The readiness rules' notes on what stays unknown during preview: :mod:`.s3_prerequisites_advisory`."""
