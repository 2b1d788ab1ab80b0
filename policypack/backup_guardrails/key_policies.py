"""Reading a KMS key policy: does it delegate to IAM, and which roles does it allow by name?

AWS (encryption.html, FACTS.md): the S3 managed policies grant ``kms:Decrypt`` / ``kms:DescribeKey``
(S3Backup) and ``kms:GenerateDataKey`` (S3Restore) through S3 only, so a customer-managed key's policy
must either delegate to IAM (an Allow statement for the account root principal, usually ``kms:*``) or
allow the backup role itself. Only Allow statements with ``Principal`` and ``Action`` count (``Deny``,
``NotPrincipal``, ``NotAction`` and conditions are not evaluated); both routes must cover
``kms:Decrypt`` and ``kms:GenerateDataKey``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .arns import glob_matches, parse_role_arn

NEEDED_ACTIONS = ("kms:Decrypt", "kms:GenerateDataKey")
_ROOT = re.compile(r"^(?:arn:aws[a-z0-9-]*:iam::(\d{12}):root|(\d{12}))$")


@dataclass(frozen=True)
class KeyPolicyReading:
    """What one key policy document allows."""

    problem: str | None = None
    """Why the document cannot be read (not JSON, no statements); nothing else is then set."""
    delegates_to_iam: bool = False
    role_principals: tuple[str, ...] = ()
    """Role ARNs (or ``*``) allowed the needed actions by name."""


def read_key_policy(document: Any) -> KeyPolicyReading:
    if isinstance(document, str):
        try:
            document = json.loads(document)
        except ValueError:
            return KeyPolicyReading(problem="it is not valid JSON")
    if not isinstance(document, Mapping):
        return KeyPolicyReading(problem="it is not a JSON object")
    statements = document.get("Statement")
    if isinstance(statements, Mapping):
        statements = [statements]
    if not isinstance(statements, list):
        return KeyPolicyReading(problem="it has no Statement list")
    delegates = False
    roles: list[str] = []
    for statement in statements:
        if not isinstance(statement, Mapping) or statement.get("Effect") != "Allow":
            continue
        if not _covers_needed(statement.get("Action")):
            continue
        for principal in _principals(statement.get("Principal")):
            if principal == "*" or _ROOT.match(principal):
                delegates = True
            elif parse_role_arn(principal) is not None:
                roles.append(principal)
    return KeyPolicyReading(delegates_to_iam=delegates, role_principals=tuple(roles))


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def _covers_needed(actions: Any) -> bool:
    patterns = [action.lower() for action in _strings(actions)]
    return all(any(glob_matches(p, needed.lower()) for p in patterns) for needed in NEEDED_ACTIONS)


def _principals(principal: Any) -> list[str]:
    if principal == "*":
        return ["*"]
    if isinstance(principal, Mapping):
        return _strings(principal.get("AWS"))
    return []


def names_role(reading: KeyPolicyReading, role_name: str | None, role_arn: str | None) -> bool | None:
    """Whether the policy allows the role by name; ``None`` when the role's name and ARN are unknown and
    the policy names some role (it might be this one)."""
    if role_arn and role_arn in reading.role_principals:
        return True
    if role_name is None and role_arn is None:
        return None if reading.role_principals else False
    for principal in reading.role_principals:
        parsed = parse_role_arn(principal)
        if parsed is not None and parsed.name == role_name:
            return True
    return False
