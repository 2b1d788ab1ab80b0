"""Run a corpus program as the engine would on a first preview and on a re-preview of its deployed state.

:func:`capture` runs a Pulumi Python program under ``pulumi.runtime.set_mocks`` with a monitor that answers
every registration with :func:`tests.support.corpus_provider.provider_outputs` and records what the engine
would hand the policy pack:

- for ``Analyze`` (resource policies): each resource's INPUTS after the provider's Check (autonames filled
  in), in registration order, with its provider's inputs (the default ``aws`` provider carries the stack's
  region); the stack resource and the provider resources are analyzed too, as the engine does;
- for ``AnalyzeStack``: each resource's OUTPUTS, ``parent``, ``dependencies`` and ``propertyDependencies``
  (empty lists dropped, as the engine drops them).

URNs are the engine's: a top-level resource's type is not prefixed with ``pulumi:pulumi:Stack`` (the SDK's
mock monitor does that), its parent is the stack resource, and a child's type is its parent's whole type
chain (pulumi ``step_generator.go``: ``AnalyzeResources`` sends every resource of the deployment).

``preview=True`` is ``pulumi preview`` of a new stack: every computed output is unknown.
``preview=False`` is the re-preview after ``pulumi up``: every value is known; after a refresh each role's
``managedPolicyArns`` output is what AWS has attached to it then (:func:`attached_policies`), without one
it is what the provider read when it created the role.
"""

from __future__ import annotations

import hashlib
import runpy
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pulumi
from google.protobuf import json_format, struct_pb2
from pulumi.runtime.mocks import MockCallArgs, MockMonitor, MockResourceArgs
from pulumi.runtime.proto import analyzer_pb2, resource_pb2

from .corpus_provider import AWS_VERSION, UNKNOWN, Environment, check, provider_outputs

STACK_TYPE = "pulumi:pulumi:Stack"
STACK_REFERENCE = "pulumi:pulumi:StackReference"
DEFAULT_PROVIDER = f"default_{AWS_VERSION.replace('.', '_')}"
ROLE = "aws:iam/role:Role"
ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment"
POLICY_ATTACHMENT = "aws:iam/policyAttachment:PolicyAttachment"
EXCLUSIVE = "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive"


@dataclass
class Resource:
    """One registered resource, as the engine would hold it."""

    urn: str
    type: str
    name: str
    parent: str
    custom: bool
    provider: str
    """The provider reference ``<provider URN>::<id>`` (the default provider's is filled in afterwards)."""
    inputs: dict[str, Any]
    outputs: dict[str, Any]
    dependencies: list[str]
    property_dependencies: dict[str, list[str]]


def _uuid_of(seed: str) -> str:
    digest = hashlib.sha256(seed.encode()).hexdigest()
    return f"{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:32]}"


class _Invokes(pulumi.runtime.Mocks):
    """The data sources the corpus programs call, answered in the stack's partition and account."""

    def __init__(self, env: Environment) -> None:
        self.env = env

    def new_resource(self, args: MockResourceArgs) -> tuple[str, dict[str, Any]]:  # pragma: no cover
        raise AssertionError("registrations are answered by the monitor")

    def call(self, args: MockCallArgs) -> dict[str, Any]:  # type: ignore[override]
        env = self.env
        if args.token == "aws:index/getPartition:getPartition":
            suffix = "amazonaws.com.cn" if env.partition == "aws-cn" else "amazonaws.com"
            return {"id": env.partition, "partition": env.partition, "dnsSuffix": suffix}
        if args.token == "aws:index/getCallerIdentity:getCallerIdentity":
            arn = f"arn:{env.partition}:iam::{env.account}:root"
            return {"id": env.account, "accountId": env.account, "arn": arn, "userId": env.account}
        if args.token == "aws:index/getRegion:getRegion":
            return {"id": env.region, "name": env.region, "region": env.region}
        if args.token == "aws:iam/getRole:getRole":
            name = args.args["name"]
            path = {
                "AWSBackupDefaultServiceRole": "/service-role/",
                "AWSServiceRoleForBackup": "/aws-service-role/backup.amazonaws.com/",
            }.get(name, "/")
            arn = f"arn:{env.partition}:iam::{env.account}:role{path}{name}"
            return {"id": name, "name": name, "arn": arn, "path": path}
        if args.token == "aws:kms/getAlias:getAlias":
            key_id = _uuid_of(args.args["name"])
            key_arn = f"arn:{env.partition}:kms:{env.region}:{env.account}:key/{key_id}"
            alias_arn = f"arn:{env.partition}:kms:{env.region}:{env.account}:{args.args['name']}"
            return {
                "id": alias_arn,
                "arn": alias_arn,
                "name": args.args["name"],
                "targetKeyId": key_id,
                "targetKeyArn": key_arn,
            }
        if args.token == "aws:kms/getKey:getKey":
            key_id = args.args["keyId"]
            arn = f"arn:{env.partition}:kms:{env.region}:{env.account}:key/{key_id}"
            return {"id": key_id, "arn": arn, "keyId": key_id, "enabled": True}
        raise NotImplementedError(f"no corpus answer for the invoke {args.token}")


