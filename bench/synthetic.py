"""Synthetic stacks shaped like real programs, in the stack-description format of tests/support/stacks.py.

A stack is a root ``pulumi:pulumi:Stack``, a few regional AWS providers (each with its
``aws.backup.RegionSettings``), then repeating *units* until the requested size is reached:

- backup units, one selection each, cycling through every way a program wires a selection to its role:
  a hand-written role with ``RolePolicyAttachment``s, the ``BackupServiceRole`` component (dependency on
  the component, or on its children), ``managedPolicyArns``, ``RolePolicyAttachmentsExclusive``,
  ``PolicyAttachment``, a role outside the stack completed by attachments that name it, the aws-native
  ``BackupSelection``, S3 ``RestoreTestingSelection``, selections by bucket ARN, bucket output, ``"*"``,
  tags, conditions, ``notResources``, and non-S3 selections; with plans, vaults, KMS keys and buckets
  (versioning, encryption, public access block);
- one bad selection in every ten (the first of each cycle of ten), rotating through the ways a role
  lacks the S3 policies (the console default role, the ``service-role/`` typo, unknown policy ARNs, an
  untraceable role, a role outside the stack);
- unrelated units between them: networks, instances, functions in an application component with their
  own role and attachment, tables, queues, secrets.

Values are what ``pulumi preview`` sends: computed outputs are unknown (``"<unknown>"``, ...), secrets are
``{"<secret>": ...}``; every resource has its provider, parent, dependencies and property dependencies.
:func:`synthetic_stack` returns the entries and the ids of the selections the pack must block.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

STACK = "bench"
PROJECT = "bench"
ACCOUNT = "123456789012"
PARTITION = "aws"

ROLE = "aws:iam/role:Role"
ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment"
EXCLUSIVE = "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive"
POLICY_ATTACHMENT = "aws:iam/policyAttachment:PolicyAttachment"
SELECTION = "aws:backup/selection:Selection"
NATIVE_SELECTION = "aws-native:backup:BackupSelection"
RESTORE_TESTING_SELECTION = "aws:backup/restoreTestingSelection:RestoreTestingSelection"
COMPONENT = "backup-roles:index:BackupServiceRole"
APP_COMPONENT = "acme:app:Service"
SELECTION_TYPES = frozenset({SELECTION, NATIVE_SELECTION, RESTORE_TESTING_SELECTION})

U = "<unknown>"
TRUST = (
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"backup.amazonaws.com"},'
    '"Action":"sts:AssumeRole"}]}'
)
LAMBDA_TRUST = TRUST.replace("backup.amazonaws.com", "lambda.amazonaws.com")


def _policy(name: str) -> str:
    return f"arn:{PARTITION}:iam::aws:policy/{name}"


BACKUP = _policy("service-role/AWSBackupServiceRolePolicyForBackup")
RESTORES = _policy("service-role/AWSBackupServiceRolePolicyForRestores")
S3_BACKUP = _policy("AWSBackupServiceRolePolicyForS3Backup")
S3_RESTORE = _policy("AWSBackupServiceRolePolicyForS3Restore")
S3_BACKUP_TYPO = _policy("service-role/AWSBackupServiceRolePolicyForS3Backup")
S3_RESTORE_TYPO = _policy("service-role/AWSBackupServiceRolePolicyForS3Restore")
ALL_FOUR = (("backup", BACKUP), ("restores", RESTORES), ("s3-backup", S3_BACKUP), ("s3-restore", S3_RESTORE))
REGIONS = ("us-east-1", "eu-west-1", "ap-southeast-2")


@dataclass
class Builder:
    """Accumulates entries; every resource gets a URN as the engine spells it (no Stack$ in the chain)."""

    entries: list[dict[str, Any]] = field(default_factory=list)
    bad: list[str] = field(default_factory=list)
    selections: int = 0
    types: dict[str, str] = field(default_factory=dict)
    chains: dict[str, str] = field(default_factory=dict)
    provider: str = "provider-0"

    def add(
        self,
        type_: str,
        name: str,
        properties: dict[str, Any],
        *,
        parent: str | None = None,
        deps: dict[str, list[str]] | None = None,
        extra_deps: tuple[str, ...] = (),
        provider: bool = True,
    ) -> str:
        chain = type_ if parent in (None, "stack") else f"{self.chains[parent]}${type_}"
        self.chains[name] = chain
        self.types[name] = type_
        property_deps = {key: value for key, value in (deps or {}).items() if value}
        dependencies = list(dict.fromkeys([*(d for ds in property_deps.values() for d in ds), *extra_deps]))
        entry: dict[str, Any] = {
            "type": type_,
            "name": name,
            "urn": f"urn:pulumi:{STACK}::{PROJECT}::{chain}::{name}",
            "parent": parent or "stack",
            "properties": properties,
        }
        if property_deps:
            entry["propertyDependencies"] = property_deps
        if dependencies:
            entry["dependencies"] = dependencies
        if provider and not type_.startswith("pulumi:") and type_ not in (COMPONENT, APP_COMPONENT):
            entry["provider"] = self.provider
        self.entries.append(entry)
        return name

    def selection(
        self, type_: str, name: str, properties: dict[str, Any], *, bad: bool, **kwargs: Any
    ) -> str:
        self.selections += 1
        if bad:
            self.bad.append(name)
        return self.add(type_, name, properties, **kwargs)


def _tags(i: int, **extra: Any) -> dict[str, Any]:
    tags = {"team": f"team-{i % 17}", "env": "prod", "cost-center": f"cc-{i % 5:03d}", **extra}
    return tags


# --- building blocks ---------------------------------------------------------------------------------


def _role(b: Builder, name: str, i: int, *, known_name: bool, managed: list[str] | None = None) -> str:
    return b.add(
        ROLE,
        name,
        {
            "name": f"{name}-{i:07x}" if known_name else U,
            "namePrefix": U,
            "arn": U,
            "id": U,
            "uniqueId": U,
            "createDate": U,
            "assumeRolePolicy": TRUST,
            "path": "/",
            "description": "AWS Backup service role",
            "maxSessionDuration": 3600,
            "forceDetachPolicies": False,
            "managedPolicyArns": managed if managed is not None else "<unknown:array>",
            "inlinePolicies": "<unknown:array>",
            "tags": _tags(i),
            "tagsAll": _tags(i),
        },
    )


def _role_name(b: Builder, role: str) -> Any:
    entry = next(e for e in reversed(b.entries) if e["name"] == role)
    return entry["properties"]["name"]


def _attachments(
    b: Builder, prefix: str, role: str, policies: tuple[tuple[str, Any], ...], *, parent: str | None = None
) -> list[str]:
    name = _role_name(b, role)
    return [
        b.add(
            ATTACHMENT,
            f"{prefix}-{key}",
            {"role": name, "policyArn": arn, "id": U},
            parent=parent,
            deps={"role": [role]},
        )
        for key, arn in policies
    ]


def _component(b: Builder, name: str, i: int, policies: tuple[tuple[str, Any], ...] = ALL_FOUR) -> list[str]:
    b.add(
        COMPONENT,
        name,
        {"arn": U, "name": f"{name}-role-{i:07x}", "policyArns": [arn for _, arn in policies]},
    )
    role = b.add(
        ROLE,
        f"{name}-role",
        {
            "name": f"{name}-role-{i:07x}",
            "arn": U,
            "id": U,
            "uniqueId": U,
            "assumeRolePolicy": TRUST,
            "path": "/",
            "managedPolicyArns": "<unknown:array>",
            "tags": _tags(i),
            "tagsAll": _tags(i),
        },
        parent=name,
    )
    return [role, *_attachments(b, name, role, policies, parent=name)]


def _plan(b: Builder, name: str, i: int) -> str:
    key = b.add(
        "aws:kms/key:Key",
        f"{name}-key",
        {
            "description": f"backup vault key {i}",
            "enableKeyRotation": True,
            "deletionWindowInDays": 30,
            "arn": U,
            "keyId": U,
            "id": U,
            "policy": U,
            "tags": _tags(i),
        },
    )
    vault = b.add(
        "aws:backup/vault:Vault",
        f"{name}-vault",
        {"name": f"{name}-vault", "kmsKeyArn": U, "arn": U, "id": U, "recoveryPoints": "<unknown:number>"},
        deps={"kmsKeyArn": [key]},
    )
    return b.add(
        "aws:backup/plan:Plan",
        name,
        {
            "name": name,
            "arn": U,
            "id": U,
            "version": U,
            "rules": [
                {
                    "ruleName": "daily",
                    "targetVaultName": U,
                    "schedule": "cron(0 5 ? * * *)",
                    "startWindow": 60,
                    "completionWindow": 180,
                    "lifecycle": {"deleteAfter": 35, "coldStorageAfter": None},
                    "recoveryPointTags": _tags(i),
                }
            ],
            "tags": _tags(i),
        },
        deps={"rules": [vault]},
    )


def _bucket(b: Builder, name: str, i: int) -> str:
    bucket = b.add(
        "aws:s3/bucketV2:BucketV2",
        name,
        {
            "bucket": U,
            "bucketPrefix": f"{name}-",
            "forceDestroy": False,
            "arn": U,
            "id": U,
            "bucketDomainName": U,
            "bucketRegionalDomainName": U,
            "hostedZoneId": U,
            "region": U,
            "objectLockEnabled": "<unknown:bool>",
            "tags": _tags(i, data="customer"),
            "tagsAll": _tags(i, data="customer"),
        },
    )
    b.add(
        "aws:s3/bucketVersioningV2:BucketVersioningV2",
        f"{name}-versioning",
        {"bucket": U, "id": U, "versioningConfiguration": {"status": "Enabled", "mfaDelete": U}},
        deps={"bucket": [bucket]},
    )
    b.add(
        "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
        f"{name}-sse",
        {
            "bucket": U,
            "id": U,
            "rules": [
                {
                    "applyServerSideEncryptionByDefault": {"sseAlgorithm": "aws:kms", "kmsMasterKeyId": U},
                    "bucketKeyEnabled": True,
                }
            ],
        },
        deps={"bucket": [bucket]},
    )
    b.add(
        "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
        f"{name}-pab",
        {
            "bucket": U,
            "id": U,
            "blockPublicAcls": True,
            "blockPublicPolicy": True,
            "ignorePublicAcls": True,
            "restrictPublicBuckets": True,
        },
        deps={"bucket": [bucket]},
    )
    return bucket


def _s3_arn(i: int, suffix: str = "") -> str:
    return f"arn:{PARTITION}:s3:::acme-data-{i}{suffix}"


def _selection_props(name: str, role_arn: Any, **fields: Any) -> dict[str, Any]:
    return {
        "name": name,
        "planId": U,
        "iamRoleArn": role_arn,
        "id": U,
        "notResources": "<unknown:array>",
        "selectionTags": "<unknown:array>",
        "conditions": "<unknown:array>",
        **fields,
    }


# --- backup units: one selection each -------------------------------------------------------------


def unit_hand_written(b: Builder, i: int) -> None:
    """Hand-written role + four attachments; resources from a bucket's ARN output (unknown)."""
    plan = _plan(b, f"plan-{i}", i)
    bucket = _bucket(b, f"data-{i}", i)
    role = _role(b, f"backup-{i}", i, known_name=True)
    attachments = _attachments(b, f"backup-{i}", role, ALL_FOUR)
    b.selection(
        SELECTION,
        f"sel-{i}",
        _selection_props(f"sel-{i}", U, resources=[U]),
        deps={"planId": [plan], "iamRoleArn": [role, *attachments], "resources": [bucket]},
        bad=False,
    )


