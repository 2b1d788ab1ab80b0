"""Every name this package depends on, written once.

The type token, the AWS Backup service principal, the resource type names AWS Backup accepts, the AWS
partitions, and the four AWS managed policies a backup service role is built from. The policy pack keeps
its own copy of the ARNs (the two packages are published separately); a contract test proves they agree.
"""

from dataclasses import dataclass

PACKAGE_NAME = "backup-roles"
"""The Pulumi package name: the first part of every type token of this package."""

COMPONENT_TYPE = f"{PACKAGE_NAME}:index:BackupServiceRole"
"""The type token of :class:`~backup_roles.BackupServiceRole`."""

BACKUP_SERVICE_PRINCIPAL = "backup.amazonaws.com"
"""The service principal AWS Backup uses to assume its service role."""

CONSOLE_DEFAULT_ROLE_NAME = "AWSBackupDefaultServiceRole"
"""The role the AWS Backup console creates (path ``/service-role/``). It carries only the general backup and
restores policies, so S3 backups that use it fail with "AWS Backup does not have permission to describe
resource arn:aws:s3:::<bucket>"."""

PARTITIONS: tuple[str, ...] = ("aws", "aws-cn", "aws-us-gov")
"""The AWS partitions whose managed-policy ARNs this package writes."""

S3 = "S3"
"""The AWS Backup resource type name of Amazon S3: the one type the general policies do not cover."""

RESOURCE_TYPES: tuple[str, ...] = (
    "Aurora",
    "CloudFormation",
    "DocumentDB",
    "DSQL",
    "DynamoDB",
    "EBS",
    "EC2",
    "EFS",
    "EKS",
    "FSx",
    "Neptune",
    "RDS",
    "Redshift",
    "Redshift Serverless",
    S3,
    "SAP HANA on Amazon EC2",
    "Storage Gateway",
    "Timestream",
    "VirtualMachine",
)
"""The resource type names AWS Backup accepts (``GetSupportedResourceTypes`` and the keys of
``aws.backup.RegionSettings.resource_type_opt_in_preference``), spelled exactly as AWS spells them."""


@dataclass(frozen=True)
class ManagedPolicy:
    """An AWS managed policy, named independently of the partition."""

    key: str
    """Short stable name; the attachment child is named ``f"{component name}-{key}"``."""
    path_and_name: str
    """Everything after ``policy/`` in the ARN, e.g. ``service-role/AWSBackupServiceRolePolicyForBackup``."""

    def arn(self, partition: str) -> str:
        """The policy ARN in ``partition`` (``aws``, ``aws-cn`` or ``aws-us-gov``)."""
        return f"arn:{partition}:iam::aws:policy/{self.path_and_name}"


BACKUP = ManagedPolicy("backup", "service-role/AWSBackupServiceRolePolicyForBackup")
"""Lets AWS Backup back up every supported resource type except S3."""

RESTORES = ManagedPolicy("restores", "service-role/AWSBackupServiceRolePolicyForRestores")
"""Lets AWS Backup restore every supported resource type except S3."""

S3_BACKUP = ManagedPolicy("s3-backup", "AWSBackupServiceRolePolicyForS3Backup")
"""Lets AWS Backup back up S3 buckets. At the root path: ``policy/service-role/...ForS3Backup`` does not
exist."""

S3_RESTORE = ManagedPolicy("s3-restore", "AWSBackupServiceRolePolicyForS3Restore")
"""Lets AWS Backup restore S3 buckets. At the root path, like :data:`S3_BACKUP`."""

MANAGED_POLICIES: tuple[ManagedPolicy, ...] = (BACKUP, RESTORES, S3_BACKUP, S3_RESTORE)
"""The four policies, in the order the component attaches them."""

CONSOLE_DEFAULT_ROLE_POLICIES: frozenset[ManagedPolicy] = frozenset({BACKUP, RESTORES})
"""What the console attaches to :data:`CONSOLE_DEFAULT_ROLE_NAME`; adopt mode leaves these alone."""

MIN_SESSION_DURATION = 3600
"""The smallest ``max_session_duration`` IAM accepts, in seconds (one hour)."""

MAX_SESSION_DURATION = 43200
"""The largest ``max_session_duration`` IAM accepts, in seconds (twelve hours)."""
