"""Ask IAM itself which managed policies a role outside the stack carries (opt-in: ``verifyExternalRoles``).

Platform teams keep IAM in a stack of their own, so a selection often names its role by a literal ARN,
a config value or a stack reference output. The stack cannot prove what such a role carries, and a
``trustedRoleArns`` entry is a promise nobody re-checks. With ``verifyExternalRoles`` on, the main rule
asks IAM (``iam:GetRole`` and the paginated ``iam:ListAttachedRolePolicies``) with the credentials the
deployment itself uses: the selection's own AWS provider settings (profile, region, static keys, shared
config and credentials files, ``assumeRoles``, the ``endpoints`` IAM/STS entries), else boto3's default
chain, which honours the standard environment variables including ``AWS_ENDPOINT_URL(_IAM)``.

An IAM error never passes a selection: the rule falls back to its verdict without IAM and names the
error. Lookups are cached per analysis and per (credentials, role), run concurrently, and share one time
budget, so a preview never hangs on the network.

boto3 is imported only inside :func:`verify_roles`: with the setting off the pack never loads it.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from .arns import parse_role_arn
from .props import MISSING, UNKNOWN, pluck

LOG: Final = logging.getLogger(__name__)

PERMISSIONS: Final = ("iam:GetRole", "iam:ListAttachedRolePolicies")
"""What the credentials need on each looked-up role."""

_MAX_WORKERS: Final = 8
_BUDGET_KEY: Final = "verifyExternalRolesTimeoutSeconds"
_SESSION_NAME: Final = "backup-guardrails"
# IAM is global, but the client still needs a region of the right partition to find its endpoint.
_PARTITION_REGIONS: Final = {"aws": "us-east-1", "aws-cn": "cn-north-1", "aws-us-gov": "us-gov-west-1"}


# --- outcomes -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Attached:
    """IAM found the role; these managed policies are attached to it now."""

    role_arn: str
    policy_arns: tuple[str, ...]


@dataclass(frozen=True)
class NoSuchRole:
    """IAM says the role does not exist (at this ARN)."""

    role_arn: str
    detail: str


@dataclass(frozen=True)
class Unverified:
    """IAM could not be asked or did not answer; ``cause`` names the error in IAM's (or boto3's) words."""

    role_arn: str
    cause: str


Outcome = Attached | NoSuchRole | Unverified


# --- client settings from the selection's provider ---------------------------------------------------


@dataclass(frozen=True)
class AssumeRole:
    """One entry of the provider's ``assumeRoles`` chain."""

    role_arn: str
    session_name: str | None = None
    external_id: str | None = None


@dataclass(frozen=True)
class ClientSettings:
    """How to reach IAM as the selection's provider would. Hashable: the per-analysis cache key."""

    region: str | None = None
    profile: str | None = None
    access_key: str | None = field(default=None, repr=False)
    secret_key: str | None = field(default=None, repr=False)
    token: str | None = field(default=None, repr=False)
    shared_config_files: tuple[str, ...] = ()
    shared_credentials_files: tuple[str, ...] = ()
    assume_roles: tuple[AssumeRole, ...] = ()
    iam_endpoint: str | None = None
    sts_endpoint: str | None = None
    sts_region: str | None = None
    ca_bundle: str | None = None
    insecure: bool = False
    problem: str | None = None
    """Why these settings cannot be used (a provider setting unknown during preview, or malformed)."""


def settings_for(provider: object | None) -> ClientSettings:
    """The client settings of a resource's provider (``PolicyResource.provider``; ``None``: the defaults).

    The provider's inputs arrive as the engine holds them: scalars as strings, lists and objects as JSON
    text (pulumi-aws serializes them so), or as plain values. Any setting that is unknown during preview
    makes the settings unusable: guessing other credentials could ask the wrong account.
    """
    if provider is None:
        return ClientSettings()
    props = getattr(provider, "props", None)
    try:
        return _settings(props)
    except _SettingError as error:
        return ClientSettings(problem=str(error))
    except Exception as error:  # never let odd provider inputs stop the rule: the role is just unverified
        return ClientSettings(problem=f"the provider's settings could not be read ({type(error).__name__})")


class _SettingError(ValueError):
    pass