def unit_component_output(b: Builder, i: int) -> None:
    """BackupServiceRole; iamRoleArn from the component's ``arn`` output (dependency on the component)."""
    plan = _plan(b, f"plan-{i}", i)
    component = f"roles-{i}"
    _component(b, component, i)
    b.selection(
        SELECTION,
        f"sel-{i}",
        _selection_props(f"sel-{i}", U, resources=[_s3_arn(i), _s3_arn(i, "-logs")]),
        deps={"planId": [plan], "iamRoleArn": [component]},
        bad=False,
    )


def unit_component_children(b: Builder, i: int) -> None:
    """BackupServiceRole; iamRoleArn depends on its role and attachments; selection by tags only."""
    plan = _plan(b, f"plan-{i}", i)
    children = _component(b, f"roles-{i}", i)
    b.selection(
        SELECTION,
        f"sel-{i}",
        _selection_props(
            f"sel-{i}",
            U,
            resources=[],
            selectionTags=[{"type": "STRINGEQUALS", "key": "backup", "value": f"tier-{i % 3}"}],
        ),
        deps={"planId": [plan], "iamRoleArn": children},
        bad=False,
    )


def unit_managed_policy_arns(b: Builder, i: int) -> None:
    """A role with all four policies in ``managedPolicyArns``; ``"*"`` minus EC2."""
    plan = _plan(b, f"plan-{i}", i)
    role = _role(b, f"backup-{i}", i, known_name=False, managed=[arn for _, arn in ALL_FOUR])
    b.selection(
        SELECTION,
        f"sel-{i}",
        _selection_props(f"sel-{i}", U, resources=["*"], notResources=[f"arn:{PARTITION}:ec2:*"]),
        deps={"planId": [plan], "iamRoleArn": [role]},
        bad=False,
    )


