"""Argument checking: every static mistake fails at construction, before anything is registered.

Each error names the argument (as the Python field name) and the values it accepts. ``TypeError`` means
the value has the wrong shape (a ``str`` where a list is expected, an unknown argument); ``ValueError``
means the shape is right but the value is not (an unknown resource type, a malformed ARN, two options
that exclude each other). Values that are outputs of other resources cannot be checked here and go to
AWS as they are.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from inspect import isawaitable
from typing import Any

import pulumi

from .args import BackupServiceRoleArgs
from .constants import (
    MANAGED_POLICIES,
    MAX_SESSION_DURATION,
    MIN_SESSION_DURATION,
    PARTITIONS,
    RESOURCE_TYPES,
    S3,
)

ARGUMENTS: tuple[str, ...] = tuple(BackupServiceRoleArgs.__annotations__)


class ArgumentError(Exception):
    """A static mistake in a BackupServiceRole's arguments, as the component reports it: a ``TypeError`` or
    ``ValueError`` (see :class:`ArgumentTypeError`, :class:`ArgumentValueError`) that keeps the check's own
    message in :attr:`reason`, so a non-Python consumer can be told it in its own property names."""

    reason: str

    @staticmethod
    def wrap(error: TypeError | ValueError, prefix: str) -> ArgumentError:
        kind = ArgumentTypeError if isinstance(error, TypeError) else ArgumentValueError
        wrapped = kind(f"{prefix}{error}")
        wrapped.reason = str(error)
        return wrapped


class ArgumentTypeError(ArgumentError, TypeError):
    """An argument of the wrong shape."""


class ArgumentValueError(ArgumentError, ValueError):
    """An argument of the right shape but a value that is not accepted."""


"""Every argument name, in declaration order."""

ROLE_OPTIONS: tuple[str, ...] = (
    "role_name",
    "role_name_prefix",
    "path",
    "description",
    "tags",
    "permissions_boundary",
    "max_session_duration",
    "source_account_id",
)
"""The arguments that configure a role this component creates; adopt mode creates none."""

_NAME_CHARS = "A-Za-z0-9_+=,.@-"
_NAME_CHARS_TEXT = "letters, digits and +=,.@_-"
_ROLE_NAME_ACCEPTS = f"1 to 64 characters from {_NAME_CHARS_TEXT}"
_ROLE_NAME = re.compile(f"[{_NAME_CHARS}]{{1,64}}")
_ROLE_NAME_PREFIX = re.compile(f"[{_NAME_CHARS}]{{1,38}}")
_PATH = re.compile(r"/|/[\x21-\x7e]{1,510}/")
_DESCRIPTION = re.compile(r"[\t\n\r\x20-\x7e\xa1-\xff]{0,1000}")
_ACCOUNT_ID = re.compile(r"\d{12}")
_POLICY_ARN = re.compile(
    rf"arn:(?P<partition>[^:]+):iam::(?P<account>aws|\d{{12}}):policy/(?P<path_and_name>(?:[{_NAME_CHARS}]+/)*[{_NAME_CHARS}]{{1,128}})"
)
_POLICY_ARN_SHAPE = "arn:<partition>:iam::<'aws' or a 12-digit account id>:policy/<optional path/><name>"


@dataclass(frozen=True)
class RoleSpec:
    """Checked, normalised arguments: everything the component needs to decide what to create."""

    resource_types: tuple[str, ...]
    """The resource types to protect, deduplicated, in the order of ``constants.RESOURCE_TYPES``."""
    include_restores: bool
    partition: str | None
    """The explicit partition, or ``None`` to ask the AWS provider."""
    extra_policy_arns: tuple[tuple[str, pulumi.Input[str]], ...]
    """``(child key, ARN)`` pairs; the key is derived from the ARN, or its position when it is an output."""
    existing_role_name: str | None
    role_args: Mapping[str, Any]
    """Keyword arguments for ``aws.iam.Role`` (only those given), keyed by their pulumi-aws names."""
    source_account_id: pulumi.Input[str] | None


def _listing(values: Sequence[str]) -> str:
    return ", ".join(values)


def _type_name(value: object) -> str:
    return type(value).__name__


def _is_deferred(value: object) -> bool:
    """True for values only known later: outputs of other resources, awaitables."""
    return isinstance(value, pulumi.Output) or isawaitable(value)


def check_partition(value: object, *, argument: str) -> str:
    """Return ``value`` if it is one of :data:`~backup_roles.constants.PARTITIONS`."""
    if not isinstance(value, str):
        raise TypeError(
            f"{argument} must be a str ({_listing(PARTITIONS)}), got {_type_name(value)}; leave it unset "
            "to use the partition of the AWS provider"
        )
    if value not in PARTITIONS:
        raise ValueError(
            f"{argument}: unknown AWS partition {value!r}; accepted values: {_listing(PARTITIONS)}"
        )
    return value


def check_resource_type_names(names: object, *, argument: str) -> tuple[str, ...]:
    """Return ``names`` deduplicated in canonical order, if every one is an AWS Backup resource type."""
    if isinstance(names, str) or not isinstance(names, (list, tuple)):
        raise TypeError(
            f"{argument} must be a list of AWS Backup resource type names, got {_type_name(names)}"
            + (f" {names!r}; write [{names!r}]" if isinstance(names, str) else "")
        )
    given: set[str] = set()
    for index, name in enumerate(names):
        if not isinstance(name, str):
            raise TypeError(f"{argument}[{index}] must be a str, got {_type_name(name)}")
        if name not in RESOURCE_TYPES:
            hint = next((f" (did you mean {t!r}?)" for t in RESOURCE_TYPES if t.lower() == name.lower()), "")
            raise ValueError(
                f"{argument}: unknown AWS Backup resource type {name!r}{hint}; "
                f"accepted values: {_listing(RESOURCE_TYPES)}"
            )
        given.add(name)
    if not given:
        raise ValueError(
            f"{argument} must name at least one resource type; accepted values: {_listing(RESOURCE_TYPES)}"
        )
    return tuple(t for t in RESOURCE_TYPES if t in given)


def check_policy_arn(value: str, *, argument: str, partition: str | None) -> re.Match[str]:
    """Return the match of a well-formed IAM managed policy ARN in a known partition."""
    match = _POLICY_ARN.fullmatch(value)
    if match is None:
        raise ValueError(
            f"{argument}: {value!r} is not an IAM managed policy ARN; expected {_POLICY_ARN_SHAPE}"
        )
    arn_partition = match["partition"]
    if arn_partition not in PARTITIONS:
        raise ValueError(
            f"{argument}: {value!r} names unknown AWS partition {arn_partition!r}; "
            f"accepted values: {_listing(PARTITIONS)}"
        )
    if partition is not None and arn_partition != partition:
        raise ValueError(
            f"{argument}: {value!r} is in partition {arn_partition!r}, but partition is {partition!r}"
        )
    if match["account"] == "aws" and match["path_and_name"].startswith(
        "service-role/AWSBackupServiceRolePolicyForS3"
    ):
        fixed = value.replace("policy/service-role/", "policy/", 1)
        raise ValueError(
            f"{argument}: {value!r} does not exist: the S3 policies are at the root path: {fixed!r}"
        )
    return match


def _check_bool(args: Mapping[str, Any], argument: str, default: bool) -> bool:
    value = args.get(argument, default)
    if not isinstance(value, bool):
        raise TypeError(f"{argument} must be a bool (True or False), got {_type_name(value)}")
    return value


def _check_plain_str(args: Mapping[str, Any], argument: str) -> str | None:
    value = args.get(argument)
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{argument} must be a str, got {_type_name(value)}")
    return value


def _check_input(args: Mapping[str, Any], argument: str, expected: type, check: Any = None) -> Any:
    """Check a ``pulumi.Input`` argument: its plain value now, an output's value never."""
    value = args.get(argument)
    if value is None or _is_deferred(value):
        return value
    if expected is int and isinstance(value, float) and value.is_integer():
        # Numbers from other languages arrive through the plugin as floats, and pulumi 3.272's
        # ComponentProvider.map_inputs computes int(value) but then stores the float anyway.
        value = int(value)
    # bool is an int subclass, but True is not a session duration.
    if not isinstance(value, expected) or (isinstance(value, bool) and expected is not bool):
        article = "an" if expected is int else "a"
        raise TypeError(
            f"{argument} must be {article} {expected.__name__} or an Output[{expected.__name__}], "
            f"got {_type_name(value)}"
        )
    if check is not None:
        check(value)
    return value


