"""Hypothesis strategies for random stacks in the description format of :mod:`tests.support.stacks`.

A stack holds a few resources of every kind the pack reads: roles of both providers (alone or under a
component), attachments by every route (by dependency, by known name, by ARN), selections of every
kind pointing at roles by dependency, by known ARN, or outside the stack, resources lists of every
shape, RegionSettings, and unknowns and secrets sprinkled into any field. Everything lives in one
partition per stack, except S3 policy ARNs, which may come from any partition (all of them count).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st

ACCOUNT = "123456789012"
PARTITIONS = ("aws", "aws-cn", "aws-us-gov")
ROLE_NAMES = ("backup-role", "shared-backup", "AWSBackupDefaultServiceRole", "ops")
COMPONENT_TYPES = ("backup-roles:index:BackupServiceRole", "acme:index:Backups")
BUCKET_TYPES = ("aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2", "aws-native:s3:Bucket")
PROVIDERS = (
    None,
    "urn:pulumi:prov::golden::pulumi:providers:aws::west",
    "urn:pulumi:prov::golden::pulumi:providers:aws::east",
    "prov-a",
    "prov-b",
    "prov-other",
)
"""Literal URNs (no inputs), or ids of provider entries the stack gets (see :func:`provider_entries`)."""
REGIONS = {
    "aws": ("us-east-1", "eu-west-1"),
    "aws-cn": ("cn-north-1", "cn-northwest-1"),
    "aws-us-gov": ("us-gov-west-1", "us-gov-east-1"),
}
OTHER_ACCOUNT = "210987654321"
# Resources whose ARN is never a bucket's, as dependencies of `resources`.
NOT_S3_TYPES = ("aws:dynamodb/table:Table", "aws:ebs/volume:Volume", "aws-native:rds:DbInstance")
# Values of the wrong shape, for any field now and then.
MALFORMED = (False, True, 0, 7, "", {}, [None], {"a": 1}, ["AWSBackupDefaultServiceRole"])
UNKNOWN_KINDS = (
    "<unknown>",
    "<unknown:bool>",
    "<unknown:number>",
    "<unknown:array>",
    "<unknown:object>",
    "<unknown:asset>",
    "<unknown:archive>",
)

SELECTION = "aws:backup/selection:Selection"
NATIVE_SELECTION = "aws-native:backup:BackupSelection"
RESTORE_TESTING = "aws:backup/restoreTestingSelection:RestoreTestingSelection"
ROLE = "aws:iam/role:Role"
NATIVE_ROLE = "aws-native:iam:Role"
RPA = "aws:iam/rolePolicyAttachment:RolePolicyAttachment"
RPAE = "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive"
PA = "aws:iam/policyAttachment:PolicyAttachment"
REGION_SETTINGS = "aws:backup/regionSettings:RegionSettings"

STACK_POLICY = "aws-backup-selection-missing-s3-role-policies"
RESOURCE_POLICY = "aws-backup-selection-disallow-default-role-for-s3"


@dataclass
class Case:
    """One generated stack and the configuration both policies get."""

    resources: list[dict[str, Any]]
    config: dict[str, dict[str, Any]] = field(default_factory=dict)

    def as_golden(self, description: str) -> dict[str, Any]:
        out: dict[str, Any] = {"description": description}
        if self.config:
            out["config"] = self.config
        out["resources"] = self.resources
        return out


def role_arn(partition: str, name: str) -> str:
    path = "service-role/" if name == "AWSBackupDefaultServiceRole" else ""
    return f"arn:{partition}:iam::{ACCOUNT}:role/{path}{name}"


def unknown() -> st.SearchStrategy[str]:
    return st.sampled_from(UNKNOWN_KINDS)


def secretly(draw: Any, value: Any, probability: float = 0.1) -> Any:
    """Wrap ``value`` as a secret now and then."""
    if draw(st.floats(0, 1)) < probability:
        return {"<secret>": value}
    return value


def maybe_unknown(draw: Any, value: Any, probability: float = 0.1) -> Any:
    if draw(st.floats(0, 1)) < probability:
        return draw(unknown())
    return value


def policy_value(draw: Any, partition: str) -> Any:
    other = draw(st.sampled_from(PARTITIONS))
    value = draw(
        st.sampled_from(
            [
                f"arn:{partition}:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup",
                f"arn:{partition}:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore",
                f"arn:{other}:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup",
                f"arn:{other}:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore",
                f"arn:{partition}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForS3Backup",
                f"arn:{partition}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForS3Restore",
                f"arn:{partition}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
                f"arn:{partition}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
                f"arn:{partition}:iam::{ACCOUNT}:policy/custom",
                "<unknown>",
                [f"arn:{partition}:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup"],
                7,
            ]
        )
    )
    return secretly(draw, value)


def resource_entry(draw: Any, partition: str) -> Any:
    value = draw(
        st.sampled_from(
            [
                f"arn:{partition}:s3:::app-data",
                f"arn:{partition}:s3:::logs-*",
                "arn:*:s3:::*",
                f"arn:{partition}:s3:::*",
                "*",
                f"arn:{partition}:*",
                "arn:*",
                f"arn:{partition}:s3*",
                f"arn:{partition}:ec2:us-east-1:{ACCOUNT}:volume/*",
                f"arn:{partition}:dynamodb:us-east-1:{ACCOUNT}:table/orders",
                f"arn:{partition}:rds:*",
                "<unknown>",
                7,
            ]
        )
    )
    return secretly(draw, value)


def not_resource_entry(draw: Any, partition: str) -> Any:
    other = draw(st.sampled_from(PARTITIONS))
    return draw(
        st.sampled_from(
            [
                "arn:*:s3:::*",
                f"arn:{partition}:*",
                f"arn:{other}:*",
                "*",
                f"arn:{partition}:s3:::app-data",
                f"arn:{partition}:s3:::*",
                f"arn:{partition}:s3:::logs-*",
                f"arn:{partition}:ec2:*",
                "<unknown>",
            ]
        )
    )


@st.composite
def stacks(draw: Any) -> Case:
    """A random stack, in registration order, with its configuration."""
    partition = draw(st.sampled_from(PARTITIONS))
    resources: list[dict[str, Any]] = provider_entries(draw, partition)
    budget = len(resources) + draw(st.integers(2, 9))

    def room() -> bool:
        return len(resources) < budget

    def provider(entry: dict[str, Any]) -> dict[str, Any]:
        chosen = draw(st.sampled_from(PROVIDERS))
        if chosen:
            entry["provider"] = chosen
        return entry

    # Components, possibly nested.
    components: list[str] = []
    for i in range(draw(st.integers(0, 2))):
        entry: dict[str, Any] = {
            "type": draw(st.sampled_from(COMPONENT_TYPES)),
            "name": f"comp{i}",
            "properties": {},
        }
        if components and draw(st.booleans()):
            entry["parent"] = draw(st.sampled_from(components))
        components.append(entry["name"])
        resources.append(entry)

    def maybe_parent(entry: dict[str, Any]) -> None:
        if components and draw(st.booleans()):
            entry["parent"] = draw(st.sampled_from(components))

    buckets: list[str] = []
    for i in range(draw(st.integers(0, 1))):
        buckets.append(f"bucket{i}")
        resources.append(
            {
                "type": draw(st.sampled_from(BUCKET_TYPES)),
                "name": f"bucket{i}",
                "properties": {"arn": "<unknown>"},
            }
        )
    tables: list[str] = []
    for i in range(draw(st.integers(0, 1))):
        tables.append(f"table{i}")
        resources.append(
            {
                "type": draw(st.sampled_from(NOT_S3_TYPES)),
                "name": f"table{i}",
                "properties": {"arn": "<unknown>"},
            }
        )

    # Roles: names known or unknown; an ARN is known only with its name (as in any real preview).
    roles: list[dict[str, Any]] = []
    for i in range(draw(st.integers(0, 2))):
        if not room():
            break
        kind = draw(st.sampled_from((ROLE, NATIVE_ROLE)))
        name = draw(st.one_of(st.sampled_from(ROLE_NAMES), unknown()))
        props: dict[str, Any] = {"roleName" if kind == NATIVE_ROLE else "name": secretly(draw, name)}
        known_name = name if name in ROLE_NAMES else None
        props["arn"] = role_arn(partition, known_name) if known_name and draw(st.booleans()) else "<unknown>"
        managed = draw(
            st.sampled_from(
                ("absent", "list", "list", "unknown", "malformed", "reported", "reported-unknown")
            )
        )
        inputs = dict(props)
        if managed in ("list", "reported"):
            props["managedPolicyArns"] = [
                policy_value(draw, partition) for _ in range(draw(st.integers(0, 3)))
            ]
        elif managed in ("unknown", "reported-unknown"):
            props["managedPolicyArns"] = "<unknown:array>"
        elif managed == "malformed":
            props["managedPolicyArns"] = draw(st.sampled_from(MALFORMED))
        if not managed.startswith("reported"):
            inputs = props  # configured: the inputs hold what the outputs show
        entry = {"type": kind, "name": f"role{i}", "properties": props}
        if inputs is not props:
            entry["inputs"] = inputs  # the output is only the provider's report of what is attached
        if draw(st.integers(0, 9)) == 0:
            entry["analyze"] = False  # Analyze never saw it: read with Role.get, not registered
        provider(entry)
        maybe_parent(entry)
        roles.append({"id": f"role{i}", "name": known_name})
        resources.append(entry)

    def role_ref(draw: Any) -> tuple[Any, list[str]]:
        """A role argument of an attachment: (value, dependency ids)."""
        mode = draw(st.sampled_from(("dependency", "name", "arn", "dangling", "name", "malformed")))
        if mode == "malformed":
            return draw(st.sampled_from(MALFORMED)), []
        if mode == "dependency" and roles:
            role = draw(st.sampled_from(roles))
            value = role["name"] if role["name"] and draw(st.booleans()) else "<unknown>"
            return value, [role["id"]]
        if mode == "dangling":
            return "<unknown>", ["ghost-role"]
        name = draw(st.sampled_from(ROLE_NAMES))
        return (name if mode == "name" else role_arn(partition, name)), []

    attachments: list[str] = []
    for i in range(draw(st.integers(0, 3))):
        if not room():
            break
        kind = draw(st.sampled_from((RPA, RPAE, PA)))
        deps: dict[str, list[str]] = {}
        if kind == PA:
            refs = [role_ref(draw) for _ in range(draw(st.integers(1, 2)))]
            props: dict[str, Any] = {
                "roles": maybe_unknown(draw, [value for value, _ in refs], 0.05),
                "policyArn": policy_value(draw, partition),
            }
            ids = [d for _, ds in refs for d in ds]
            if ids:
                deps["roles"] = ids
        else:
            value, ids = role_ref(draw)
            key = "role" if kind == RPA else "roleName"
            props = {key: secretly(draw, value)}
            if kind == RPA:
                props["policyArn"] = policy_value(draw, partition)
            else:
                policies = [policy_value(draw, partition) for _ in range(draw(st.integers(0, 3)))]
                props["policyArns"] = maybe_unknown(draw, policies, 0.1)
            if ids:
                deps[key] = ids
        entry = {"type": kind, "name": f"att{i}", "properties": props}
        if deps:
            entry["propertyDependencies"] = deps
        provider(entry)
        maybe_parent(entry)
        attachments.append(entry["name"])
        resources.append(entry)

    for i in range(draw(st.integers(0, 2))):
        if not room():
            break
        choice = draw(st.sampled_from((True, False, "<unknown:bool>", "secret-false", "absent")))
        preference: dict[str, Any] = {"EBS": True}
        if choice == "secret-false":
            preference["S3"] = {"<secret>": False}
        elif choice != "absent":
            preference["S3"] = choice
        resources.append(
            provider(
                {
                    "type": REGION_SETTINGS,
                    "name": f"region{i}",
                    "properties": {"resourceTypeOptInPreference": preference},
                }
            )
        )

    # Selections.
    others = [*(r["id"] for r in roles), *attachments, *components, *buckets, "ghost"]
    selections: list[str] = []
    for i in range(draw(st.integers(1, 2))):
        resources.append(selection(draw, f"sel{i}", partition, roles, others, buckets + tables, provider))
        selections.append(f"sel{i}")

    resources = draw(st.permutations(resources)) if draw(st.booleans()) else resources
    if draw(st.integers(0, 14)) == 0:  # the companion disabled: Analyze sees nothing of the stack
        resources = [{**entry, "analyze": False} for entry in resources]
    return Case(resources, config(draw, partition, selections))


def provider_entries(draw: Any, partition: str) -> list[dict[str, Any]]:
    """Provider resources: two in the stack's partition that differ only in region (one account), and one
    pinned to another account; their regions decide the partition, now and then left out."""
    first, second = REGIONS[partition]
    region_a = {"region": first} if draw(st.integers(0, 4)) else {}
    entries = [
        {
            "type": "pulumi:providers:aws",
            "name": "a",
            "id": "prov-a",
            "properties": {**region_a, "profile": "p"},
        },
        {
            "type": "pulumi:providers:aws",
            "name": "b",
            "id": "prov-b",
            "properties": {"region": second, "profile": "p"},
        },
        {
            "type": "pulumi:providers:aws",
            "name": "other",
            "id": "prov-other",
            "properties": {"region": first, "allowedAccountIds": [OTHER_ACCOUNT]},
        },
    ]
    return entries


def selection(
    draw: Any,
    name: str,
    partition: str,
    roles: list[dict[str, Any]],
    others: list[str],
    buckets: list[str],
    provider: Any,
) -> dict[str, Any]:
    kind = draw(st.sampled_from((SELECTION, NATIVE_SELECTION, RESTORE_TESTING)))
    mode = draw(st.sampled_from(("dependency", "known-arn", "both", "unknown", "malformed")))
    role_deps: list[str] = []
    role: Any = "<unknown>"
    if mode in ("dependency", "both"):
        role_deps = draw(st.lists(st.sampled_from(others), min_size=1, max_size=3, unique=True))
    if mode in ("known-arn", "both"):
        names = [r["name"] for r in roles if r["name"]] + list(ROLE_NAMES)
        role = role_arn(partition, draw(st.sampled_from(names)))
    if mode == "unknown":
        role = draw(unknown())
    if mode == "malformed":
        role = draw(
            st.sampled_from(("backup-role", 42, f"arn:{partition}:s3:::app-data", {"arn": "x"}, [], True))
        )
    role = secretly(draw, role)

    resource_deps: list[str] = []
    if kind == RESTORE_TESTING:
        kind_value = draw(st.sampled_from(("S3", "EBS", "<unknown>", 3, {"<secret>": "S3"}, "absent")))
        props: dict[str, Any] = {
            "name": f"{name}-name",
            "restoreTestingPlanName": "<unknown>",
            "iamRoleArn": role,
        }
        if kind_value != "absent":
            props["protectedResourceType"] = kind_value
        entry: dict[str, Any] = {"type": kind, "name": name, "properties": props}
        if role_deps:
            entry["propertyDependencies"] = {"iamRoleArn": role_deps}
        return provider(entry)

    fields: dict[str, Any] = {}
    shape = draw(st.sampled_from(("absent", "empty", "unknown", "list", "list", "list", "list", "malformed")))
    if shape == "empty":
        fields["resources"] = []
    elif shape == "unknown":
        fields["resources"] = draw(st.sampled_from(("<unknown:array>", "<unknown>")))
    elif shape == "malformed":
        fields["resources"] = draw(st.sampled_from((f"arn:{partition}:s3:::app-data", *MALFORMED)))
    elif shape == "list":
        fields["resources"] = [resource_entry(draw, partition) for _ in range(draw(st.integers(1, 3)))]
    if buckets and shape in ("unknown", "list") and draw(st.booleans()):
        # Buckets, tables, or both: the dependencies that make an unknown entry S3 or not.
        resource_deps = draw(st.lists(st.sampled_from(buckets), min_size=1, unique=True))
    if draw(st.integers(0, 3)) == 0:
        fields["notResources"] = [not_resource_entry(draw, partition) for _ in range(draw(st.integers(1, 2)))]
    tags = draw(st.sampled_from(("absent", "empty", "one", "unknown", "secret", "absent", "malformed")))
    native = kind == NATIVE_SELECTION
    tag = (
        {"conditionType": "STRINGEQUALS", "conditionKey": "backup", "conditionValue": "daily"}
        if native
        else {"type": "STRINGEQUALS", "key": "backup", "value": "daily"}
    )
    if tags != "absent":
        fields["tags"] = {
            "empty": [],
            "one": [tag],
            "unknown": "<unknown:array>",
            "secret": [{"<secret>": tag}],
            "malformed": draw(st.sampled_from(MALFORMED)),
        }[tags]
    conditions = draw(
        st.sampled_from(
            ("absent", "empty", "empty-object", "one", "unknown", "absent", "native", "malformed")
        )
    )
    if conditions != "absent":
        fields["conditions"] = {
            "empty": [],
            "empty-object": [{}],
            "one": [{"stringEquals": [{"key": "aws:ResourceTag/env", "value": "prod"}]}],
            "unknown": "<unknown:array>",
            # aws-native's shape: one object of condition lists (empty or not).
            "native": draw(
                st.sampled_from(
                    (
                        {},
                        {"StringEquals": []},
                        {"StringEquals": [{"ConditionKey": "env", "ConditionValue": "x"}]},
                    )
                )
            ),
            "malformed": draw(st.sampled_from(MALFORMED)),
        }[conditions]
    if native:
        inner = {
            "selectionName": maybe_unknown(draw, f"{name}-name"),
            "iamRoleArn": role,
            **{("listOfTags" if key == "tags" else key): value for key, value in fields.items()},
        }
        if draw(st.integers(0, 30)) == 0:
            inner = draw(st.sampled_from(MALFORMED))
        props = {"backupPlanId": "<unknown>", "backupSelection": maybe_unknown(draw, inner, 0.05)}
        deps = (
            {"backupSelection": list(dict.fromkeys(role_deps + resource_deps))}
            if role_deps + resource_deps
            else {}
        )
    else:
        props = {
            "name": maybe_unknown(draw, f"{name}-name"),
            "planId": "<unknown>",
            "iamRoleArn": role,
            **{("selectionTags" if key == "tags" else key): value for key, value in fields.items()},
        }
        deps = {}
        if role_deps:
            deps["iamRoleArn"] = role_deps
        if resource_deps:
            deps["resources"] = resource_deps
    entry = {"type": kind, "name": name, "properties": props}
    if deps:
        entry["propertyDependencies"] = deps
    return provider(entry)


def config(draw: Any, partition: str, selections: list[str]) -> dict[str, dict[str, Any]]:
    """Valid configuration, the same for both policies most of the time."""

    def one() -> dict[str, Any]:
        raw: dict[str, Any] = {}
        if draw(st.booleans()):
            raw["s3Targets"] = draw(st.sampled_from(("possible", "definite")))
        if draw(st.integers(0, 3)) == 0:
            raw["trustedRoleArns"] = draw(
                st.lists(
                    st.sampled_from(
                        (
                            role_arn(partition, "shared-backup"),
                            f"arn:{partition}:iam::{ACCOUNT}:role/backup-*",
                            "arn:*:iam::*:role/service-role/*",
                            "*",
                        )
                    ),
                    max_size=2,
                )
            )
        if draw(st.integers(0, 3)) == 0:
            raw["exemptSelections"] = draw(
                st.lists(st.sampled_from((*selections, "sel1-*", "*-name", "urn:pulumi:*::sel0")), max_size=2)
            )
        if draw(st.integers(0, 2)) == 0:
            raw["defaultPartition"] = draw(st.sampled_from(PARTITIONS))
        return raw

    first = one()
    second = first if draw(st.integers(0, 3)) else one()
    return {name: raw for name, raw in ((STACK_POLICY, first), (RESOURCE_POLICY, second)) if raw}