def unit_native_exclusive(b: Builder, i: int) -> None:
    """aws-native BackupSelection; the role's policies through RolePolicyAttachmentsExclusive."""
    plan = _plan(b, f"plan-{i}", i)
    bucket = _bucket(b, f"data-{i}", i)
    role = _role(b, f"backup-{i}", i, known_name=True)
    exclusive = b.add(
        EXCLUSIVE,
        f"backup-{i}-policies",
        {"roleName": _role_name(b, role), "policyArns": [arn for _, arn in ALL_FOUR], "id": U},
        deps={"roleName": [role]},
    )
    b.selection(
        NATIVE_SELECTION,
        f"sel-{i}",
        {
            "backupPlanId": U,
            "selectionId": U,
            "id": U,
            "backupSelection": {"selectionName": f"sel-{i}", "iamRoleArn": U, "resources": [U, _s3_arn(i)]},
        },
        deps={"backupPlanId": [plan], "backupSelection": [role, exclusive, bucket]},
        bad=False,
    )


def unit_restore_testing(b: Builder, i: int) -> None:
    """S3 restore testing; restore policy through PolicyAttachment, backup through an attachment."""
    role = _role(b, f"restore-{i}", i, known_name=True)
    b.add(
        POLICY_ATTACHMENT,
        f"restore-{i}-s3-restore",
        {"name": f"restore-{i}-s3-restore", "roles": [_role_name(b, role)], "policyArn": S3_RESTORE, "id": U},
        deps={"roles": [role]},
    )
    _attachments(b, f"restore-{i}", role, (("s3-backup", S3_BACKUP),))
    testing_plan = b.add(
        "aws:backup/restoreTestingPlan:RestoreTestingPlan",
        f"restore-plan-{i}",
        {"name": f"restore_plan_{i}", "arn": U, "scheduleExpression": "cron(0 1 ? * 1 *)"},
    )
    b.selection(
        RESTORE_TESTING_SELECTION,
        f"sel-{i}",
        {
            "name": f"sel_{i}",
            "restoreTestingPlanName": U,
            "iamRoleArn": U,
            "protectedResourceType": "S3",
            "protectedResourceArns": ["*"],
            "validationWindowHours": 2,
        },
        deps={"restoreTestingPlanName": [testing_plan], "iamRoleArn": [role]},
        bad=False,
    )