def _regex_check(argument: str, pattern: re.Pattern[str], accepted: str) -> Any:
    def check(value: str) -> None:
        if pattern.fullmatch(value) is None:
            raise ValueError(f"{argument}: {value!r} is not valid; accepted: {accepted}")

    return check


def _check_session_duration(value: int) -> None:
    if not MIN_SESSION_DURATION <= value <= MAX_SESSION_DURATION:
        raise ValueError(
            f"max_session_duration: {value} is out of range; accepted values: {MIN_SESSION_DURATION} to "
            f"{MAX_SESSION_DURATION} seconds (1 to 12 hours)"
        )


def _check_tags(value: object) -> None:
    for key, tag_value in value.items():  # type: ignore[attr-defined]
        if not isinstance(key, str) or not key:
            raise TypeError(f"tags keys must be non-empty str, got {key!r}")
        if not (isinstance(tag_value, str) or _is_deferred(tag_value)):
            raise TypeError(f"tags[{key!r}] must be a str or an Output[str], got {_type_name(tag_value)}")


def _resource_types(args: Mapping[str, Any]) -> tuple[str, ...]:
    include_s3 = args.get("include_s3")
    if include_s3 is not None and not isinstance(include_s3, bool):
        raise TypeError(f"include_s3 must be a bool (True or False), got {_type_name(include_s3)}")
    if "resource_types" not in args:
        return RESOURCE_TYPES if include_s3 is not False else tuple(t for t in RESOURCE_TYPES if t != S3)
    types = check_resource_type_names(args["resource_types"], argument="resource_types")
    if include_s3 is not None and include_s3 is not (S3 in types):
        listed = "lists" if S3 in types else "does not list"
        raise ValueError(
            f"include_s3={include_s3} contradicts resource_types, which {listed} 'S3'; "
            "give only one of them, or make them agree"
        )
    return types


