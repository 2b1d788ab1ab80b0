"""The fake AWS account the stand-in pretends to be: account id, region, partition and provider settings.

The account id comes from ``BACKUP_GUARDRAILS_ACCOUNT_ID`` (or ``AWS_ACCOUNT_ID``), else the single entry of
the provider's ``allowedAccountIds``, else ``123456789012``. The region comes from the provider's ``region``
(``aws:region``), else ``AWS_REGION`` / ``AWS_DEFAULT_REGION``, else ``us-east-1``. The partition follows the
region, as in the real provider.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

DEFAULT_ACCOUNT_ID = "123456789012"
DEFAULT_REGION = "us-east-1"
ACCOUNT_ENV_VARS = ("BACKUP_GUARDRAILS_ACCOUNT_ID", "AWS_ACCOUNT_ID")
REGION_ENV_VARS = ("AWS_REGION", "AWS_DEFAULT_REGION")

_REGION_PATTERN = re.compile(r"^[a-z]{2}(-[a-z]+)+-\d+$")
_ACCOUNT_PATTERN = re.compile(r"^\d{12}$")


class ConfigurationError(Exception):
    """Provider configuration the real provider would also refuse; the message is the real one."""


@dataclass(frozen=True)
class Partition:
    """An AWS partition as ``aws.get_partition`` reports it."""

    name: str
    dns_suffix: str
    reverse_dns_prefix: str
    region_prefixes: tuple[str, ...]


PARTITIONS = (
    Partition("aws-cn", "amazonaws.com.cn", "cn.com.amazonaws", ("cn-",)),
    Partition("aws-us-gov", "amazonaws.com", "com.amazonaws", ("us-gov-",)),
    Partition("aws-iso", "c2s.ic.gov", "gov.ic.c2s", ("us-iso-",)),
    Partition("aws-iso-b", "sc2s.sgov.gov", "gov.sgov.sc2s", ("us-isob-",)),
    Partition("aws", "amazonaws.com", "com.amazonaws", ()),
)

REGION_DESCRIPTIONS = {
    "us-east-1": "US East (N. Virginia)",
    "us-east-2": "US East (Ohio)",
    "us-west-1": "US West (N. California)",
    "us-west-2": "US West (Oregon)",
    "ca-central-1": "Canada (Central)",
    "sa-east-1": "South America (Sao Paulo)",
    "eu-west-1": "Europe (Ireland)",
    "eu-west-2": "Europe (London)",
    "eu-west-3": "Europe (Paris)",
    "eu-central-1": "Europe (Frankfurt)",
    "eu-north-1": "Europe (Stockholm)",
    "eu-south-1": "Europe (Milan)",
    "ap-south-1": "Asia Pacific (Mumbai)",
    "ap-northeast-1": "Asia Pacific (Tokyo)",
    "ap-northeast-2": "Asia Pacific (Seoul)",
    "ap-southeast-1": "Asia Pacific (Singapore)",
    "ap-southeast-2": "Asia Pacific (Sydney)",
    "cn-north-1": "China (Beijing)",
    "cn-northwest-1": "China (Ningxia)",
    "us-gov-west-1": "AWS GovCloud (US-West)",
    "us-gov-east-1": "AWS GovCloud (US-East)",
}


def partition_of(region: str) -> Partition:
    """The partition a region belongs to (``cn-*`` is ``aws-cn``, ``us-gov-*`` is ``aws-us-gov``, ...)."""
    for partition in PARTITIONS:
        if region.startswith(partition.region_prefixes):
            return partition
    return PARTITIONS[-1]


def is_region_name(value: str) -> bool:
    """Whether a string is shaped like an AWS region name."""
    return bool(_REGION_PATTERN.match(value))


def _env_region() -> str:
    for name in REGION_ENV_VARS:
        if os.environ.get(name):
            return os.environ[name]
    return DEFAULT_REGION


def _env_account() -> str | None:
    for name in ACCOUNT_ENV_VARS:
        if os.environ.get(name):
            return os.environ[name]
    return None


def _decoded(value: Any) -> Any:
    """Provider config set with ``pulumi config set`` arrives as strings, JSON for lists and objects."""
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _string_list(value: Any) -> list[str]:
    value = _decoded(value)
    if isinstance(value, list):
        return [str(v) for v in value]
    return []


@dataclass(frozen=True)
class Environment:
    """Everything about the fake account a resource or invoke needs to build realistic values."""

    account_id: str = DEFAULT_ACCOUNT_ID
    region: str = DEFAULT_REGION
    default_tags: Mapping[str, str] = field(default_factory=dict)

    @property
    def partition(self) -> Partition:
        return partition_of(self.region)

    def in_region(self, region: Any) -> Environment:
        """This environment for a resource whose own ``region`` property overrides the provider's."""
        if isinstance(region, str) and region:
            return replace(self, region=region)
        return self

    @staticmethod
    def from_process() -> Environment:
        """The environment before the engine has configured the provider (environment variables only)."""
        return Environment(account_id=_env_account() or DEFAULT_ACCOUNT_ID, region=_env_region())

    @staticmethod
    def configured(args: Mapping[str, Any], variables: Mapping[str, str]) -> Environment:
        """The environment from the engine's Configure call. Every key the real provider accepts is
        accepted; the ones that do not shape ARNs are ignored.

        :raises ConfigurationError: if the account is not allowed by ``allowedAccountIds`` or is in
            ``forbiddenAccountIds``, with the real provider's message.
        """
        region = args.get("region") or variables.get("aws:region") or variables.get("aws:config:region")
        region = str(region) if region else _env_region()

        allowed = _string_list(args.get("allowedAccountIds"))
        forbidden = _string_list(args.get("forbiddenAccountIds"))
        account = _env_account() or (allowed[0] if len(allowed) == 1 else DEFAULT_ACCOUNT_ID)
        if not _ACCOUNT_PATTERN.match(account):
            raise ConfigurationError(f"invalid AWS account ID {account!r} for the stand-in: need 12 digits")
        if (allowed and account not in allowed) or account in forbidden:
            raise ConfigurationError(f"AWS account ID not allowed: {account}")

        default_tags: dict[str, str] = {}
        block = _decoded(args.get("defaultTags"))
        if isinstance(block, Mapping):
            tags = _decoded(block.get("tags"))
            if isinstance(tags, Mapping):
                default_tags = {str(k): str(v) for k, v in tags.items()}
        return Environment(account_id=account, region=region, default_tags=default_tags)