class _EngineMonitor(MockMonitor):
    """Answers registrations like the AWS provider, with the engine's URNs, and records them."""

    def __init__(self, env: Environment, preview: bool) -> None:
        super().__init__(_Invokes(env))
        self.env = env
        self.preview = preview
        self.recorded: list[Resource] = []
        self.types: dict[str, str] = {}
        """URN -> qualified type (the parent chain), for children's URNs."""

    def is_stack(self, urn: str) -> bool:
        """Whether a URN is a stack's (the SDK keeps the first program's stack as root across runs)."""
        return f"::{STACK_TYPE}::" in urn

    def make_urn(self, parent: str, type_: str, name: str) -> str:
        qualified = type_
        if parent and parent in self.types and not self.is_stack(parent):
            qualified = f"{self.types[parent]}${type_}"
        urn = f"urn:pulumi:{pulumi.get_stack()}::{pulumi.get_project()}::{qualified}::{name}"
        self.types[urn] = qualified
        return urn

    def RegisterResource(self, request: Any) -> Any:  # noqa: N802 - the gRPC method name
        urn = self.make_urn(request.parent, request.type, request.name)
        if request.type == STACK_TYPE:
            self.types[urn] = STACK_TYPE
            return resource_pb2.RegisterResourceResponse(urn=urn)
        inputs = json_format.MessageToDict(request.object)
        if request.custom:
            inputs = check(request.type, request.name, urn, inputs, self.env)
            id_, outputs = provider_outputs(
                request.type, request.name, urn, inputs, preview=self.preview, env=self.env
            )
        else:  # a component: the engine keeps what it registers as outputs later
            id_, outputs = "", {}
        parent = "" if self.is_stack(request.parent) else request.parent
        self.recorded.append(
            Resource(
                urn=urn,
                type=request.type,
                name=request.name,
                parent=parent,
                custom=bool(request.custom),
                provider=request.provider,
                inputs=inputs,
                outputs=outputs,
                dependencies=list(request.dependencies),
                property_dependencies={
                    key: list(value.urns) for key, value in request.propertyDependencies.items() if value.urns
                },
            )
        )
        response_object = struct_pb2.Struct()
        response_object.update(outputs)
        self.resources[urn] = MockMonitor.ResourceRegistration(urn, id_, outputs)
        return resource_pb2.RegisterResourceResponse(urn=urn, id=id_, object=response_object)

    def ReadResource(self, request: Any) -> Any:  # noqa: N802 - the gRPC method name
        """A read of an existing resource: a ``StackReference`` gets the other stack's outputs (known in a
        preview too, as the engine reads them); nothing else in the corpus reads resources."""
        if request.type != STACK_REFERENCE:
            raise NotImplementedError(f"no corpus answer for reading a {request.type}")
        urn = self.make_urn(request.parent, request.type, request.name)
        name = json_format.MessageToDict(request.properties).get("name", request.id)
        outputs = {"name": name, "outputs": dict(self.env.stack_outputs[name]), "secretOutputNames": []}
        parent = "" if self.is_stack(request.parent) else request.parent
        self.recorded.append(
            Resource(
                urn,
                request.type,
                request.name,
                parent,
                True,
                request.provider,
                {"name": name},
                outputs,
                [],
                {},
            )
        )
        properties = struct_pb2.Struct()
        properties.update(outputs)
        self.resources[urn] = MockMonitor.ResourceRegistration(urn, request.id, outputs)
        return resource_pb2.ReadResourceResponse(urn=urn, properties=properties)

    def RegisterResourceOutputs(self, request: Any) -> Any:  # noqa: N802 - the gRPC method name
        for resource in self.recorded:
            if resource.urn == request.urn:
                resource.outputs = json_format.MessageToDict(request.outputs)
        return super().RegisterResourceOutputs(request)


@dataclass
class Capture:
    """One run of a program: its resources in registration order, and where it deploys."""

    env: Environment
    preview: bool
    resources: list[Resource] = field(default_factory=list)
    project: str = "corpus"
    stack: str = "corpus"

    def by_name(self, name: str) -> Resource:
        (found,) = [r for r in self.resources if r.name == name]
        return found


def _role_names(value: Any) -> list[str]:
    """Role names an attachment's ``role`` / ``roles`` / ``roleName`` holds (an ARN counts by its name)."""
    values = value if isinstance(value, list) else [value]
    return [v.rsplit("/", 1)[-1] for v in values if isinstance(v, str) and v != UNKNOWN]


