"""The arguments of :class:`~backup_roles.BackupServiceRole`, one docstring per field.

Pulumi infers the component's schema from this TypedDict: each field becomes a camelCase input
(``include_s3`` -> ``includeS3``) whose description is the docstring under it. Fields typed with a plain
Python type (``bool``, ``str``, ``list[...]``) are *plain* in the schema: the component needs their values
while the program runs, to decide which resources to create. Fields typed ``pulumi.Input[...]`` may also be
outputs of other resources.

The longer field docstrings are written as parenthesised string concatenations: one string to Python, and
free of the line breaks and indentation that a triple-quoted string would carry into every generated SDK
(Go, for one, renders indented doc lines as code blocks).
"""

from typing import TypedDict

import pulumi


class BackupServiceRoleArgs(TypedDict, total=False):
    """The arguments of a BackupServiceRole. All are optional: with none, the role can back up and restore
    every resource type AWS Backup supports, S3 included."""

    include_s3: bool
    (
        "Whether the role can back up (and, with includeRestores, restore) Amazon S3 buckets. Defaults to "
        "true. A shortcut for resourceTypes: false means every supported type except S3. When both are given "
        "they must agree."
    )

    resource_types: list[str]
    (
        "The AWS Backup resource types the role must protect, spelled as AWS Backup spells them: Aurora, "
        "CloudFormation, DocumentDB, DSQL, DynamoDB, EBS, EC2, EFS, EKS, FSx, Neptune, RDS, Redshift, "
        "Redshift Serverless, S3, SAP HANA on Amazon EC2, Storage Gateway, Timestream, VirtualMachine. "
        "Defaults to all of them. S3 adds the two S3 policies; any other type adds the general ones."
    )

    include_restores: bool
    """Whether the role can also restore what it backs up (the restores policies). Defaults to true."""

    extra_policy_arns: list[pulumi.Input[str]]
    (
        "More managed policy ARNs to attach, each with its own RolePolicyAttachment (for example a customer "
        "managed policy that lets AWS Backup use the KMS key of an SSE-KMS bucket)."
    )

    partition: str
    (
        "The AWS partition of the policy ARNs: aws, aws-cn or aws-us-gov. Defaults to the partition of the "
        "AWS provider in use (aws.getPartition)."
    )

    role_name: pulumi.Input[str]
    (
        "The name of the IAM role (1 to 64 characters from letters, digits and +=,.@_-). Defaults to a name "
        "generated from the component's name. Conflicts with roleNamePrefix."
    )

    role_name_prefix: pulumi.Input[str]
    """A prefix (1 to 38 characters) for a unique generated role name. Conflicts with roleName."""

    path: pulumi.Input[str]
    """The IAM path of the role, '/' or '/a/b/'. Defaults to '/'."""

    description: pulumi.Input[str]
    """The description of the role (at most 1000 characters)."""

    tags: pulumi.Input[dict[str, pulumi.Input[str]]]
    """Tags for the role."""

    permissions_boundary: pulumi.Input[str]
    """The ARN of a managed policy to set as the role's permissions boundary."""

    max_session_duration: pulumi.Input[int]
    """The maximum session duration of the role, in seconds: 3600 (the default) to 43200."""

    source_account_id: pulumi.Input[str]
    (
        "A 12-digit AWS account id. When set, the trust policy lets AWS Backup assume the role only on "
        "behalf of this account (a StringEquals aws:SourceAccount condition, against the confused deputy)."
    )

    existing_role_name: str
    (
        "Adopt mode: the name of an existing role (for example AWSBackupDefaultServiceRole) to complete "
        "instead of creating one. Only the missing policies are attached: for AWSBackupDefaultServiceRole, "
        "which the AWS Backup console creates with the general policies, that means the S3 policies; for any "
        "other role, every required policy (narrow resourceTypes to skip what it already has). Cannot be "
        "combined with the options that configure a new role: roleName, roleNamePrefix, path, description, "
        "tags, permissionsBoundary, maxSessionDuration, sourceAccountId."
    )
