"""The AWS provider's outputs for any pulumi_aws resource, in a preview and after an update.

The corpus runs real public programs, which use many more resource types than the aws stand-in serves
(DynamoDB tables, EBS volumes, RDS instances, KMS keys...). What a policy sees of such a resource depends only
on which of its outputs are known, so the outputs are derived from the pulumi_aws 7.51.1 SDK itself rather
than from a hand-written table:

- the type token leads to the SDK class through the resource-module registry pulumi_aws fills on import;
- every ``@pulumi.getter`` property of that class is an output the provider reports;
- in a preview (``pulumi preview`` of a new stack) ``id`` and every output the program did not set is
  unknown (the bridge returns every unknown as the string sentinel), except an autonamed ``name`` /
  ``bucket`` / ``identifier`` (the bridge fills it in during Check) and pulumi-aws 7's per-resource
  ``region`` (set from the provider's region when the resource is planned). This is stricter than the
  real provider, which leaves an optional argument that is not computed (``tags``, ``notResources``...)
  absent rather than unknown and reports schema defaults as known: a pack must cope with either;
- after the update every output the program did not set gets a value shaped like AWS's: an ARN in the
  stack's partition, region and account for ``arn``, an id for ``id``, ``tagsAll`` from ``tags``, and a
  value of its type for every other output the SDK declares as always set; Optional ones stay null.

The IAM role's ``managedPolicyArns`` output is the one computed output that decides verdicts; it is set after
the whole program ran, from the deployed attachments (see :func:`attached_policies`).
"""

from __future__ import annotations

import hashlib
import inspect
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pulumi
import pulumi_aws  # noqa: F401 - registers the resource modules the type tokens are looked up in
from pulumi.runtime import rpc

UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
ACCOUNT_ID = "123456789012"
AWS_VERSION = "7.51.1"
AUTONAMED = ("name", "bucket", "identifier", "clusterIdentifier")
"""Properties the bridge autonames when the program leaves them out and the SDK makes them optional."""


def partition_of(region: str) -> str:
    """The partition of a region, as FACTS.md gives the mapping."""
    for prefix, partition in (("cn-", "aws-cn"), ("us-gov-", "aws-us-gov"), ("us-isob-", "aws-iso-b")):
        if region.startswith(prefix):
            return partition
    return "aws-iso" if region.startswith("us-iso-") else "aws"


@dataclass(frozen=True)
class Environment:
    """Where the stack deploys: the provider's region, its partition and the account, and the outputs of
    the other stacks it reads with ``pulumi.StackReference`` (stack name -> outputs)."""

    region: str = "us-east-1"
    account: str = ACCOUNT_ID
    stack_outputs: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    @property
    def partition(self) -> str:
        return partition_of(self.region)


def sdk_class(token: str) -> type[pulumi.CustomResource] | None:
    """The pulumi_aws class of a type token (``aws:iam/role:Role``), or None for other packages."""
    package, module, _ = token.split(":", 2)
    registered = rpc.get_resource_module(package, module, AWS_VERSION)
    if registered is None:
        return None
    info = registered.mod_info  # type: ignore[attr-defined]
    module_object = __import__(info["fqn"], fromlist=["_"])
    return getattr(module_object, info["classes"][token])


def declared_outputs(cls: type) -> dict[str, str]:
    """wire name -> Python name of every output property the SDK class declares."""
    outputs: dict[str, str] = {}
    for python_name, member in inspect.getmembers(cls, lambda m: isinstance(m, property)):
        wire = getattr(member.fget, "_pulumi_name", None)
        if wire:
            outputs[wire] = python_name
    return outputs


def optional_arguments(cls: type) -> set[str]:
    """Python names of the constructor arguments the SDK makes optional."""
    signature = inspect.signature(cls._internal_init)  # type: ignore[attr-defined]
    return {name for name, parameter in signature.parameters.items() if parameter.default is None}


def _digest(*parts: str, length: int = 17) -> str:
    return hashlib.sha256("/".join(parts).encode()).hexdigest()[:length]


def autoname(logical_name: str, urn: str) -> str:
    """A name shaped like the bridge's autoname: the logical name, a dash and seven hex digits."""
    return f"{logical_name}-{_digest(urn, length=7)}"