def attached_policies(resources: list[Resource]) -> dict[str, list[str]]:
    """Role name -> the managed policy ARNs AWS has attached after the update, as the provider reads them.

    A ``RolePolicyAttachmentsExclusive`` owns the role's set (it detaches the rest); otherwise every
    ``RolePolicyAttachment`` and ``PolicyAttachment`` naming the role adds its policy. A role whose own
    ``managedPolicyArns`` is configured keeps that set (the provider aligned the role with it).
    """
    attached: dict[str, list[str]] = {}
    exclusive: dict[str, list[str]] = {}
    for resource in resources:
        props = resource.outputs
        if resource.type == ATTACHMENT:
            names, arns = _role_names(props.get("role")), [props.get("policyArn")]
        elif resource.type == POLICY_ATTACHMENT:
            names, arns = _role_names(props.get("roles") or []), [props.get("policyArn")]
        elif resource.type == EXCLUSIVE:
            for name in _role_names(props.get("roleName")):
                exclusive[name] = [a for a in props.get("policyArns") or [] if isinstance(a, str)]
            continue
        else:
            continue
        for name in names:
            attached.setdefault(name, []).extend(a for a in arns if isinstance(a, str))
    return {**attached, **exclusive}


def _settle_roles(resources: list[Resource]) -> None:
    """Give every deployed role the ``managedPolicyArns`` output the provider reports after a refresh."""
    attached = attached_policies(resources)
    for resource in resources:
        if resource.type == ROLE and "managedPolicyArns" not in resource.inputs:
            name = resource.outputs.get("name")
            resource.outputs["managedPolicyArns"] = sorted(set(attached.get(name, [])))


def _engine_view(resources: list[Resource], env: Environment, project: str, stack: str) -> list[Resource]:
    """The resources as the engine holds them: the stack resource first and the parent of every top-level
    resource, and the default ``aws`` provider (no parent), registered (and analyzed) just before the first
    resource that uses it. (The SDK keeps the first run's stack as root across runs, so the stack is made
    here.)"""
    stack_urn = f"urn:pulumi:{stack}::{project}::{STACK_TYPE}::{project}-{stack}"
    default_urn = f"urn:pulumi:{stack}::{project}::pulumi:providers:aws::{DEFAULT_PROVIDER}"
    provider_inputs = {"region": env.region, "version": AWS_VERSION}
    view = [Resource(stack_urn, STACK_TYPE, f"{project}-{stack}", "", False, "", {}, {}, [], {})]
    for resource in resources:
        resource.parent = resource.parent or stack_urn
        uses_default = resource.custom and resource.type.startswith("aws:") and not resource.provider
        if uses_default and not any(r.urn == default_urn for r in view):
            view.append(
                Resource(
                    default_urn,
                    "pulumi:providers:aws",
                    DEFAULT_PROVIDER,
                    "",  # the engine registers default providers without a parent
                    True,
                    "",
                    dict(provider_inputs),
                    dict(provider_inputs),
                    [],
                    {},
                )
            )
        if uses_default:
            resource.provider = f"{default_urn}::default-provider-id"
        view.append(resource)
    return view


def capture(
    program: Path, *, preview: bool, env: Environment, project: str, refreshed: bool = True
) -> Capture:
    """Run the program at ``program`` (a ``__main__.py``) and return what it registered.

    With ``preview=False``, ``refreshed`` chooses the deployed state the re-preview sees: after a refresh
    (each role's ``managedPolicyArns`` output is what is attached), or as ``pulumi up`` left it (a role
    that does not configure the set keeps the ``[]`` its provider read when it created the role, before
    any attachment existed)."""
    monitor = _EngineMonitor(env, preview)
    pulumi.runtime.set_mocks(monitor.mocks, project=project, stack="corpus", preview=preview, monitor=monitor)

    @pulumi.runtime.test
    def execute() -> None:
        runpy.run_path(str(program), run_name="__main__")

    execute()
    if not preview and refreshed:
        _settle_roles(monitor.recorded)
    resources = _engine_view(monitor.recorded, env, project, "corpus")
    return Capture(env=env, preview=preview, resources=resources, project=project)


def _struct(properties: Mapping[str, Any]) -> struct_pb2.Struct:
    struct = struct_pb2.Struct()
    struct.update(properties)
    return struct


def _provider(capture: Capture, resource: Resource) -> analyzer_pb2.AnalyzerProviderResource | None:
    """The provider resource the engine reports with a resource (its URN, type, name and inputs)."""
    urn = resource.provider.rsplit("::", 1)[0]
    for candidate in capture.resources:
        if urn and candidate.urn == urn:
            return analyzer_pb2.AnalyzerProviderResource(
                type=candidate.type, urn=urn, name=candidate.name, properties=_struct(candidate.inputs)
            )
    return None


def analyzer_resources(capture: Capture, *, outputs: bool) -> list[analyzer_pb2.AnalyzerResource]:
    """The resources as ``Analyze`` (``outputs=False``: inputs) or ``AnalyzeStack`` (outputs) gets them."""
    messages = []
    for resource in capture.resources:
        message = analyzer_pb2.AnalyzerResource(
            type=resource.type,
            name=resource.name,
            urn=resource.urn,
            properties=_struct(resource.outputs if outputs else resource.inputs),
            parent=resource.parent,
        )
        message.dependencies.extend(resource.dependencies)
        for prop, urns in resource.property_dependencies.items():
            message.propertyDependencies[prop].urns.extend(urns)
        provider = _provider(capture, resource)
        if provider is not None:
            message.provider.CopyFrom(provider)
        messages.append(message)
    return messages


__all__ = ["Capture", "Resource", "analyzer_resources", "attached_policies", "capture"]