def unit_outside_role_attached_here(b: Builder, i: int) -> None:
    """A role from another stack (known ARN), completed here by attachments that name it; conditions."""
    plan = _plan(b, f"plan-{i}", i)
    name = f"shared-backup-{i}"
    for key, arn in ALL_FOUR[2:]:
        b.add(ATTACHMENT, f"{name}-{key}", {"role": name, "policyArn": arn, "id": U})
    b.selection(
        SELECTION,
        f"sel-{i}",
        _selection_props(
            f"sel-{i}",
            f"arn:{PARTITION}:iam::{ACCOUNT}:role/{name}",
            resources=[],
            conditions=[{"stringEquals": [{"key": "aws:ResourceTag/backup", "value": "true"}]}],
        ),
        deps={"planId": [plan]},
        bad=False,
    )


def unit_not_s3(b: Builder, i: int) -> None:
    """A role with only the general policies, used by a selection that cannot select S3: EC2 and DynamoDB
    ARNs, or (every other time) ``"*"`` with S3 excluded by ``notResources``."""
    plan = _plan(b, f"plan-{i}", i)
    role = _role(b, f"ec2-backup-{i}", i, known_name=True)
    attachments = _attachments(b, f"ec2-backup-{i}", role, ALL_FOUR[:2])
    if i % 2:
        fields: dict[str, Any] = {
            "resources": [
                f"arn:{PARTITION}:ec2:{REGIONS[0]}:{ACCOUNT}:volume/*",
                f"arn:{PARTITION}:dynamodb:{REGIONS[0]}:{ACCOUNT}:table/*",
            ]
        }
    else:
        fields = {"resources": ["*"], "notResources": ["arn:*:s3:::*"]}
    b.selection(
        SELECTION,
        f"sel-{i}",
        _selection_props(f"sel-{i}", U, **fields),
        deps={"planId": [plan], "iamRoleArn": [role, *attachments]},
        bad=False,
    )


