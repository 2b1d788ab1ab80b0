"""One timed run of the component benchmark, in a fresh process (``bench/run.py`` starts it).

``python bench/component_program.py VARIANT COUNT [--warmup N]`` runs a Pulumi program under preview mocks
(``pulumi.runtime.set_mocks``) that creates COUNT backup service roles, after an untimed warm-up run of
N roles (imports, lazy modules and first-call paths), and prints one JSON object: the seconds from the
first constructor call until every registration, invoke and output of the program has settled, and what
the program registered. Variants:

- ``component``: ``BackupServiceRole(name)``, the public API with its defaults (the partition comes from
  the provider, ``aws.getPartition``);
- ``component-partition``: ``BackupServiceRole(name, {"partition": "aws"})``, no lookup;
- ``hand``: the same resources written by hand: ``aws.iam.Role`` with the same trust policy and one
  ``aws.iam.RolePolicyAttachment`` per policy, with literal ARNs (the baseline of the target);
- ``hand-waits``: the same, with the ARN the program uses made to wait for the attachments as the
  component's ``arn`` does (what a careful hand-written program needs against IAM eventual consistency);
- ``minimal-component``: the ``hand`` resources inside the least a component can be (a ComponentResource
  parent that registers one output): the cost of being a component at all, the floor for any
  implementation of BackupServiceRole.

Every variant returns each role's ARN output and waits for it, as a program that passes it to a backup
selection does.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

import pulumi
import pulumi_aws as aws
from backup_roles import BackupServiceRole
from pulumi.runtime.mocks import MockCallArgs, MockMonitor, MockResourceArgs

PARTITION = "aws"
TRUST = (
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"backup.amazonaws.com"},'
    '"Action":"sts:AssumeRole"}]}'
)
POLICIES = (
    ("backup", f"arn:{PARTITION}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup"),
    ("restores", f"arn:{PARTITION}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores"),
    ("s3-backup", f"arn:{PARTITION}:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup"),
    ("s3-restore", f"arn:{PARTITION}:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore"),
)
VARIANTS = ("component", "component-partition", "hand", "hand-waits", "minimal-component")


class Mocks(pulumi.runtime.Mocks):
    """The AWS provider during a preview: inputs echoed back, ids and ARNs unknown, getPartition answered."""

    def new_resource(self, args: MockResourceArgs) -> tuple[str, dict[str, Any]]:
        state = dict(args.inputs)
        if args.typ == "aws:iam/role:Role" and "name" not in state:
            state["name"] = f"{args.name}-abcdef0"
        return "", state

    def call(self, args: MockCallArgs) -> dict[str, Any]:  # type: ignore[override]
        if args.token == "aws:index/getPartition:getPartition":
            return {"id": PARTITION, "partition": PARTITION, "dnsSuffix": "amazonaws.com"}
        raise NotImplementedError(args.token)


class CountingMonitor(MockMonitor):
    def __init__(self, mocks: pulumi.runtime.Mocks) -> None:
        super().__init__(mocks)
        self.registrations: dict[str, int] = {}
        self.invokes = 0

    def RegisterResource(self, request: Any) -> Any:  # noqa: N802 - the gRPC method name
        self.registrations[request.type] = self.registrations.get(request.type, 0) + 1
        return super().RegisterResource(request)

    def Invoke(self, request: Any) -> Any:  # noqa: N802 - the gRPC method name
        self.invokes += 1
        return super().Invoke(request)


def _hand_written(name: str) -> pulumi.Output[str]:
    role = aws.iam.Role(f"{name}-role", assume_role_policy=TRUST)
    for key, arn in POLICIES:
        aws.iam.RolePolicyAttachment(f"{name}-{key}", role=role.name, policy_arn=arn)
    return role.arn


def _hand_written_waits(name: str) -> pulumi.Output[str]:
    role = aws.iam.Role(f"{name}-role", assume_role_policy=TRUST)
    attachments = [
        aws.iam.RolePolicyAttachment(f"{name}-{key}", role=role.name, policy_arn=arn) for key, arn in POLICIES
    ]
    return pulumi.Output.all(role.arn, *(a.id for a in attachments)).apply(lambda values: values[0])


class Minimal(pulumi.ComponentResource):
    """The least a component can be: itself, the ``hand`` resources as children, one registered output."""

    def __init__(self, name: str) -> None:
        super().__init__("bench:index:Minimal", name, {}, None)
        children = pulumi.ResourceOptions(parent=self)
        role = aws.iam.Role(f"{name}-role", assume_role_policy=TRUST, opts=children)
        for key, arn in POLICIES:
            aws.iam.RolePolicyAttachment(f"{name}-{key}", role=role.name, policy_arn=arn, opts=children)
        self.arn = role.arn
        self.register_outputs({"arn": self.arn})


def _minimal_component(name: str) -> pulumi.Output[str]:
    return Minimal(name).arn


def _component(name: str) -> pulumi.Output[str]:
    return BackupServiceRole(name).arn


def _component_partition(name: str) -> pulumi.Output[str]:
    return BackupServiceRole(name, {"partition": PARTITION}).arn


BUILDERS = {
    "component": _component,
    "component-partition": _component_partition,
    "hand": _hand_written,
    "hand-waits": _hand_written_waits,
    "minimal-component": _minimal_component,
}


def run(variant: str, count: int, prefix: str) -> tuple[float, float, CountingMonitor]:
    """Run the program once under fresh mocks; return its wall time and what it registered."""
    build = BUILDERS[variant]
    mocks = Mocks()
    monitor = CountingMonitor(mocks)
    pulumi.runtime.set_mocks(mocks, preview=True, monitor=monitor)

    @pulumi.runtime.test
    def program() -> pulumi.Output[list[Any]]:
        return pulumi.Output.all(*(build(f"{prefix}{i}") for i in range(count)))

    # The test wrapper returns when the outputs have settled and every outstanding RPC has finished.
    start, cpu_start = time.perf_counter(), time.process_time()
    program()
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    return elapsed, cpu, monitor


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("variant", choices=VARIANTS)
    parser.add_argument("count", type=int)
    parser.add_argument("--warmup", type=int, default=20)
    args = parser.parse_args()
    if args.warmup:
        run(args.variant, args.warmup, "warmup-")
    seconds, cpu, monitor = run(args.variant, args.count, "role-")
    registrations = {k: v for k, v in monitor.registrations.items() if k != "pulumi:pulumi:Stack"}
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu_seconds": cpu,
                "registrations": registrations,
                "invokes": monitor.invokes,
            }
        )
    )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