def _extra_policy_arns(args: Mapping[str, Any], partition: str | None) -> tuple[tuple[str, Any], ...]:
    extras = args.get("extra_policy_arns", [])
    if isinstance(extras, str) or not isinstance(extras, (list, tuple)):
        raise TypeError(
            "extra_policy_arns must be a list of policy ARNs (a plain list; its items may be outputs), "
            f"got {_type_name(extras)}"
        )
    managed = {p.path_and_name: p for p in MANAGED_POLICIES}
    keyed: list[tuple[str, Any]] = []
    for index, arn in enumerate(extras):
        argument = f"extra_policy_arns[{index}]"
        if _is_deferred(arn):
            keyed.append((str(index), arn))
            continue
        if not isinstance(arn, str):
            raise TypeError(f"{argument} must be a str or an Output[str], got {_type_name(arn)}")
        match = check_policy_arn(arn, argument=argument, partition=partition)
        if match["account"] == "aws" and match["path_and_name"] in managed:
            raise ValueError(
                f"{argument}: {arn!r} is one of the AWS Backup policies this component chooses itself; "
                "select it with resource_types, include_s3 and include_restores instead"
            )
        key = match["path_and_name"].replace("/", "-")
        if any(arn == other for _, other in keyed):
            raise ValueError(f"{argument}: {arn!r} is listed twice")
        if any(key == other for other, _ in keyed):
            raise ValueError(f"{argument}: {arn!r} has the same path and name as another extra policy ARN")
        keyed.append((key, arn))
    return tuple(keyed)


def validate_args(args: object) -> RoleSpec:
    """Check ``args`` (a :class:`~backup_roles.BackupServiceRoleArgs` or ``None``) and normalise it.

    Arguments set to ``None`` count as not given.
    """
    if args is None:
        args = {}
    if not isinstance(args, Mapping):
        raise TypeError(f"args must be a dict (BackupServiceRoleArgs), got {_type_name(args)}")
    for key in args:
        if key not in ARGUMENTS:
            raise TypeError(f"unknown argument {key!r}; accepted arguments: {_listing(ARGUMENTS)}")
    given = {k: v for k, v in args.items() if v is not None}

    partition = (
        None if "partition" not in given else check_partition(given["partition"], argument="partition")
    )
    resource_types = _resource_types(given)
    include_restores = _check_bool(given, "include_restores", default=True)
    extras = _extra_policy_arns(given, partition)

    existing_role_name = _check_plain_str(given, "existing_role_name")
    if existing_role_name is not None:
        _regex_check("existing_role_name", _ROLE_NAME, _ROLE_NAME_ACCEPTS)(existing_role_name)
        conflicts = [option for option in ROLE_OPTIONS if option in given]
        if conflicts:
            raise ValueError(
                f"existing_role_name (adopt mode) cannot be combined with {_listing(conflicts)}: adopt mode "
                "creates no role, so only resource_types, include_s3, include_restores, extra_policy_arns "
                "and partition apply"
            )

    if "role_name" in given and "role_name_prefix" in given:
        raise ValueError("role_name and role_name_prefix are mutually exclusive; give at most one")

    role_args = {
        "name": _check_input(
            given, "role_name", str, _regex_check("role_name", _ROLE_NAME, _ROLE_NAME_ACCEPTS)
        ),
        "name_prefix": _check_input(
            given,
            "role_name_prefix",
            str,
            _regex_check(
                "role_name_prefix", _ROLE_NAME_PREFIX, f"1 to 38 characters from {_NAME_CHARS_TEXT}"
            ),
        ),
        "path": _check_input(
            given,
            "path",
            str,
            _regex_check("path", _PATH, "'/' or '/segments/', printable ASCII, starting and ending with '/'"),
        ),
        "description": _check_input(
            given,
            "description",
            str,
            _regex_check("description", _DESCRIPTION, "at most 1000 characters, no control characters"),
        ),
        "tags": _check_input(given, "tags", dict, _check_tags),
        "permissions_boundary": _check_input(
            given,
            "permissions_boundary",
            str,
            lambda arn: check_policy_arn(arn, argument="permissions_boundary", partition=partition),
        ),
        "max_session_duration": _check_input(given, "max_session_duration", int, _check_session_duration),
    }
    source_account_id = _check_input(
        given,
        "source_account_id",
        str,
        _regex_check("source_account_id", _ACCOUNT_ID, "an AWS account id, exactly 12 digits"),
    )
    return RoleSpec(
        resource_types=resource_types,
        include_restores=include_restores,
        partition=partition,
        extra_policy_arns=extras,
        existing_role_name=existing_role_name,
        role_args={k: v for k, v in role_args.items() if v is not None},
        source_account_id=source_account_id,
    )