# service, resource path: how AWS spells the ARN of the types the corpus deploys. Anything else gets
# arn:<partition>:<module>:<region>:<account>:<resource>/<id>.
_ARN_SHAPES: dict[str, str] = {
    "aws:iam/role:Role": "arn:{p}:iam::{a}:role{path}{name}",
    "aws:iam/policy:Policy": "arn:{p}:iam::{a}:policy{path}{name}",
    "aws:s3/bucket:Bucket": "arn:{p}:s3:::{bucket}",
    "aws:s3/bucketV2:BucketV2": "arn:{p}:s3:::{bucket}",
    "aws:dynamodb/table:Table": "arn:{p}:dynamodb:{r}:{a}:table/{name}",
    "aws:ebs/volume:Volume": "arn:{p}:ec2:{r}:{a}:volume/{id}",
    "aws:ec2/instance:Instance": "arn:{p}:ec2:{r}:{a}:instance/{id}",
    "aws:efs/fileSystem:FileSystem": "arn:{p}:elasticfilesystem:{r}:{a}:file-system/{id}",
    "aws:rds/instance:Instance": "arn:{p}:rds:{r}:{a}:db:{identifier}",
    "aws:rds/cluster:Cluster": "arn:{p}:rds:{r}:{a}:cluster:{clusterIdentifier}",
    "aws:kms/key:Key": "arn:{p}:kms:{r}:{a}:key/{id}",
    "aws:kms/alias:Alias": "arn:{p}:kms:{r}:{a}:{name}",
    "aws:backup/vault:Vault": "arn:{p}:backup:{r}:{a}:backup-vault:{name}",
    "aws:backup/plan:Plan": "arn:{p}:backup:{r}:{a}:backup-plan:{id}",
    "aws:backup/restoreTestingPlan:RestoreTestingPlan": "arn:{p}:backup:{r}:{a}:restore-testing-plan:{name}",
    "aws:sns/topic:Topic": "arn:{p}:sns:{r}:{a}:{name}",
}
_ID_SHAPES: dict[str, str] = {
    "aws:iam/role:Role": "{name}",
    "aws:s3/bucket:Bucket": "{bucket}",
    "aws:s3/bucketV2:BucketV2": "{bucket}",
    "aws:dynamodb/table:Table": "{name}",
    "aws:ebs/volume:Volume": "vol-0{h}",
    "aws:ec2/instance:Instance": "i-0{h}",
    "aws:efs/fileSystem:FileSystem": "fs-0{h}",
    "aws:rds/instance:Instance": "db-{H}",
    "aws:kms/key:Key": "{uuid}",
    "aws:backup/vault:Vault": "{name}",
    "aws:backup/plan:Plan": "{uuid}",
    "aws:backup/selection:Selection": "{uuid}",
    "aws:backup/restoreTestingPlan:RestoreTestingPlan": "{name}",
    "aws:backup/restoreTestingSelection:RestoreTestingSelection": "{restoreTestingPlanName}:{name}",
}


def _uuid(seed: str) -> str:
    h = _digest(seed, length=32)
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"


def _fill(shape: str, values: Mapping[str, Any], env: Environment, seed: str) -> str:
    fields = {k: v for k, v in values.items() if isinstance(v, str)}
    fields.setdefault("path", "/")
    return shape.format_map(
        {
            **{k: values.get("id", "") for k in ("name", "bucket", "identifier", "clusterIdentifier")},
            **fields,
            "p": env.partition,
            "r": values.get("region") or env.region,
            "a": env.account,
            "h": _digest(seed),
            "H": _digest(seed, length=26).upper(),
            "uuid": _uuid(seed),
        }
    )


def check(
    token: str, logical_name: str, urn: str, inputs: Mapping[str, Any], env: Environment
) -> dict[str, Any]:
    """The inputs after the provider's Check, which the engine hands ``Analyze``: an autonamed ``name`` /
    ``bucket`` / ``identifier`` the program left out is filled in. (pulumi-aws 7's per-resource ``region``
    is not: the provider sets it when it plans the resource, so it appears in the outputs.)"""
    checked = dict(inputs)
    cls = sdk_class(token)
    if cls is None:
        return checked
    declared = declared_outputs(cls)
    optional = optional_arguments(cls)
    for wire in AUTONAMED:
        if wire in declared and wire not in checked and declared[wire] in optional:
            prefix = checked.get(f"{wire}Prefix")
            checked[wire] = f"{prefix}{_digest(urn, length=26)}" if prefix else autoname(logical_name, urn)
    return checked


def provider_outputs(
    token: str, logical_name: str, urn: str, checked: Mapping[str, Any], *, preview: bool, env: Environment
) -> tuple[str, dict[str, Any]]:
    """``(id, outputs)`` the provider returns for a resource with these checked wire inputs.

    In a preview the id is ``""`` (unknown)."""
    outputs = {key: value for key, value in checked.items() if key != "__defaults"}
    cls = sdk_class(token)
    if cls is None:  # another provider's resource: only its inputs are known
        return ("" if preview else f"{logical_name}-id"), outputs
    declared = declared_outputs(cls)
    if "region" in declared and "region" not in outputs:
        outputs["region"] = env.region
    if preview:
        for wire in ["id", *declared]:
            outputs.setdefault(wire, UNKNOWN)
        return "", outputs
    resource_id = _fill(_ID_SHAPES.get(token, "{H}"), outputs, env, urn)
    outputs["id"] = resource_id
    if "arn" in declared and "arn" not in outputs:
        module, _, resource = token.split(":")[1].partition("/")
        shape = _ARN_SHAPES.get(token, f"arn:{{p}}:{module}:{{r}}:{{a}}:{resource.lower()}/{{id}}")
        outputs["arn"] = _fill(shape, {**outputs, "id": resource_id}, env, urn)
    if "tagsAll" in declared and "tagsAll" not in outputs:
        outputs["tagsAll"] = dict(outputs.get("tags") or {})
    for wire, python_name in declared.items():
        if wire not in outputs:
            value = _known_value(cls, python_name, resource_id)
            if value is not None:
                outputs[wire] = value
    return resource_id, outputs


def _known_value(cls: type, python_name: str, resource_id: str) -> Any:
    """A value for a computed output the SDK says is always set (its type is not Optional), so that a
    program reading it (``key.key_id``) gets a value and a property dependency, as after a real update;
    an Optional output stays absent (null)."""
    annotation = str(inspect.signature(getattr(cls, python_name).fget).return_annotation)
    inner = annotation.removeprefix("pulumi.output.Output[").removesuffix("]")
    if inner.startswith("typing.Optional"):
        return None
    if inner == "str":
        return resource_id if python_name.endswith("_id") else f"{resource_id}-{python_name}"
    return (
        {"bool": False, "int": 0, "float": 0.0}.get(inner)
        if "[" not in inner
        else ({} if "Mapping" in inner.split("[", 1)[0] else [])
    )


__all__ = [
    "ACCOUNT_ID",
    "AWS_VERSION",
    "UNKNOWN",
    "Environment",
    "check",
    "declared_outputs",
    "partition_of",
    "provider_outputs",
    "sdk_class",
]
