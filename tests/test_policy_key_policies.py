"""Reading KMS key policies (README, S3 readiness item 5): table cases with readable names."""

from __future__ import annotations

import json
from typing import Any

import pytest
from backup_guardrails.key_policies import names_role, read_key_policy

ROOT = "arn:aws:iam::123456789012:root"
ROLE = "arn:aws:iam::123456789012:role/backup/backup-role"


def _doc(*statements: dict[str, Any]) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def _allow(principal: Any, action: Any, **extra: Any) -> dict[str, Any]:
    return {"Effect": "Allow", "Principal": principal, "Action": action, "Resource": "*", **extra}


DELEGATION = [
    ("root statement, kms:*", _doc(_allow({"AWS": ROOT}, "kms:*")), True),
    ("bare account id", _doc(_allow({"AWS": "123456789012"}, "kms:*")), True),
    ("any principal", _doc(_allow("*", "kms:*")), True),
    ("root in a list", _doc(_allow({"AWS": ["arn:aws:iam::123456789012:user/a", ROOT]}, "kms:*")), True),
    ("gov partition root", _doc(_allow({"AWS": "arn:aws-us-gov:iam::123456789012:root"}, "*")), True),
    ("actions listed", _doc(_allow({"AWS": ROOT}, ["kms:Decrypt", "kms:GenerateDataKey*"])), True),
    ("action case differs", _doc(_allow({"AWS": ROOT}, ["KMS:decrypt", "kms:generatedatakey"])), True),
    ("root without GenerateDataKey", _doc(_allow({"AWS": ROOT}, ["kms:Decrypt"])), False),
    ("root denied, not allowed", _doc({**_allow({"AWS": ROOT}, "kms:*"), "Effect": "Deny"}), False),
    (
        "NotPrincipal does not count",
        _doc({"Effect": "Allow", "NotPrincipal": {"AWS": ROOT}, "Action": "kms:*"}),
        False,
    ),
    (
        "NotAction does not count",
        _doc({"Effect": "Allow", "Principal": {"AWS": ROOT}, "NotAction": "kms:Sign"}),
        False,
    ),
    ("service principal only", _doc(_allow({"Service": "s3.amazonaws.com"}, "kms:*")), False),
    ("one statement as an object", json.dumps({"Statement": _allow({"AWS": ROOT}, "kms:*")}), True),
    ("already an object (aws-native)", {"Statement": [_allow({"AWS": ROOT}, "kms:*")]}, True),
]


@pytest.mark.parametrize(("case", "document", "delegates"), DELEGATION, ids=[row[0] for row in DELEGATION])
def test_delegation_to_iam(case: str, document: Any, delegates: bool) -> None:
    reading = read_key_policy(document)
    assert reading.problem is None
    assert reading.delegates_to_iam is delegates


UNREADABLE = [
    ("not JSON", "{", "it is not valid JSON"),
    ("a JSON list", "[]", "it is not a JSON object"),
    ("a number", 7, "it is not a JSON object"),
    ("no Statement", "{}", "it has no Statement list"),
    ("Statement is a string", json.dumps({"Statement": "x"}), "it has no Statement list"),
]


@pytest.mark.parametrize(("case", "document", "problem"), UNREADABLE, ids=[row[0] for row in UNREADABLE])
def test_unreadable_documents_name_the_problem(case: str, document: Any, problem: str) -> None:
    assert read_key_policy(document).problem == problem


ROLES = [
    ("by ARN", ROLE, "backup-role", ROLE, True),
    ("by name, ARN unknown", ROLE, "backup-role", None, True),
    ("another role", "arn:aws:iam::123456789012:role/other", "backup-role", None, False),
    ("role unknown, policy names a role", ROLE, None, None, None),
]


@pytest.mark.parametrize(("case", "principal", "name", "arn", "named"), ROLES, ids=[row[0] for row in ROLES])
def test_a_policy_that_names_the_role(
    case: str, principal: str, name: str | None, arn: str | None, named: bool | None
) -> None:
    reading = read_key_policy(
        _doc(_allow({"AWS": principal}, ["kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKey"]))
    )
    assert not reading.delegates_to_iam
    assert names_role(reading, name, arn) is named


def test_a_role_allowed_too_little_is_not_named() -> None:
    reading = read_key_policy(_doc(_allow({"AWS": ROLE}, ["kms:Decrypt"])))
    assert reading.role_principals == ()
    assert names_role(reading, "backup-role", ROLE) is False
