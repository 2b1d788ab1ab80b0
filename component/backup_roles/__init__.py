"""backup_roles: AWS Backup service roles that work for every resource type, S3 included.

The role the AWS Backup console creates, ``AWSBackupDefaultServiceRole``, carries only the general backup
and restores policies; S3 backups that use it fail with "AWS Backup does not have permission to describe
resource arn:aws:s3:::<bucket>". :class:`BackupServiceRole` creates a role with every policy its resource
types need (or completes an existing role, in adopt mode), and its ``arn`` output makes backup selections
wait until IAM has the policies attached.

The public surface:

- :class:`BackupServiceRole` and :class:`BackupServiceRoleArgs`: the Pulumi component and its arguments.
- :func:`policy_arns`: the pure decision, ``(resource types, restores, partition) -> policy ARNs``.
- :func:`trust_policy_json`: the role's trust policy document.
- :data:`COMPONENT_TYPE`, :data:`RESOURCE_TYPES`, :data:`PARTITIONS`: the names it accepts and registers.
"""

from ._version import __version__
from .args import BackupServiceRoleArgs
from .component import BackupServiceRole
from .constants import COMPONENT_TYPE, PARTITIONS, RESOURCE_TYPES
from .policies import policy_arns
from .trust import trust_policy_json

__all__ = [
    "COMPONENT_TYPE",
    "PARTITIONS",
    "RESOURCE_TYPES",
    "BackupServiceRole",
    "BackupServiceRoleArgs",
    "__version__",
    "policy_arns",
    "trust_policy_json",
]
