"""The one table of resource types the stand-in serves, and how each one's outputs are made.

Each :class:`ResourceSpec` copies from pulumi-aws 7.x (``provider/resources.go``, ``provider/tags.go``) and
the Terraform schema it bridges only what shapes a preview or a policy decision: the autonamed property, the
required arguments, the ForceNew arguments, the schema defaults, which outputs the provider computes, and
how AWS spells the resulting ids and ARNs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .environment import Environment
from .naming import (
    AutoName,
    backup_plan_version,
    iam_unique_id,
    new_uuid,
    prefixed_unique_id,
    timestamp,
)

Build = Callable[[Mapping[str, Any], Environment], dict[str, Any]]
"""Makes the computed outputs of a created resource from its inputs (defaults applied) and its account."""


@dataclass(frozen=True)
class ResourceSpec:
    """One resource type as the real provider shapes it."""

    token: str
    """The Pulumi type token, e.g. ``aws:iam/role:Role``."""
    tf_name: str
    """The Terraform resource it bridges (for messages)."""
    build: Build
    """Computed outputs on ``up``; must return a value for every name in :attr:`computed`."""
    computed: tuple[str, ...]
    """Outputs the provider makes (``id`` always). In preview each is unknown unless the program set it."""
    required: tuple[str, ...] = ()
    """Arguments Terraform requires (autonamed ones excluded: the bridge makes them optional)."""
    autoname: AutoName | None = None
    force_new: frozenset[str] = frozenset()
    """Arguments whose change replaces the resource."""
    defaults: Mapping[str, Any] = field(default_factory=dict)
    """Terraform schema defaults: in the outputs (known, also in preview) when the program leaves them out."""
    framework: bool = False
    """A Plugin Framework resource: no ``__defaults`` in its inputs and no tag merging in Check."""
    tagged: bool = False
    """Has ``tags`` and ``tagsAll``."""
    regional: bool = True
    """Has pulumi-aws 7's per-resource ``region`` (ForceNew, defaulting to the provider's region)."""
    delete_before_replace: bool = False
    changes_on_update: tuple[str, ...] = ()
    """Computed outputs AWS gives a new value on every in-place update."""

    @property
    def replace_on_change(self) -> frozenset[str]:
        return (self.force_new | {"region"}) if self.regional else self.force_new


def _named(props: Mapping[str, Any], prop: str, prefix_prop: str | None) -> str:
    """The resource's name: given or autonamed, else made by Terraform from the prefix at create time."""
    name = props.get(prop)
    if isinstance(name, str) and name:
        return name
    prefix = props.get(prefix_prop) if prefix_prop else None
    return prefixed_unique_id(prefix if isinstance(prefix, str) and prefix else "terraform-")


def _part(env: Environment) -> str:
    return env.partition.name


# --- IAM (global: no region) ---------------------------------------------------------------------------


def _role(props: Mapping[str, Any], env: Environment) -> dict[str, Any]:
    name = _named(props, "name", "namePrefix")
    path = props.get("path") or "/"
    return {
        "arn": f"arn:{_part(env)}:iam::{env.account_id}:role{path}{name}",
        "createDate": timestamp(),
        "id": name,
        "inlinePolicies": [],
        "managedPolicyArns": [],
        "name": name,
        "namePrefix": props.get("namePrefix") or "",
        "uniqueId": iam_unique_id("AROA"),
    }


def _role_policy_attachment(props: Mapping[str, Any], env: Environment) -> dict[str, Any]:
    return {"id": prefixed_unique_id(f"{props.get('role')}-")}


def _role_policy_attachments_exclusive(props: Mapping[str, Any], env: Environment) -> dict[str, Any]:
    return {"id": str(props.get("roleName"))}


def _policy_attachment(props: Mapping[str, Any], env: Environment) -> dict[str, Any]:
    return {"id": str(props.get("name"))}


def _policy(props: Mapping[str, Any], env: Environment) -> dict[str, Any]:
    name = _named(props, "name", "namePrefix")
    path = props.get("path") or "/"
    arn = f"arn:{_part(env)}:iam::{env.account_id}:policy{path}{name}"
    return {
        "arn": arn,
        "attachmentCount": 0,
        "id": arn,
        "name": name,
        "namePrefix": props.get("namePrefix") or "",
        "policyId": iam_unique_id("ANPA"),
    }


