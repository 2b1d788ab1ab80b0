"""What the fake account already holds before any stack runs: the role the AWS Backup console creates.

``AWSBackupDefaultServiceRole`` (path ``/service-role/``) carries only the two general AWS Backup managed
policies, neither of which grants an ``s3:`` action (see /work/shared/FACTS.md).
"""

from __future__ import annotations

import json
from typing import Any

from .environment import Environment

DEFAULT_BACKUP_ROLE_NAME = "AWSBackupDefaultServiceRole"
DEFAULT_BACKUP_ROLE_PATH = "/service-role/"
DEFAULT_BACKUP_ROLE_POLICIES = (
    "policy/service-role/AWSBackupServiceRolePolicyForBackup",
    "policy/service-role/AWSBackupServiceRolePolicyForRestores",
)
_CREATED = "2023-03-14T09:26:53Z"
_LAST_USED = "2025-01-07T02:14:40Z"
_UNIQUE_ID = "AROAQXSTANDINBACKUP01"  # 21 characters like every role id; fixed so refreshes stay stable


def _trust_policy() -> str:
    # IAM returns the document URL-encoded; the provider decodes it and reports compact JSON.
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"Service": "backup.amazonaws.com"},
                    "Action": "sts:AssumeRole",
                }
            ],
        },
        separators=(",", ":"),
    )


def default_role_arn(env: Environment) -> str:
    """The ARN of the console's default AWS Backup role in this account and partition."""
    path_and_name = DEFAULT_BACKUP_ROLE_PATH + DEFAULT_BACKUP_ROLE_NAME
    return f"arn:{env.partition.name}:iam::{env.account_id}:role{path_and_name}"


def default_role_policy_arns(env: Environment) -> list[str]:
    """The managed policies attached to the default role, in this partition."""
    return [f"arn:{env.partition.name}:iam::aws:{policy}" for policy in DEFAULT_BACKUP_ROLE_POLICIES]


def get_role_result(env: Environment) -> dict[str, Any]:
    """The default role as ``aws.iam.get_role`` reports it (every attribute of the data source)."""
    return {
        "arn": default_role_arn(env),
        "assumeRolePolicy": _trust_policy(),
        "createDate": _CREATED,
        "description": "",
        "id": DEFAULT_BACKUP_ROLE_NAME,
        "maxSessionDuration": 3600,
        "name": DEFAULT_BACKUP_ROLE_NAME,
        "path": DEFAULT_BACKUP_ROLE_PATH,
        "permissionsBoundary": "",
        "roleLastUseds": [{"lastUsedDate": _LAST_USED, "region": env.region}],
        "tags": {},
        "uniqueId": _UNIQUE_ID,
    }


def role_state(env: Environment) -> dict[str, Any]:
    """The default role as an ``aws.iam.Role`` read (``Role.get`` or an import) reports it."""
    found = get_role_result(env)
    return {
        "arn": found["arn"],
        "assumeRolePolicy": found["assumeRolePolicy"],
        "createDate": found["createDate"],
        "description": found["description"],
        "forceDetachPolicies": False,
        "id": DEFAULT_BACKUP_ROLE_NAME,
        "inlinePolicies": [],
        "managedPolicyArns": default_role_policy_arns(env),
        "maxSessionDuration": 3600,
        "name": DEFAULT_BACKUP_ROLE_NAME,
        "namePrefix": "",
        "path": DEFAULT_BACKUP_ROLE_PATH,
        "permissionsBoundary": "",
        "tags": {},
        "tagsAll": {},
        "uniqueId": _UNIQUE_ID,
    }
