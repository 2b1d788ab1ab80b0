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

# An inline policy of a role (its own permissions, which the pack cannot read).
ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy"

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

# Resources whose ARN is never an S3 bucket ARN: the resource types AWS Backup protects besides S3, in
# pulumi-aws 7 (checked against the pulumi_aws 7.51.1 SDK) and aws-native (the pulumi-aws-native SDK's
# modules), plus IAM roles and attachments (an aws-native selection's one dependency key also carries
# its role's). An unknown `resources` computed only from these cannot name a bucket.
NON_S3_ARN_TYPES = frozenset(
    {
        # DynamoDB
        "aws:dynamodb/table:Table",
        "aws:dynamodb/globalTable:GlobalTable",
        "aws-native:dynamodb:Table",
        "aws-native:dynamodb:GlobalTable",
        # EBS and EC2
        "aws:ebs/volume:Volume",
        "aws:ec2/instance:Instance",
        "aws:ec2/spotInstanceRequest:SpotInstanceRequest",
        "aws-native:ec2:Volume",
        "aws-native:ec2:Instance",
        # EFS
        "aws:efs/fileSystem:FileSystem",
        "aws-native:efs:FileSystem",
        # RDS and Aurora
        "aws:rds/instance:Instance",
        "aws:rds/cluster:Cluster",
        "aws:rds/clusterInstance:ClusterInstance",
        "aws:rds/globalCluster:GlobalCluster",
        "aws-native:rds:DbInstance",
        "aws-native:rds:DbCluster",
        "aws-native:rds:GlobalCluster",
        # DocumentDB
        "aws:docdb/cluster:Cluster",
        "aws:docdb/elasticCluster:ElasticCluster",
        "aws-native:docdbelastic:Cluster",
        # Neptune
        "aws:neptune/cluster:Cluster",
        "aws-native:neptune:DbCluster",
        # FSx
        "aws:fsx/lustreFileSystem:LustreFileSystem",
        "aws:fsx/windowsFileSystem:WindowsFileSystem",
        "aws:fsx/ontapFileSystem:OntapFileSystem",
        "aws:fsx/ontapVolume:OntapVolume",
        "aws:fsx/openZfsFileSystem:OpenZfsFileSystem",
        "aws:fsx/openZfsVolume:OpenZfsVolume",
        "aws-native:fsx:FileSystem",
        "aws-native:fsx:Volume",
        # Redshift and Redshift Serverless
        "aws:redshift/cluster:Cluster",
        "aws:redshiftserverless/namespace:Namespace",
        "aws-native:redshift:Cluster",
        "aws-native:redshiftserverless:Namespace",
        # Timestream
        "aws:timestreamwrite/table:Table",
        "aws-native:timestream:Table",
        # Storage Gateway volumes
        "aws:storagegateway/cachesIscsiVolume:CachesIscsiVolume",
        "aws:storagegateway/storedIscsiVolume:StoredIscsiVolume",
        # CloudFormation, EKS, Aurora DSQL
        "aws:cloudformation/stack:Stack",
        "aws-native:cloudformation:Stack",
        "aws:eks/cluster:Cluster",
        "aws-native:eks:Cluster",
        "aws:dsql/cluster:Cluster",
        "aws-native:dsql:Cluster",
        # IAM (the role ARN of an aws-native selection shares the `backupSelection` dependency key)
        "aws:iam/role:Role",
        "aws-native:iam:Role",
        "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
        "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
        "aws:iam/policyAttachment:PolicyAttachment",
    }
)

# The component package's type token (component/backup_roles/constants.py), to word its messages.
COMPONENT_TYPE = "backup-roles:index:BackupServiceRole"

# The two AWS managed policies an S3 backup role needs. They live at the ROOT path.
S3_BACKUP_POLICY = "AWSBackupServiceRolePolicyForS3Backup"
S3_RESTORE_POLICY = "AWSBackupServiceRolePolicyForS3Restore"
# The console default role carries only these two (under service-role/); neither grants an s3: action.
GENERAL_BACKUP_POLICY = "AWSBackupServiceRolePolicyForBackup"
GENERAL_RESTORE_POLICY = "AWSBackupServiceRolePolicyForRestores"

DEFAULT_ROLE_NAME = "AWSBackupDefaultServiceRole"

PARTITIONS = ("aws", "aws-cn", "aws-us-gov")

# A provider's region decides its partition (FACTS.md); the first matching prefix wins, else "aws".
REGION_PARTITIONS = (
    ("us-isob-", "aws-iso-b"),
    ("us-iso-", "aws-iso"),
    ("us-gov-", "aws-us-gov"),
    ("cn-", "aws-cn"),
)

# Shared metadata of the pack's policies.
S3_BACKUP_GUIDE = "https://docs.aws.amazon.com/aws-backup/latest/devguide/s3-backups.html"
POLICY_TAGS = ("aws", "backup", "s3", "iam", "reliability")


def managed_policy_arn(partition: str, policy: str) -> str:
    """The ARN of an S3 backup managed policy (root path) in ``partition``."""
    return f"arn:{partition}:iam::aws:policy/{policy}"


def general_policy_arn(partition: str, policy: str) -> str:
    """The ARN of a general AWS Backup managed policy (``service-role/`` path) in ``partition``."""
    return f"arn:{partition}:iam::aws:policy/service-role/{policy}"