# --- AWS Backup -----------------------------------------------------------------------------------------


def _backup_arn(env: Environment, kind: str, ident: str) -> str:
    return f"arn:{_part(env)}:backup:{env.region}:{env.account_id}:{kind}:{ident}"


def _vault(props: Mapping[str, Any], env: Environment) -> dict[str, Any]:
    name = str(props.get("name"))
    # Without kmsKeyArn AWS encrypts the vault with the account's AWS managed key aws/backup.
    default_key = f"arn:{_part(env)}:kms:{env.region}:{env.account_id}:key/{new_uuid()}"
    return {
        "arn": _backup_arn(env, "backup-vault", name),
        "id": name,
        "kmsKeyArn": default_key,
        "recoveryPoints": 0,
    }


def _plan(props: Mapping[str, Any], env: Environment) -> dict[str, Any]:
    plan_id = new_uuid()
    return {"arn": _backup_arn(env, "backup-plan", plan_id), "id": plan_id, "version": backup_plan_version()}


def _selection(props: Mapping[str, Any], env: Environment) -> dict[str, Any]:
    return {"id": new_uuid()}


def _restore_testing_plan(props: Mapping[str, Any], env: Environment) -> dict[str, Any]:
    name = str(props.get("name"))
    return {
        "arn": _backup_arn(env, "restore-testing-plan", f"{name}-{new_uuid()}"),
        "id": name,
        "scheduleExpressionTimezone": "Etc/UTC",
        "startWindowHours": 24,
    }


def _restore_testing_selection(props: Mapping[str, Any], env: Environment) -> dict[str, Any]:
    return {"id": f"{props.get('name')}:{props.get('restoreTestingPlanName')}"}


def _region_settings(props: Mapping[str, Any], env: Environment) -> dict[str, Any]:
    return {"id": env.region, "resourceTypeManagementPreference": {"DynamoDB": True, "EFS": True}}


# --- S3 -------------------------------------------------------------------------------------------------

_S3_WEBSITE_ZONES = {
    "us-east-1": "Z3AQBSTGFYJSTF",
    "us-west-2": "Z3BJ6K6RIION7M",
    "eu-west-1": "Z1BKCTXD74EZPE",
    "eu-central-1": "Z21DNDUVLTQW6Q",
}


def _bucket_common(props: Mapping[str, Any], env: Environment) -> dict[str, Any]:
    bucket = _named(props, "bucket", "bucketPrefix")
    suffix = env.partition.dns_suffix
    return {
        "accelerationStatus": "",
        "arn": f"arn:{_part(env)}:s3:::{bucket}",
        "bucket": bucket,
        "bucketDomainName": f"{bucket}.s3.{suffix}",
        "bucketNamespace": "global",
        "bucketPrefix": props.get("bucketPrefix") or "",
        "bucketRegion": env.region,
        "bucketRegionalDomainName": f"{bucket}.s3.{env.region}.{suffix}",
        "hostedZoneId": _S3_WEBSITE_ZONES.get(env.region, ""),
        "id": bucket,
        "objectLockEnabled": False,
        "requestPayer": "BucketOwner",
    }


_SSE_S3 = {"sseAlgorithm": "AES256", "kmsMasterKeyId": ""}


def _bucket(props: Mapping[str, Any], env: Environment) -> dict[str, Any]:
    return {
        **_bucket_common(props, env),
        "serverSideEncryptionConfiguration": {
            "rule": {"applyServerSideEncryptionByDefault": dict(_SSE_S3), "bucketKeyEnabled": False}
        },
        "versioning": {"enabled": False, "mfaDelete": False},
    }


def _bucket_v2(props: Mapping[str, Any], env: Environment) -> dict[str, Any]:
    return {
        **_bucket_common(props, env),
        "serverSideEncryptionConfigurations": [
            {"rules": [{"applyServerSideEncryptionByDefaults": [dict(_SSE_S3)], "bucketKeyEnabled": False}]}
        ],
        "versionings": [{"enabled": False, "mfaDelete": False}],
    }