def unit_secrets(b: Builder, i: int) -> None:
    """Secret policy ARNs and tags; resources mix an unknown bucket ARN and a literal one."""
    plan = _plan(b, f"plan-{i}", i)
    bucket = _bucket(b, f"data-{i}", i)
    role = _role(b, f"backup-{i}", i, known_name=True)
    role_entry = b.entries[-1]
    role_entry["properties"]["tags"] = {"owner": {"<secret>": "alice@example.com"}, **_tags(i)}
    secret_policies = tuple((key, {"<secret>": arn}) for key, arn in ALL_FOUR)
    attachments = _attachments(b, f"backup-{i}", role, secret_policies)
    b.selection(
        SELECTION,
        f"sel-{i}",
        _selection_props(f"sel-{i}", U, resources=[U, _s3_arn(i)]),
        deps={"planId": [plan], "iamRoleArn": [role, *attachments], "resources": [bucket]},
        bad=False,
    )


def unit_bad(b: Builder, i: int, cycle: int) -> None:
    """A selection that targets S3 with a role that provably (or possibly) lacks the S3 policies."""
    plan = _plan(b, f"plan-{i}", i)
    kind = cycle % 5
    role_arn: Any = U
    deps: dict[str, list[str]] = {"planId": [plan]}
    if kind == 0:  # the console default role
        role_arn = f"arn:{PARTITION}:iam::{ACCOUNT}:role/service-role/AWSBackupDefaultServiceRole"
    elif kind == 1:  # the service-role/ typo
        role = _role(b, f"backup-{i}", i, known_name=True)
        policies = (*ALL_FOUR[:2], ("s3-backup", S3_BACKUP_TYPO), ("s3-restore", S3_RESTORE_TYPO))
        deps["iamRoleArn"] = [role, *_attachments(b, f"backup-{i}", role, policies)]
    elif kind == 2:  # policy ARNs that are unknown during preview
        role = _role(b, f"backup-{i}", i, known_name=False)
        policies = (*ALL_FOUR[:2], ("s3-backup", U), ("s3-restore", U))
        deps["iamRoleArn"] = [role, *_attachments(b, f"backup-{i}", role, policies)]
    elif kind == 3:  # the ARN comes from something that holds no role
        param = b.add(
            "aws:ssm/parameter:Parameter",
            f"role-arn-param-{i}",
            {"name": f"/backup/{i}/role", "type": "String", "value": U, "arn": U, "id": U},
        )
        deps["iamRoleArn"] = [param]
    else:  # a role in another stack that nothing here completes
        role_arn = f"arn:{PARTITION}:iam::{ACCOUNT}:role/legacy-backup-{i}"
    b.selection(
        SELECTION,
        f"sel-{i}",
        _selection_props(f"sel-{i}", role_arn, resources=[_s3_arn(i)]),
        deps=deps,
        bad=True,
    )


GOOD_UNITS: tuple[Callable[[Builder, int], None], ...] = (
    unit_hand_written,
    unit_component_output,
    unit_component_children,
    unit_managed_policy_arns,
    unit_native_exclusive,
    unit_restore_testing,
    unit_outside_role_attached_here,
    unit_not_s3,
    unit_secrets,
)


# --- unrelated units ---------------------------------------------------------------------------------


