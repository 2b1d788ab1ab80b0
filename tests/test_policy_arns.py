"""Table tests for ARN parsing and AWS Backup's `*` patterns (every partition)."""

from __future__ import annotations

import pytest
from backup_guardrails.arns import (
    RoleArn,
    S3Policy,
    _intersects,
    _s3_template,
    classify_policy_arn,
    excludes_all_s3,
    glob_matches,
    may_select_s3,
    parse_role_arn,
    partition_of,
    role_name_of,
    selects_only_s3,
)
from hypothesis import given, settings
from hypothesis import strategies as st

ROLE_ARNS = [
    ("plain", "arn:aws:iam::123456789012:role/backup", RoleArn("aws", "123456789012", "backup", "/")),
    (
        "console default role",
        "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole",
        RoleArn("aws", "123456789012", "AWSBackupDefaultServiceRole", "/service-role/"),
    ),
    ("china", "arn:aws-cn:iam::123456789012:role/a/b/c", RoleArn("aws-cn", "123456789012", "c", "/a/b/")),
    ("govcloud", "arn:aws-us-gov:iam::123456789012:role/r", RoleArn("aws-us-gov", "123456789012", "r", "/")),
    ("a user, not a role", "arn:aws:iam::123456789012:user/bob", None),
    ("short account", "arn:aws:iam::1234:role/r", None),
    ("a name", "AWSBackupDefaultServiceRole", None),
    ("trailing slash", "arn:aws:iam::123456789012:role/path/", None),
    ("empty", "", None),
]


@pytest.mark.parametrize(("case", "value", "expected"), ROLE_ARNS, ids=[row[0] for row in ROLE_ARNS])
def test_parse_role_arn(case: str, value: str, expected: RoleArn | None) -> None:
    assert parse_role_arn(value) == expected


def test_role_name_of_accepts_names_and_arns() -> None:
    assert role_name_of("arn:aws:iam::123456789012:role/service-role/X") == "X"
    assert role_name_of("X") == "X"


POLICIES = [
    ("s3 backup", "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup", S3Policy.BACKUP, False),
    (
        "s3 restore cn",
        "arn:aws-cn:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore",
        S3Policy.RESTORE,
        False,
    ),
    (
        "service-role typo",
        "arn:aws-us-gov:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForS3Backup",
        S3Policy.BACKUP,
        True,
    ),
    (
        "general backup",
        "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
        None,
        None,
    ),
    (
        "customer policy of same name",
        "arn:aws:iam::123456789012:policy/AWSBackupServiceRolePolicyForS3Backup",
        None,
        None,
    ),
    ("suffix", "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3BackupX", None, None),
]


@pytest.mark.parametrize(("case", "arn", "policy", "misplaced"), POLICIES, ids=[row[0] for row in POLICIES])
def test_classify_policy_arn(case: str, arn: str, policy: S3Policy | None, misplaced: bool | None) -> None:
    match = classify_policy_arn(arn)
    if policy is None:
        assert match is None
    else:
        assert match is not None and (match.policy, match.misplaced) == (policy, misplaced)


PATTERNS = [
    # case, pattern, may select S3, selects only S3, excludes all S3 (aws partition)
    ("everything", "*", True, False, True),
    ("one bucket", "arn:aws:s3:::app-data", True, True, False),
    ("bucket prefix", "arn:aws:s3:::app-*", True, True, False),
    ("all S3 any partition", "arn:*:s3:::*", True, True, True),
    ("all S3 in aws", "arn:aws:s3:::*", True, True, True),
    ("all S3 in aws-cn", "arn:aws-cn:s3:::*", True, True, False),
    ("govcloud bucket", "arn:aws-us-gov:s3:::gov-data", True, True, False),
    ("every aws service", "arn:aws:*", True, False, True),
    ("every arn", "arn:*", True, False, True),
    ("dynamodb tables", "arn:aws:dynamodb:*:*:table/*", False, False, False),
    ("ec2 volumes", "arn:aws:ec2:*:*:volume/*", False, False, False),
    ("efs", "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-1", False, False, False),
    ("s3 lookalike service", "arn:aws:s3express:::x", False, False, False),
    ("star in the middle", "arn:aws:s*:::bucket", True, False, False),
    ("not an arn", "bucket-name", False, False, False),
]


@pytest.mark.parametrize(
    ("case", "pattern", "may", "only", "excludes"), PATTERNS, ids=[row[0] for row in PATTERNS]
)
def test_resource_patterns(case: str, pattern: str, may: bool, only: bool, excludes: bool) -> None:
    assert may_select_s3(pattern) is may
    assert selects_only_s3(pattern) is only
    assert excludes_all_s3(pattern, "aws") is excludes


def test_excludes_all_s3_without_partition_needs_every_partition() -> None:
    assert excludes_all_s3("arn:*:s3:::*", None)
    assert not excludes_all_s3("arn:aws:s3:::*", None)


@pytest.mark.parametrize(
    ("pattern", "value", "expected"),
    [
        ("arn:aws:s3:::a*", "arn:aws:s3:::abc", True),
        ("arn:aws:s3:::a*", "arn:aws:s3:::b", False),
        ("*", "", True),
        ("a*b*c", "aXbYc", True),
        ("a*b*c", "aXbY", False),
        ("exact", "exact", True),
    ],
)
def test_glob_matches(pattern: str, value: str, expected: bool) -> None:
    assert glob_matches(pattern, value) is expected


def test_partition_of() -> None:
    assert partition_of("arn:aws-us-gov:s3:::b") == "aws-us-gov"
    assert partition_of("*") is None


# The fast paths (a regular expression per glob, a regular expression for star-free resource entries)
# against the general matcher they replace, on strings built from the characters that matter.
_CHARS = st.sampled_from([*"arn:*s3-aw\n/x", "arn:", ":s3:::", "arn:aws:s3:::", "aws-cn"])
_STRINGS = st.lists(_CHARS, max_size=8).map("".join)


@settings(max_examples=1000, derandomize=True)
@given(_STRINGS, _STRINGS)
def test_glob_matches_is_the_general_matcher(pattern: str, value: str) -> None:
    assert glob_matches(pattern, value) is _intersects(pattern, list(value))


@settings(max_examples=1000, derandomize=True)
@given(_STRINGS)
def test_may_select_s3_is_the_general_matcher(pattern: str) -> None:
    assert may_select_s3(pattern) is _intersects(pattern, _s3_template(None))
