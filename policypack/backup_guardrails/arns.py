"""ARNs: IAM role ARNs, the S3 managed-policy ARNs, and AWS Backup's ``*`` resource patterns.

Every pattern here accepts every partition (``aws``, ``aws-cn``, ``aws-us-gov`` and any other).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import Final

from .constants import S3_BACKUP_POLICY, S3_RESTORE_POLICY

_PARTITION: Final = r"aws[a-z0-9-]*"

_ROLE_ARN = re.compile(rf"^arn:(?P<partition>{_PARTITION}):iam::(?P<account>\d{{12}}):role/(?P<path>.+)$")
_POLICY_ARN = re.compile(
    rf"^arn:(?P<partition>{_PARTITION}):iam::aws:policy/(?P<path>(?:[^/]+/)*)(?P<name>[^/]+)$"
)
_ANY_ARN = re.compile(rf"^arn:(?P<partition>{_PARTITION}):")


@dataclass(frozen=True)
class RoleArn:
    """A parsed IAM role ARN."""

    partition: str
    account: str
    name: str
    path: str


# The pure functions below are memoized: a stack repeats the same few role, policy and pattern strings
# across thousands of resources (bench/README.md). Bounded, so a long-lived pack process stays small.
_MEMO: Final = 4096


@lru_cache(maxsize=_MEMO)
def parse_role_arn(value: str) -> RoleArn | None:
    """Parse ``arn:<partition>:iam::<account>:role/<path><name>``; ``None`` when it is not one."""
    match = _ROLE_ARN.match(value)
    if match is None:
        return None
    full = match["path"]
    name = full.rsplit("/", 1)[-1]
    if not name:
        return None
    return RoleArn(match["partition"], match["account"], name, "/" + full[: -len(name)])


def role_name_of(value: str) -> str:
    """The role name a ``role`` argument refers to: the name itself, or the last segment of an ARN."""
    parsed = parse_role_arn(value)
    return parsed.name if parsed else value


def partition_of(value: str) -> str | None:
    """The partition of any ARN, or ``None``."""
    match = _ANY_ARN.match(value)
    return match["partition"] if match else None


class S3Policy(Enum):
    """The two S3 managed policies, by what they allow."""

    BACKUP = S3_BACKUP_POLICY
    RESTORE = S3_RESTORE_POLICY


@dataclass(frozen=True)
class PolicyMatch:
    """What a managed-policy ARN is, for this rule."""

    policy: S3Policy
    misplaced: bool
    """True for the common typo ``.../policy/service-role/AWSBackupServiceRolePolicyForS3...``: no such
    policy exists, so it grants nothing."""


@lru_cache(maxsize=_MEMO)
def classify_policy_arn(value: str) -> PolicyMatch | None:
    """Recognise an S3 backup/restore managed-policy ARN (right path or the ``service-role/`` typo)."""
    match = _POLICY_ARN.match(value)
    if match is None:
        return None
    for policy in S3Policy:
        if match["name"] == policy.value:
            return PolicyMatch(policy, misplaced=match["path"] != "")
    return None


# --- AWS Backup resource patterns -------------------------------------------------------------------
# AWS Backup matches `resources` / `notResources` entries with `*` as "any run of characters".
# A token is either a literal character, or a character class that must match at least one character.


@dataclass(frozen=True)
class _Class:
    chars: frozenset[str] | None  # None: any character
    repeat: bool  # True: zero or more more (the `+` tail of a one-or-more class)

    def accepts(self, char: str) -> bool:
        return self.chars is None or char in self.chars


_PARTITION_CHARS: Final = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")


def _s3_template(partition: str | None) -> list[str | _Class]:
    """``arn:<partition>:s3:::<one or more characters>`` as tokens (any partition when None)."""
    tokens: list[str | _Class] = list("arn:")
    if partition is None:
        tokens += [_Class(_PARTITION_CHARS, False), _Class(_PARTITION_CHARS, True)]
    else:
        tokens += list(partition)
    tokens += list(":s3:::")
    tokens += [_Class(None, False), _Class(None, True)]
    return tokens


def _intersects(pattern: str, template: list[str | _Class]) -> bool:
    """Whether some string matches both the ``*`` glob ``pattern`` and ``template``."""
    seen: set[tuple[int, int]] = set()
    stack = [(0, 0)]
    while stack:
        i, j = stack.pop()
        if (i, j) in seen:
            continue
        seen.add((i, j))
        if i == len(pattern) and j == len(template):
            return True
        star = i < len(pattern) and pattern[i] == "*"
        token = template[j] if j < len(template) else None
        if star:
            stack.append((i + 1, j))  # the star matches nothing more
            if token is not None:
                stack.append((i, j + 1))  # the star swallows one template character
        if isinstance(token, _Class) and token.repeat:
            stack.append((i, j + 1))  # the optional tail matches nothing more
        if i < len(pattern) and not star and token is not None:
            char = pattern[i]
            if isinstance(token, str):
                if token == char:
                    stack.append((i + 1, j + 1))
            elif token.accepts(char):
                stack.append((i + 1, j) if token.repeat else (i + 1, j + 1))
    return False


def glob_matches(pattern: str, value: str) -> bool:
    """Whether the ``*`` glob ``pattern`` matches the literal ``value``."""
    return _glob_regex(pattern).fullmatch(value) is not None


@lru_cache(maxsize=_MEMO)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    """``pattern`` as a regular expression: ``*`` is any run of characters, everything else literal."""
    return re.compile(".*".join(re.escape(part) for part in pattern.split("*")), re.DOTALL)


_S3_BUCKET_ARN: Final = re.compile(r"arn:[a-z0-9-]+:s3:::.+", re.DOTALL)
"""What ``_s3_template(None)`` accepts, for patterns without a star."""


@lru_cache(maxsize=_MEMO)
def may_select_s3(pattern: str) -> bool:
    """Whether a ``resources`` entry can match at least one S3 bucket ARN, in any partition."""
    if "*" not in pattern:
        return _S3_BUCKET_ARN.fullmatch(pattern) is not None
    return _intersects(pattern, _s3_template(None))


_ONLY_S3 = re.compile(rf"^arn:(?:{_PARTITION}|\*):s3:::[^*]*(?:\*[^*]*)*$")


def selects_only_s3(pattern: str) -> bool:
    """Whether every ARN a ``resources`` entry can match is an S3 bucket ARN (a definite S3 target)."""
    # A star in the partition could in theory run on past `:s3:::` into another service's ARN; no
    # real ARN has that shape, so `arn:*:s3:::...` counts as S3 only.
    return _ONLY_S3.match(pattern) is not None


@lru_cache(maxsize=_MEMO)
def excludes_all_s3(pattern: str, partition: str | None) -> bool:
    """Whether a ``notResources`` entry excludes every S3 bucket ARN of ``partition`` (any when None).

    The glob must accept ``arn:<partition>:s3:::`` followed by anything: after matching that prefix
    it must stand on a run of stars only.
    """
    partitions = [partition] if partition else ["aws", "aws-cn", "aws-us-gov"]
    return all(_covers_prefix(pattern, f"arn:{p}:s3:::") for p in partitions)


def _covers_prefix(pattern: str, prefix: str) -> bool:
    states = {0}
    for char in prefix:
        states = _closure(pattern, states)
        nxt: set[int] = set()
        for i in states:
            if i < len(pattern):
                if pattern[i] == "*":
                    nxt.add(i)
                elif pattern[i] == char:
                    nxt.add(i + 1)
        states = nxt
        if not states:
            return False
    states = _closure(pattern, states)
    return any(i < len(pattern) and set(pattern[i:]) == {"*"} for i in states)


def _closure(pattern: str, states: set[int]) -> set[int]:
    result = set(states)
    for i in sorted(states):
        j = i
        while j < len(pattern) and pattern[j] == "*":
            j += 1
            result.add(j)
    return result
