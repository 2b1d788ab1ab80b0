"""Run a Pulumi program against mocks and keep every request the engine would have seen.

``run(program, preview=...)`` executes ``program`` under ``pulumi.runtime.set_mocks`` with a
:class:`CapturingMonitor`, and returns a :class:`Run`: each resource registration as sent (inputs in the wire
encoding the policy analyzer also sees, with secrets and unknowns marked), the outputs each component
registered, and the values the program asked to resolve.

:class:`AwsMocks` stands in for the AWS provider: it echoes inputs back as outputs like the engine, leaves
``id``/``arn`` unknown in a preview, autonames roles like the AWS provider, and answers ``aws.getPartition``
and ``aws.iam.getRole``.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pulumi
from google.protobuf import json_format
from pulumi.runtime.mocks import MockCallArgs, MockMonitor, MockResourceArgs

ACCOUNT_ID = "123456789012"
SECRET_SIG = "4dabf18193072939515e22adb298388d"
SECRET_VALUE = "1b47061264138c4ac30d75fd1eb44270"
UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
STACK_TYPE = "pulumi:pulumi:Stack"


def secret(value: Any) -> dict[str, Any]:
    """A secret value as it appears in a registration's inputs."""
    return {SECRET_SIG: SECRET_VALUE, "value": value}


class AwsMocks(pulumi.runtime.Mocks):
    """The AWS provider, reduced to what BackupServiceRole and a backup plan need."""

    def __init__(self, *, partition: str, preview: bool, existing_role_path: str = "/service-role/") -> None:
        self.partition = partition
        self.preview = preview
        self.existing_role_path = existing_role_path

    def new_resource(self, args: MockResourceArgs) -> tuple[str, dict[str, Any]]:
        state = dict(args.inputs)
        if args.typ == "aws:iam/role:Role" and "name" not in state:
            # The AWS provider fills in an autoname during Check, so it is known even in a preview.
            state["name"] = f"{state.get('namePrefix', args.name + '-')}abcdef0"
        if self.preview:
            return "", state
        if args.typ == "aws:iam/role:Role":
            state["arn"] = (
                f"arn:{self.partition}:iam::{ACCOUNT_ID}:role{state.get('path', '/')}{state['name']}"
            )
        if args.typ == "aws:iam/policy:Policy":
            state["arn"] = f"arn:{self.partition}:iam::{ACCOUNT_ID}:policy/{args.name}"
        return f"{args.name}-id", state

    def call(self, args: MockCallArgs) -> dict[str, Any]:  # type: ignore[override]
        if args.token == "aws:index/getPartition:getPartition":
            suffix = {"aws-cn": "amazonaws.com.cn"}.get(self.partition, "amazonaws.com")
            return {"id": self.partition, "partition": self.partition, "dnsSuffix": suffix}
        if args.token == "aws:iam/getRole:getRole":
            name = args.args["name"]
            arn = f"arn:{self.partition}:iam::{ACCOUNT_ID}:role{self.existing_role_path}{name}"
            return {"id": name, "name": name, "arn": arn, "path": self.existing_role_path}
        if args.token == "aws:index/getCallerIdentity:getCallerIdentity":
            return {
                "id": ACCOUNT_ID,
                "accountId": ACCOUNT_ID,
                "arn": f"arn:{self.partition}:iam::{ACCOUNT_ID}:root",
            }
        # (a bare dict: the mock monitor cannot take `(result, None)` for "no failures")
        raise NotImplementedError(f"no mock for the invoke {args.token}")


@dataclass(frozen=True)
class Registration:
    """One ``RegisterResource`` request, decoded."""

    urn: str
    type: str
    name: str
    parent: str
    custom: bool
    provider: str
    """The provider reference, ``"<provider URN>::<provider id>"``; empty for the default provider."""
    inputs: dict[str, Any]
    """The ``object`` of the request in wire encoding: secrets as ``secret(...)``, unknowns as UNKNOWN."""
    dependencies: list[str]
    property_dependencies: dict[str, list[str]]


class CapturingMonitor(MockMonitor):
    """A MockMonitor that records every registration and every component's registered outputs."""

    def __init__(self, mocks: pulumi.runtime.Mocks) -> None:
        super().__init__(mocks)
        self.registrations: list[Registration] = []
        self.registered_outputs: dict[str, dict[str, Any]] = {}
        self.invokes: list[tuple[str, str]] = []
        """``(token, provider reference)`` of every invoke."""

    def RegisterResource(self, request: Any) -> Any:  # noqa: N802 - the gRPC method name
        if request.type != STACK_TYPE:
            self.registrations.append(
                Registration(
                    urn=self.make_urn(request.parent, request.type, request.name),
                    type=request.type,
                    name=request.name,
                    parent=request.parent,
                    custom=request.custom,
                    provider=request.provider,
                    inputs=json_format.MessageToDict(request.object),
                    dependencies=list(request.dependencies),
                    property_dependencies={k: list(v.urns) for k, v in request.propertyDependencies.items()},
                )
            )
        return super().RegisterResource(request)

    def Invoke(self, request: Any) -> Any:  # noqa: N802 - the gRPC method name
        self.invokes.append((request.tok, request.provider))
        return super().Invoke(request)

    def RegisterResourceOutputs(self, request: Any) -> Any:  # noqa: N802 - the gRPC method name
        self.registered_outputs[request.urn] = json_format.MessageToDict(request.outputs)
        return super().RegisterResourceOutputs(request)


@dataclass
class Run:
    """What one program registered, and the values it asked to resolve (absent when unknown)."""

    registrations: list[Registration]
    registered_outputs: dict[str, dict[str, Any]]
    invokes: list[tuple[str, str]]
    values: dict[str, Any] = field(default_factory=dict)

    def by_name(self, name: str) -> Registration:
        """The registration of the resource called ``name`` (its logical name)."""
        (found,) = [r for r in self.registrations if r.name == name]
        return found

    def of_type(self, type_: str) -> list[Registration]:
        return [r for r in self.registrations if r.type == type_]

    def children_of(self, parent: Registration) -> list[Registration]:
        return [r for r in self.registrations if r.parent == parent.urn]


def run(
    program: Callable[[], Mapping[str, Any] | None],
    *,
    preview: bool = True,
    partition: str = "aws",
    existing_role_path: str = "/service-role/",
) -> Run:
    """Run ``program`` under mocks; resolve the outputs in the mapping it returns into ``Run.values``."""
    mocks = AwsMocks(partition=partition, preview=preview, existing_role_path=existing_role_path)
    monitor = CapturingMonitor(mocks)
    # set_mocks keeps the root stack of an earlier program (another test module's project and stack):
    # each run gets its own, as each `pulumi preview` does.
    pulumi.runtime.settings.set_root_resource(None)  # type: ignore[arg-type]
    pulumi.runtime.set_mocks(mocks, preview=preview, monitor=monitor)
    values: dict[str, Any] = {}

    @pulumi.runtime.test
    def execute() -> pulumi.Output[Any]:
        wanted = program() or {}
        return pulumi.Output.all(
            *(
                pulumi.Output.from_input(v).apply(lambda x, k=k: values.__setitem__(k, x))
                for k, v in wanted.items()
            )
        )

    execute()
    return Run(monitor.registrations, monitor.registered_outputs, monitor.invokes, values)


__all__ = [
    "ACCOUNT_ID",
    "SECRET_SIG",
    "UNKNOWN",
    "AwsMocks",
    "CapturingMonitor",
    "Registration",
    "Run",
    "run",
    "secret",
]
