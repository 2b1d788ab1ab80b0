"""Type tokens and managed-policy ARNs, named once for the pack.

The component (``component/backup_roles``) is published separately and keeps its own copy;
``tests/test_contract.py`` proves the two agree.
"""

from __future__ import annotations

# Resources that assign resources to AWS Backup and name the role that does the work.
SELECTION = "aws:backup/selection:Selection"
NATIVE_SELECTION = "aws-native:backup:BackupSelection"
RESTORE_TESTING_SELECTION = "aws:backup/restoreTestingSelection:RestoreTestingSelection"
REGION_SETTINGS = "aws:backup/regionSettings:RegionSettings"

# IAM roles, and every way a managed policy gets attached to one.
ROLE = "aws:iam/role:Role"
NATIVE_ROLE = "aws-native:iam:Role"
ROLE_POLICY_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment"
ROLE_POLICY_ATTACHMENTS_EXCLUSIVE = "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive"
POLICY_ATTACHMENT = "aws:iam/policyAttachment:PolicyAttachment"

ROLE_TYPES = frozenset({ROLE, NATIVE_ROLE})
ATTACHMENT_TYPES = frozenset({ROLE_POLICY_ATTACHMENT, ROLE_POLICY_ATTACHMENTS_EXCLUSIVE, POLICY_ATTACHMENT})
SELECTION_TYPES = frozenset({SELECTION, NATIVE_SELECTION, RESTORE_TESTING_SELECTION})

# S3 buckets whose ARN may flow into a selection's `resources`.
BUCKET_TYPES = frozenset(
    {
        "aws:s3/bucket:Bucket",
        "aws:s3/bucketV2:BucketV2",
        "aws-native:s3:Bucket",
    }
)

# The two AWS managed policies an S3 backup role needs. They live at the ROOT path.
S3_BACKUP_POLICY = "AWSBackupServiceRolePolicyForS3Backup"
S3_RESTORE_POLICY = "AWSBackupServiceRolePolicyForS3Restore"
# The console default role carries only these two (under service-role/); neither grants an s3: action.
GENERAL_BACKUP_POLICY = "AWSBackupServiceRolePolicyForBackup"
GENERAL_RESTORE_POLICY = "AWSBackupServiceRolePolicyForRestores"

DEFAULT_ROLE_NAME = "AWSBackupDefaultServiceRole"

PARTITIONS = ("aws", "aws-cn", "aws-us-gov")

# Shared metadata of the pack's policies.
S3_BACKUP_GUIDE = "https://docs.aws.amazon.com/aws-backup/latest/devguide/s3-backups.html"
POLICY_TAGS = ("aws", "backup", "s3", "iam", "reliability")


def managed_policy_arn(partition: str, policy: str) -> str:
    """The ARN of an S3 backup managed policy (root path) in ``partition``."""
    return f"arn:{partition}:iam::aws:policy/{policy}"


def general_policy_arn(partition: str, policy: str) -> str:
    """The ARN of a general AWS Backup managed policy (``service-role/`` path) in ``partition``."""
    return f"arn:{partition}:iam::aws:policy/service-role/{policy}"


# --- S3 backup readiness (versioning, EventBridge, KMS, plans): the resources those policies join ---
BUCKET = "aws:s3/bucket:Bucket"
BUCKET_V2 = "aws:s3/bucketV2:BucketV2"
NATIVE_BUCKET = "aws-native:s3:Bucket"
BUCKET_VERSIONING_TYPES = frozenset(
    {"aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2"}
)
BUCKET_NOTIFICATION = "aws:s3/bucketNotification:BucketNotification"
BUCKET_ENCRYPTION_TYPES = frozenset(
    {
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    }
)
KMS_KEY = "aws:kms/key:Key"
NATIVE_KMS_KEY = "aws-native:kms:Key"
KMS_KEY_POLICY = "aws:kms/keyPolicy:KeyPolicy"
KMS_ALIAS = "aws:kms/alias:Alias"
PLAN = "aws:backup/plan:Plan"
NATIVE_PLAN = "aws-native:backup:BackupPlan"
VAULT_TYPES = frozenset(
    {
        "aws:backup/vault:Vault",
        "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault",
        "aws-native:backup:BackupVault",
    }
)