def _settings(props: object) -> ClientSettings:
    if _decoded(props, "assumeRoleWithWebIdentity") is not MISSING:
        # Other credentials than the deployment's could reach another account or other permissions.
        raise _SettingError("the provider's assumeRoleWithWebIdentity is not supported by this check")
    endpoints = _objects(props, "endpoints")
    assume_roles = tuple(
        AssumeRole(
            role_arn=_text(entry, "roleArn", "role_arn", where="assumeRoles") or "",
            session_name=_text(entry, "sessionName", "session_name", where="assumeRoles"),
            external_id=_text(entry, "externalId", "external_id", where="assumeRoles"),
        )
        for entry in _objects(props, "assumeRoles")
    )
    for entry in assume_roles:
        if not entry.role_arn:
            raise _SettingError("the provider's assumeRoles has an entry without roleArn")
    return ClientSettings(
        region=_scalar(props, "region"),
        profile=_scalar(props, "profile"),
        access_key=_scalar(props, "accessKey"),
        secret_key=_scalar(props, "secretKey"),
        token=_scalar(props, "token"),
        shared_config_files=_paths(props, "sharedConfigFiles"),
        shared_credentials_files=_paths(props, "sharedCredentialsFiles"),
        assume_roles=assume_roles,
        iam_endpoint=next((e for e in (_text(x, "iam", where="endpoints") for x in endpoints) if e), None),
        sts_endpoint=next((e for e in (_text(x, "sts", where="endpoints") for x in endpoints) if e), None),
        sts_region=_scalar(props, "stsRegion"),
        ca_bundle=_scalar(props, "customCaBundle"),
        insecure=(_scalar(props, "insecure") or "").lower() == "true",
    )


def _decoded(props: object, key: str) -> Any:
    value = pluck(props, key)
    if value is UNKNOWN:
        raise _SettingError(f"the provider's {key} is unknown during preview")
    if value is MISSING or value == "":
        return MISSING
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError as error:
            raise _SettingError(f"the provider's {key} is not valid JSON ({error})") from None
    return value


def _scalar(props: object, key: str) -> str | None:
    value = _decoded(props, key)
    if value is MISSING:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float):
        return str(value)
    raise _SettingError(f"the provider's {key} is not a string")


def _objects(props: object, key: str) -> list[Mapping[str, Any]]:
    value = _decoded(props, key)
    if value is MISSING:
        return []
    items = value if isinstance(value, list) else [value]
    if not all(isinstance(item, Mapping) for item in items):
        raise _SettingError(f"the provider's {key} is not a list of objects")
    return items


def _paths(props: object, key: str) -> tuple[str, ...]:
    value = _decoded(props, key)
    if value is MISSING:
        return ()
    items = value if isinstance(value, list) else [value]
    if not all(isinstance(item, str) for item in items):
        raise _SettingError(f"the provider's {key} is not a list of paths")
    return tuple(os.path.expanduser(item) for item in items if item)


def _text(entry: Mapping[str, Any], *keys: str, where: str) -> str | None:
    for key in keys:
        value = entry.get(key)
        if value is UNKNOWN:
            raise _SettingError(f"the provider's {where} {keys[0]} is unknown during preview")
        if isinstance(value, str) and value:
            return value
    return None


# --- lookups ------------------------------------------------------------------------------------------


Request = tuple[ClientSettings, str]
"""The settings to ask IAM with, and the role ARN to ask about."""


def verify_roles(requests: Iterable[Request], budget: float) -> dict[Request, Outcome]:
    """Look up every (settings, role ARN) concurrently; whatever is not answered within ``budget`` seconds
    is :class:`Unverified`. Never raises; waits at most the budget once boto3 is imported."""
    wanted = list(dict.fromkeys(requests))
    if not wanted:
        return {}
    results: dict[Request, Outcome] = {}
    pending = []
    for settings, arn in wanted:
        if settings.problem:
            results[(settings, arn)] = Unverified(arn, settings.problem)
        else:
            pending.append((settings, arn))
    if not pending:
        return results
    try:
        clients = _Clients(budget)
    except Exception as error:
        prefix = "boto3 is not installed" if isinstance(error, ImportError) else "boto3 could not start"
        cause = f"{prefix} ({error})"
        return {**results, **{key: Unverified(key[1], cause) for key in pending}}
    # The budget covers the network (clients, STS, IAM), not importing boto3 (bounded, under a second).
    answered = _run(clients, pending, deadline=time.monotonic() + budget)
    for key in pending:
        late = Unverified(key[1], f"IAM did not answer within the {budget:g} s budget ({_BUDGET_KEY})")
        results[key] = answered.get(key, late)
    for key, outcome in results.items():
        if isinstance(outcome, Attached):
            LOG.debug("IAM: %s carries %s", key[1], ", ".join(outcome.policy_arns) or "no managed policy")
    return results