def unit_network(b: Builder, i: int) -> None:
    vpc = b.add(
        "aws:ec2/vpc:Vpc",
        f"vpc-{i}",
        {
            "cidrBlock": f"10.{i % 250}.0.0/16",
            "enableDnsHostnames": True,
            "enableDnsSupport": True,
            "arn": U,
            "id": U,
            "defaultSecurityGroupId": U,
            "mainRouteTableId": U,
            "tags": _tags(i, Name=f"vpc-{i}"),
        },
    )
    subnet = b.add(
        "aws:ec2/subnet:Subnet",
        f"subnet-{i}",
        {
            "vpcId": U,
            "cidrBlock": f"10.{i % 250}.1.0/24",
            "availabilityZone": f"{REGIONS[0]}a",
            "mapPublicIpOnLaunch": False,
            "arn": U,
            "id": U,
            "tags": _tags(i),
        },
        deps={"vpcId": [vpc]},
    )
    group = b.add(
        "aws:ec2/securityGroup:SecurityGroup",
        f"sg-{i}",
        {
            "vpcId": U,
            "description": "app",
            "ingress": [
                {"protocol": "tcp", "fromPort": port, "toPort": port, "cidrBlocks": ["10.0.0.0/8"]}
                for port in (443, 8080)
            ],
            "egress": [{"protocol": "-1", "fromPort": 0, "toPort": 0, "cidrBlocks": ["0.0.0.0/0"]}],
            "arn": U,
            "id": U,
            "name": U,
            "ownerId": U,
            "tags": _tags(i),
        },
        deps={"vpcId": [vpc]},
    )
    b.add(
        "aws:ec2/instance:Instance",
        f"app-{i}",
        {
            "ami": "ami-0abcdef1234567890",
            "instanceType": "t3.medium",
            "subnetId": U,
            "vpcSecurityGroupIds": [U],
            "userData": {"<secret>": "#!/bin/bash\necho token=abc123 > /etc/app"},
            "rootBlockDevice": {"volumeSize": 50, "volumeType": "gp3", "encrypted": True, "kmsKeyId": U},
            "metadataOptions": {"httpTokens": "required", "httpEndpoint": "enabled"},
            "arn": U,
            "id": U,
            "privateIp": U,
            "publicIp": U,
            "primaryNetworkInterfaceId": U,
            "ebsOptimized": "<unknown:bool>",
            "cpuCoreCount": "<unknown:number>",
            "tags": _tags(i, Name=f"app-{i}", backup="true"),
            "tagsAll": _tags(i, Name=f"app-{i}", backup="true"),
        },
        deps={"subnetId": [subnet], "vpcSecurityGroupIds": [group]},
    )


def unit_service(b: Builder, i: int) -> None:
    """An application component: a function with its log group, execution role and a policy attachment."""
    service = b.add(APP_COMPONENT, f"svc-{i}", {"url": U, "functionName": U})
    role = b.add(
        ROLE,
        f"svc-{i}-exec",
        {
            "name": U,
            "arn": U,
            "id": U,
            "assumeRolePolicy": LAMBDA_TRUST,
            "managedPolicyArns": "<unknown:array>",
            "path": "/",
            "tags": _tags(i),
        },
        parent=service,
    )
    b.add(
        ATTACHMENT,
        f"svc-{i}-logs",
        {"role": U, "policyArn": _policy("service-role/AWSLambdaBasicExecutionRole"), "id": U},
        parent=service,
        deps={"role": [role]},
    )
    logs = b.add(
        "aws:cloudwatch/logGroup:LogGroup",
        f"svc-{i}-logs",
        {"name": f"/aws/lambda/svc-{i}", "retentionInDays": 30, "arn": U, "id": U, "tags": _tags(i)},
        parent=service,
    )
    b.add(
        "aws:lambda/function:Function",
        f"svc-{i}-fn",
        {
            "name": U,
            "role": U,
            "runtime": "python3.12",
            "handler": "app.handler",
            "memorySize": 512,
            "timeout": 30,
            "code": "<unknown:archive>",
            "environment": {
                "variables": {
                    "TABLE": f"table-{i}",
                    "LOG_LEVEL": "info",
                    "DB_PASSWORD": {"<secret>": "correct horse battery staple"},
                }
            },
            "arn": U,
            "invokeArn": U,
            "id": U,
            "version": U,
            "sourceCodeHash": U,
            "tags": _tags(i),
        },
        parent=service,
        deps={"role": [role]},
        extra_deps=(logs,),
    )