def _bucket_versioning(props: Mapping[str, Any], env: Environment) -> dict[str, Any]:
    owner = props.get("expectedBucketOwner")
    return {"id": f"{props.get('bucket')},{owner}" if owner else str(props.get("bucket"))}


# --- KMS ------------------------------------------------------------------------------------------------


def _key(props: Mapping[str, Any], env: Environment) -> dict[str, Any]:
    key_id = new_uuid()
    root = f"arn:{_part(env)}:iam::{env.account_id}:root"
    policy = (
        '{"Version":"2012-10-17","Id":"key-default-1","Statement":[{"Sid":"Enable IAM User Permissions",'
        f'"Effect":"Allow","Principal":{{"AWS":"{root}"}},"Action":"kms:*","Resource":"*"}}]}}'
    )
    return {
        "arn": f"arn:{_part(env)}:kms:{env.region}:{env.account_id}:key/{key_id}",
        "id": key_id,
        "keyId": key_id,
        "multiRegion": False,
        "policy": policy,
        "rotationPeriodInDays": 365 if props.get("enableKeyRotation") else 0,
    }


_BUCKET_COMPUTED = (
    "accelerationStatus",
    "arn",
    "bucket",
    "bucketDomainName",
    "bucketNamespace",
    "bucketPrefix",
    "bucketRegion",
    "bucketRegionalDomainName",
    "hostedZoneId",
    "id",
    "objectLockEnabled",
    "requestPayer",
)
_BUCKET_FORCE_NEW = frozenset({"bucket", "bucketPrefix", "bucketNamespace", "objectLockEnabled"})
_BUCKET_AUTONAME = AutoName("bucket", maxlen=63, lower=True, prefix_prop="bucketPrefix")