def _run(clients: _Clients, pending: list[Request], deadline: float) -> dict[Request, Outcome]:
    """Up to ``_MAX_WORKERS`` lookups at once, until ``deadline``; what is answered by then.

    Daemon threads, not an executor: a thread stuck on a silent endpoint is abandoned at the deadline
    (its socket times out on its own) and never holds up the pack process's exit, which an executor's
    workers would (they are joined at interpreter exit)."""
    lock = threading.Lock()
    queue = list(reversed(pending))
    answered: dict[Request, Outcome] = {}
    expired = threading.Event()

    def work() -> None:
        while not expired.is_set():
            with lock:
                if not queue:
                    return
                key = queue.pop()
            outcome = _lookup(clients, *key)
            with lock:
                answered[key] = outcome

    workers = [
        threading.Thread(target=work, name=f"iam-lookup-{number}", daemon=True)
        for number in range(min(_MAX_WORKERS, len(pending)))
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(max(0.0, deadline - time.monotonic()))
    expired.set()
    with lock:
        return dict(answered)


class _Clients:
    """One IAM client per distinct settings, created once (under a lock) and shared by the lookups."""

    def __init__(self, budget: float) -> None:
        import boto3  # only here: the pack's cold start never pays for it
        from botocore.config import Config

        self.boto3 = boto3
        self.config = Config(
            # A socket outlives the budget a little, so the budget, not botocore, names a slow IAM.
            connect_timeout=budget + 1,
            read_timeout=budget + 1,
            retries={"max_attempts": 2, "mode": "standard"},
            user_agent_extra="backup-guardrails",
        )
        self._lock = threading.Lock()
        self._locks: dict[ClientSettings, threading.Lock] = {}
        self._made: dict[ClientSettings, Any] = {}

    def iam(self, settings: ClientSettings, partition: str) -> Any:
        with self._lock:
            lock = self._locks.setdefault(settings, threading.Lock())
        with lock:
            if settings not in self._made:
                try:
                    self._made[settings] = self._client(settings, partition)
                except Exception as error:
                    self._made[settings] = error
            made = self._made[settings]
        if isinstance(made, Exception):
            raise made
        return made

    def _client(self, settings: ClientSettings, partition: str) -> Any:
        session = self._session(settings)
        region = settings.region or session.region_name or _PARTITION_REGIONS.get(partition, "us-east-1")
        verify: bool | str | None = False if settings.insecure else settings.ca_bundle
        for step in settings.assume_roles:
            sts = session.client(
                "sts",
                region_name=settings.sts_region or region,
                endpoint_url=settings.sts_endpoint,
                config=self.config,
                verify=verify,
            )
            options = {"ExternalId": step.external_id} if step.external_id else {}
            credentials = sts.assume_role(
                RoleArn=step.role_arn, RoleSessionName=step.session_name or _SESSION_NAME, **options
            )["Credentials"]
            session = self.boto3.session.Session(
                aws_access_key_id=credentials["AccessKeyId"],
                aws_secret_access_key=credentials["SecretAccessKey"],
                aws_session_token=credentials["SessionToken"],
                region_name=region,
            )
        return session.client(
            "iam", region_name=region, endpoint_url=settings.iam_endpoint, config=self.config, verify=verify
        )

    def _session(self, settings: ClientSettings) -> Any:
        import botocore.session

        core = botocore.session.Session()
        # botocore reads one config and one credentials file; the provider's first ones are used.
        if settings.shared_config_files:
            core.set_config_variable("config_file", settings.shared_config_files[0])
        if settings.shared_credentials_files:
            core.set_config_variable("credentials_file", settings.shared_credentials_files[0])
        static = (
            {
                "aws_access_key_id": settings.access_key,
                "aws_secret_access_key": settings.secret_key,
                "aws_session_token": settings.token,
            }
            if settings.access_key and settings.secret_key
            else {}
        )
        return self.boto3.session.Session(
            botocore_session=core,
            profile_name=None if static else settings.profile,
            region_name=settings.region,
            **static,
        )


def _lookup(clients: _Clients, settings: ClientSettings, role_arn: str) -> Outcome:
    """GetRole, then every page of ListAttachedRolePolicies; errors become outcomes, never exceptions."""
    parsed = parse_role_arn(role_arn)
    if parsed is None:  # the rule only asks about parsed ARNs
        return Unverified(role_arn, "it is not an IAM role ARN")
    try:
        from botocore.exceptions import ClientError
    except ImportError as error:  # pragma: no cover - _Clients imported it already
        return Unverified(role_arn, f"boto3 is not installed ({error})")
    try:
        iam = clients.iam(settings, parsed.partition)
        role = iam.get_role(RoleName=parsed.name)["Role"]
        found = parse_role_arn(str(role.get("Arn", "")))
        if found is not None and found.partition != parsed.partition:
            return Unverified(
                role_arn,
                f"the credentials reach partition {found.partition}, not the role's partition "
                f"{parsed.partition}",
            )
        if found is not None and found.account != parsed.account:
            return Unverified(
                role_arn,
                f"the credentials reach account {found.account}, not the role's account {parsed.account}",
            )
        if found is not None and found.path != parsed.path:
            return NoSuchRole(role_arn, f"a role named {parsed.name} only at {role['Arn']}")
        arns: list[str] = []
        for page in iam.get_paginator("list_attached_role_policies").paginate(RoleName=parsed.name):
            arns += [str(policy["PolicyArn"]) for policy in page.get("AttachedPolicies", ())]
        return Attached(role_arn, tuple(arns))
    except ClientError as error:
        details = error.response.get("Error", {})
        code = details.get("Code", "Error")
        message = details.get("Message", "")
        if code == "NoSuchEntity":
            return NoSuchRole(role_arn, f"{code}: {message}".rstrip(": "))
        return Unverified(role_arn, f"{code}: {message}".rstrip(": "))
    except Exception as error:  # no credentials, unknown profile, endpoint unreachable, timeouts, ...
        return Unverified(role_arn, f"{type(error).__name__}: {error}")