def unit_data(b: Builder, i: int) -> None:
    b.add(
        "aws:dynamodb/table:Table",
        f"table-{i}",
        {
            "name": f"table-{i}",
            "billingMode": "PAY_PER_REQUEST",
            "hashKey": "pk",
            "rangeKey": "sk",
            "attributes": [{"name": "pk", "type": "S"}, {"name": "sk", "type": "S"}],
            "pointInTimeRecovery": {"enabled": True},
            "serverSideEncryption": {"enabled": True, "kmsKeyArn": U},
            "arn": U,
            "id": U,
            "streamArn": U,
            "tags": _tags(i, backup="true"),
        },
    )
    queue = b.add(
        "aws:sqs/queue:Queue",
        f"queue-{i}",
        {
            "name": U,
            "visibilityTimeoutSeconds": 60,
            "messageRetentionSeconds": 345600,
            "arn": U,
            "id": U,
            "url": U,
            "tags": _tags(i),
        },
    )
    secret = b.add(
        "aws:secretsmanager/secret:Secret",
        f"secret-{i}",
        {"name": U, "arn": U, "id": U, "recoveryWindowInDays": 7, "tags": _tags(i)},
    )
    b.add(
        "aws:secretsmanager/secretVersion:SecretVersion",
        f"secret-{i}-v",
        {"secretId": U, "secretString": {"<secret>": U}, "versionId": U, "arn": U, "id": U},
        deps={"secretId": [secret]},
        extra_deps=(queue,),
    )


UNRELATED_UNITS: tuple[Callable[[Builder, int], None], ...] = (unit_network, unit_service, unit_data)


def _units() -> Iterator[Callable[[Builder, int], None]]:
    """The endless program: ten selection units (the bad one first) with unrelated units between them."""
    cycle = 0
    while True:
        bad_for_cycle = cycle

        def bad(b: Builder, i: int, cycle: int = bad_for_cycle) -> None:
            unit_bad(b, i, cycle)

        yield bad
        for position, unit in enumerate(GOOD_UNITS):
            yield UNRELATED_UNITS[position % len(UNRELATED_UNITS)]
            yield unit
        cycle += 1


def _filler(b: Builder, i: int) -> None:
    b.add(
        "aws:sqs/queue:Queue",
        f"filler-{i}",
        {"name": U, "visibilityTimeoutSeconds": 30, "arn": U, "id": U, "url": U, "tags": _tags(i)},
    )


@dataclass(frozen=True)
class SyntheticStack:
    entries: list[dict[str, Any]]
    bad: list[str]
    """Ids of the selections the pack must block (one in ten)."""
    selections: int


def synthetic_stack(size: int) -> SyntheticStack:
    """A stack of exactly ``size`` resources (at least 10)."""
    b = Builder()
    b.add("pulumi:pulumi:Stack", "stack", {}, provider=False)
    b.entries[-1]["parent"] = None
    b.entries[-1]["urn"] = f"urn:pulumi:{STACK}::{PROJECT}::pulumi:pulumi:Stack::{PROJECT}-{STACK}"
    providers = max(1, min(len(REGIONS), size // 1000))
    for p in range(providers):
        b.add(
            "pulumi:providers:aws",
            f"provider-{p}",
            {"region": REGIONS[p], "version": "7.51.1", "skipCredentialsValidation": "false"},
            provider=False,
        )
    for p in range(providers):
        b.provider = f"provider-{p}"
        b.add(
            "aws:backup/regionSettings:RegionSettings",
            f"region-settings-{p}",
            {
                "resourceTypeOptInPreference": {
                    t: True for t in ("Aurora", "DynamoDB", "EBS", "EC2", "EFS", "RDS", "S3")
                },
                "resourceTypeManagementPreference": {"DynamoDB": True, "EFS": True},
                "id": U,
            },
        )
    i = 0
    for unit in _units():
        i += 1
        b.provider = f"provider-{i % providers}"
        mark = (len(b.entries), len(b.bad), b.selections)
        unit(b, i)
        if len(b.entries) > size:
            del b.entries[mark[0] :]
            del b.bad[mark[1] :]
            b.selections = mark[2]
            break
    while len(b.entries) < size:
        i += 1
        _filler(b, i)
    return SyntheticStack(b.entries, b.bad, b.selections)
