"""The functions (data sources) the stand-in serves, and what each returns for the fake account."""

from __future__ import annotations

import hashlib
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .environment import REGION_DESCRIPTIONS, Environment, is_region_name, partition_of
from .well_known import DEFAULT_BACKUP_ROLE_NAME, get_role_result

CALLER_NAME = "backup-guardrails-standin"


class DataSourceError(Exception):
    """A data source read that fails in the real provider; the message is the Terraform diagnostic."""


@dataclass(frozen=True)
class InvokeSpec:
    """One function as the real provider shapes it."""

    token: str
    tf_name: str
    run: Callable[[Mapping[str, Any], Environment], dict[str, Any]]
    required: tuple[str, ...] = ()


def _get_partition(args: Mapping[str, Any], env: Environment) -> dict[str, Any]:
    partition = env.partition
    return {
        "dnsSuffix": partition.dns_suffix,
        "id": partition.name,
        "partition": partition.name,
        "reverseDnsPrefix": partition.reverse_dns_prefix,
    }


def _stable_id(prefix: str, seed: str) -> str:
    digest = hashlib.sha256(seed.encode()).digest()
    alphabet = string.ascii_uppercase + string.digits
    return prefix + "".join(alphabet[b % len(alphabet)] for b in digest[:17])


def _get_caller_identity(args: Mapping[str, Any], env: Environment) -> dict[str, Any]:
    return {
        "accountId": env.account_id,
        "arn": f"arn:{env.partition.name}:iam::{env.account_id}:user/{CALLER_NAME}",
        "id": env.account_id,
        "userId": _stable_id("AIDA", env.account_id),
    }


def _get_region(args: Mapping[str, Any], env: Environment) -> dict[str, Any]:
    wanted = args.get("region") or args.get("name")
    if not wanted and isinstance(args.get("endpoint"), str):
        wanted = next((r for r in REGION_DESCRIPTIONS if f".{r}." in args["endpoint"]), None)
    region = str(wanted) if wanted else env.region
    if not is_region_name(region):
        raise DataSourceError(f"invalid AWS Region: {region}")
    return {
        "description": REGION_DESCRIPTIONS.get(region, region),
        "endpoint": f"ec2.{region}.{partition_of(region).dns_suffix}",
        "id": region,
        "name": region,
        "region": region,
    }


def _get_role(args: Mapping[str, Any], env: Environment) -> dict[str, Any]:
    name = args.get("name")
    if name != DEFAULT_BACKUP_ROLE_NAME:
        # The stand-in is stateless: it only knows the role the AWS Backup console creates.
        raise DataSourceError(f"reading IAM Role ({name}): couldn't find resource")
    return get_role_result(env)


INVOKES: Mapping[str, InvokeSpec] = {
    spec.token: spec
    for spec in (
        InvokeSpec("aws:index/getPartition:getPartition", "aws_partition", _get_partition),
        InvokeSpec(
            "aws:index/getCallerIdentity:getCallerIdentity", "aws_caller_identity", _get_caller_identity
        ),
        InvokeSpec("aws:index/getRegion:getRegion", "aws_region", _get_region),
        InvokeSpec("aws:iam/getRole:getRole", "aws_iam_role", _get_role, required=("name",)),
    )
}
"""Every function the stand-in serves, by token."""