RESOURCES: Mapping[str, ResourceSpec] = {
    spec.token: spec
    for spec in (
        ResourceSpec(
            token="aws:iam/role:Role",
            tf_name="aws_iam_role",
            build=_role,
            computed=(
                "arn",
                "createDate",
                "id",
                "inlinePolicies",
                "managedPolicyArns",
                "name",
                "namePrefix",
                "uniqueId",
            ),
            required=("assumeRolePolicy",),
            autoname=AutoName("name", maxlen=64, prefix_prop="namePrefix"),
            force_new=frozenset({"name", "namePrefix", "path"}),
            defaults={"forceDetachPolicies": False, "maxSessionDuration": 3600, "path": "/"},
            tagged=True,
            regional=False,
        ),
        ResourceSpec(
            token="aws:iam/rolePolicyAttachment:RolePolicyAttachment",
            tf_name="aws_iam_role_policy_attachment",
            build=_role_policy_attachment,
            computed=("id",),
            required=("policyArn", "role"),
            force_new=frozenset({"policyArn", "role"}),
            regional=False,
            delete_before_replace=True,
        ),
        ResourceSpec(
            token="aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
            tf_name="aws_iam_role_policy_attachments_exclusive",
            build=_role_policy_attachments_exclusive,
            computed=("id",),
            required=("policyArns", "roleName"),
            force_new=frozenset({"roleName"}),
            framework=True,
            regional=False,
        ),
        ResourceSpec(
            token="aws:iam/policyAttachment:PolicyAttachment",
            tf_name="aws_iam_policy_attachment",
            build=_policy_attachment,
            computed=("id",),
            required=("policyArn",),
            autoname=AutoName("name"),
            force_new=frozenset({"name", "policyArn"}),
            regional=False,
            delete_before_replace=True,
        ),
        ResourceSpec(
            token="aws:iam/policy:Policy",
            tf_name="aws_iam_policy",
            build=_policy,
            computed=("arn", "attachmentCount", "id", "name", "namePrefix", "policyId"),
            required=("policy",),
            autoname=AutoName("name", prefix_prop="namePrefix"),
            force_new=frozenset({"description", "name", "namePrefix", "path"}),
            defaults={"path": "/"},
            tagged=True,
            regional=False,
        ),
        ResourceSpec(
            token="aws:backup/vault:Vault",
            tf_name="aws_backup_vault",
            build=_vault,
            computed=("arn", "id", "kmsKeyArn", "recoveryPoints"),
            autoname=AutoName("name"),
            force_new=frozenset({"kmsKeyArn", "name"}),
            defaults={"forceDestroy": False},
            tagged=True,
        ),
        ResourceSpec(
            token="aws:backup/plan:Plan",
            tf_name="aws_backup_plan",
            build=_plan,
            computed=("arn", "id", "version"),
            required=("rules",),
            autoname=AutoName("name"),
            force_new=frozenset({"name"}),
            tagged=True,
            changes_on_update=("version",),
        ),
        ResourceSpec(
            token="aws:backup/selection:Selection",
            tf_name="aws_backup_selection",
            build=_selection,
            computed=("id",),
            required=("iamRoleArn", "planId"),
            autoname=AutoName("name"),
            # aws_backup_selection has no update: every argument forces a new selection.
            force_new=frozenset(
                {"conditions", "iamRoleArn", "name", "notResources", "planId", "resources", "selectionTags"}
            ),
        ),
        ResourceSpec(
            token="aws:backup/restoreTestingPlan:RestoreTestingPlan",
            tf_name="aws_backup_restore_testing_plan",
            build=_restore_testing_plan,
            computed=("arn", "id", "scheduleExpressionTimezone", "startWindowHours"),
            required=("recoveryPointSelection", "scheduleExpression"),
            # Restore testing plan names allow only letters, digits and underscores.
            autoname=AutoName("name", separator="_"),
            force_new=frozenset({"name"}),
            framework=True,
            tagged=True,
        ),
        ResourceSpec(
            token="aws:backup/restoreTestingSelection:RestoreTestingSelection",
            tf_name="aws_backup_restore_testing_selection",
            build=_restore_testing_selection,
            computed=("id",),
            required=("iamRoleArn", "protectedResourceType", "restoreTestingPlanName"),
            autoname=AutoName("name"),
            force_new=frozenset({"name", "protectedResourceType", "restoreTestingPlanName"}),
            framework=True,
        ),
        ResourceSpec(
            token="aws:backup/regionSettings:RegionSettings",
            tf_name="aws_backup_region_settings",
            build=_region_settings,
            computed=("id", "resourceTypeManagementPreference"),
            required=("resourceTypeOptInPreference",),
        ),
        ResourceSpec(
            token="aws:s3/bucket:Bucket",
            tf_name="aws_s3_bucket",
            build=_bucket,
            computed=(*_BUCKET_COMPUTED, "serverSideEncryptionConfiguration", "versioning"),
            autoname=_BUCKET_AUTONAME,
            force_new=_BUCKET_FORCE_NEW,
            defaults={"forceDestroy": False},
            tagged=True,
        ),
        ResourceSpec(
            token="aws:s3/bucketV2:BucketV2",
            tf_name="aws_s3_bucket (legacy BucketV2 schema)",
            build=_bucket_v2,
            computed=(*_BUCKET_COMPUTED, "serverSideEncryptionConfigurations", "versionings"),
            autoname=_BUCKET_AUTONAME,
            force_new=_BUCKET_FORCE_NEW,
            defaults={"forceDestroy": False},
            tagged=True,
        ),
        *(
            ResourceSpec(
                token=token,
                tf_name="aws_s3_bucket_versioning",
                build=_bucket_versioning,
                computed=("id",),
                required=("bucket", "versioningConfiguration"),
                force_new=frozenset({"bucket", "expectedBucketOwner"}),
            )
            for token in (
                "aws:s3/bucketVersioning:BucketVersioning",
                "aws:s3/bucketVersioningV2:BucketVersioningV2",
            )
        ),
        ResourceSpec(
            token="aws:kms/key:Key",
            tf_name="aws_kms_key",
            build=_key,
            computed=("arn", "id", "keyId", "multiRegion", "policy", "rotationPeriodInDays"),
            force_new=frozenset(
                {"customKeyStoreId", "customerMasterKeySpec", "keyUsage", "multiRegion", "xksKeyId"}
            ),
            defaults={
                "bypassPolicyLockoutSafetyCheck": False,
                "customerMasterKeySpec": "SYMMETRIC_DEFAULT",
                "enableKeyRotation": False,
                "isEnabled": True,
                "keyUsage": "ENCRYPT_DECRYPT",
            },
            tagged=True,
        ),
    )
}
"""Every resource type the stand-in serves, by type token."""
