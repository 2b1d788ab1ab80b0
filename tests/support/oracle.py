"""An independent oracle for the pack's verdicts, written from README.md ("How the pack decides") alone.

It must never import ``backup_guardrails``: it is a second, deliberately simple reading of the rules,
so that a bug in the pack shows up as a disagreement instead of being copied. It works on the stack
descriptions of :mod:`tests.support.stacks` (``"<unknown...>"`` markers, ``{"<secret>": value}``) and
resolves the graph as the SDK does: references to ids that are not in the stack are dropped.

Where the README leaves a detail open, the choice made here is named in a comment starting "Reading:".
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from tests.support.stacks import urns_of

# --- type tokens (FACTS.md) --------------------------------------------------------------------------
SELECTION = "aws:backup/selection:Selection"
NATIVE_SELECTION = "aws-native:backup:BackupSelection"
RESTORE_TESTING = "aws:backup/restoreTestingSelection:RestoreTestingSelection"
REGION_SETTINGS = "aws:backup/regionSettings:RegionSettings"
ROLE = "aws:iam/role:Role"
NATIVE_ROLE = "aws-native:iam:Role"
RPA = "aws:iam/rolePolicyAttachment:RolePolicyAttachment"
RPAE = "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive"
PA = "aws:iam/policyAttachment:PolicyAttachment"
BUCKETS = {"aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2", "aws-native:s3:Bucket"}
# README rule 2: resources whose ARN is never an S3 bucket ARN (a sample of the README's list; the
# generator draws from these).
NOT_S3 = {
    "aws:dynamodb/table:Table",
    "aws:ebs/volume:Volume",
    "aws:efs/fileSystem:FileSystem",
    "aws:rds/instance:Instance",
    "aws:rds/cluster:Cluster",
    "aws-native:dynamodb:Table",
    "aws-native:rds:DbInstance",
    "aws:iam/role:Role",
    "aws-native:iam:Role",
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
    "aws:iam/policyAttachment:PolicyAttachment",
}
SELECTIONS = {SELECTION, NATIVE_SELECTION, RESTORE_TESTING}
ROLES = {ROLE, NATIVE_ROLE}
# attachment type -> (role property, policy property)
ATTACHMENTS = {RPA: ("role", "policyArn"), RPAE: ("roleName", "policyArns"), PA: ("roles", "policyArn")}

BACKUP = "AWSBackupServiceRolePolicyForS3Backup"
RESTORE = "AWSBackupServiceRolePolicyForS3Restore"
DEFAULT_ROLE = "AWSBackupDefaultServiceRole"
ALL_PARTITIONS = ("aws", "aws-cn", "aws-us-gov")

STACK_POLICY = "aws-backup-selection-missing-s3-role-policies"
RESOURCE_POLICY = "aws-backup-selection-disallow-default-role-for-s3"

NONE, POSSIBLE, DEFINITE = 0, 1, 2


class _Unknown:
    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN = _Unknown()
ABSENT = None


def decode(value: Any) -> Any:
    """Secrets unwrapped, unknown markers (any type) replaced by UNKNOWN."""
    if isinstance(value, str):
        return UNKNOWN if value.startswith("<unknown") and value.endswith(">") else value
    if isinstance(value, list):
        return [decode(item) for item in value]
    if isinstance(value, Mapping):
        if set(value) == {"<secret>"}:
            return decode(value["<secret>"])
        return {key: decode(item) for key, item in value.items()}
    return value


def field_of(value: Any, *path: str) -> Any:
    """Follow ``path``; UNKNOWN through an unknown, None (absent) through anything else."""
    for key in path:
        if value is UNKNOWN:
            return UNKNOWN
        if not isinstance(value, dict):
            return ABSENT
        value = value.get(key)
    return value


# --- globs and ARNs --------------------------------------------------------------------------------


def glob(pattern: str, value: str) -> bool:
    """``*`` matches any run of characters; nothing else is special."""
    regex = ".*".join(re.escape(part) for part in pattern.split("*"))
    return re.fullmatch(regex, value, re.DOTALL) is not None


def _partition_of(value: Any) -> str | None:
    # Reading: a partition is a lowercase token starting with "aws" (aws, aws-cn, aws-us-gov, ...).
    if not isinstance(value, str):
        return None
    match = re.match(r"arn:(aws[a-z0-9-]*):", value)
    return match.group(1) if match else None


def _role_arn_name(value: str) -> str | None:
    """The role name of an IAM role ARN, or None when ``value`` is not one."""
    match = re.fullmatch(r"arn:aws[a-z0-9-]*:iam::[0-9]{12}:role/(.*)", value, re.DOTALL)
    if not match or not match.group(1).split("/")[-1]:
        return None
    return match.group(1).split("/")[-1]


def _s3_policy(value: Any) -> tuple[str, bool] | None:
    """(policy name, at the root path) for an S3 backup/restore managed-policy ARN, else None."""
    if not isinstance(value, str):
        return None
    match = re.fullmatch(r"arn:aws[a-z0-9-]*:iam::aws:policy/((?:[^/]+/)*)([^/]+)", value)
    if not match or match.group(2) not in (BACKUP, RESTORE):
        return None
    return match.group(2), match.group(1) == ""


def _dfa_s3(state: tuple[str, int], char: str) -> tuple[str, int] | None:
    """A DFA for S3 bucket ARNs ``arn:<partition>:s3:::<bucket>`` (any partition, bucket non-empty)."""
    kind, n = state
    if kind == "arn":
        if char != "arn:"[n]:
            return None
        return ("partition", 0) if n == 3 else ("arn", n + 1)
    if kind == "partition":
        if char in "abcdefghijklmnopqrstuvwxyz0123456789-":
            return ("partition", 1)
        return ("s3", 0) if char == ":" and n == 1 else None
    if kind == "s3":
        if char != ":s3:::"[n + 1]:
            return None
        return ("bucket", 0) if n == 4 else ("s3", n + 1)
    return ("bucket", 1)


def may_match_s3_bucket(pattern: str) -> bool:
    """Whether some S3 bucket ARN matches the glob: a search over (glob position, DFA state) pairs."""
    alphabet = (set(pattern) - {"*"}) | set("arn:s3x")
    seen = {(0, ("arn", 0))}
    frontier = list(seen)
    while frontier:
        position, state = frontier.pop()
        if position == len(pattern):
            if state == ("bucket", 1):
                return True
            continue
        if pattern[position] == "*":
            # The star matches nothing more, or one more character of some bucket ARN.
            steps = [(position + 1, state)]
            steps += [(position, nxt) for c in alphabet if (nxt := _dfa_s3(state, c)) is not None]
        else:
            nxt = _dfa_s3(state, pattern[position])
            steps = [] if nxt is None else [(position + 1, nxt)]
        for step in steps:
            if step not in seen:
                seen.add(step)
                frontier.append(step)
    return False


def only_s3(pattern: str) -> bool:
    """README: ``arn:<partition or *>:s3:::...`` can only match S3 bucket ARNs."""
    return re.match(r"arn:(aws[a-z0-9-]*|\*):s3:::", pattern) is not None


def covers_all_buckets(pattern: str, partitions: Sequence[str]) -> bool:
    """Whether the glob matches every S3 bucket ARN of ``partitions``.

    A glob matches every ``P + b`` (b non-empty) exactly when it matches ``P`` plus one character
    that appears nowhere in it: that character can only be eaten by a trailing run of stars.
    """
    return all(glob(pattern, f"arn:{p}:s3:::\x00") for p in partitions)


# --- the stack --------------------------------------------------------------------------------------


@dataclass
class Res:
    id: str
    type: str
    name: str
    urn: str
    props: Any
    parent: Res | None = None
    deps: dict[str, list[Res]] = field(default_factory=dict)
    provider: str | None = None
    provider_props: Any = None
    """The provider's inputs (None without a provider)."""
    inputs: Any = None
    """What Analyze saw (None when it never saw the resource)."""


def resolve(resources: Sequence[Mapping[str, Any]], stack: str) -> list[Res]:
    urns = urns_of(resources, stack)
    entries = {entry.get("id", entry["name"]): entry for entry in resources}
    by_id: dict[str, Res] = {}
    out = []
    for entry in resources:
        key = entry.get("id", entry["name"])
        res = Res(key, entry["type"], entry["name"], urns[key], decode(entry.get("properties", {})))
        res.provider = entry.get("provider")
        if res.provider:
            res.provider_props = decode(entries.get(res.provider, {}).get("properties", {}))
        if entry.get("analyze", True):
            res.inputs = decode(entry["inputs"]) if "inputs" in entry else res.props
        by_id[key] = res
        out.append(res)
    for entry, res in zip(resources, out, strict=True):
        parent = entry.get("parent")
        res.parent = by_id.get(parent) if parent else None
        res.deps = {
            prop: [by_id[d] for d in ids if d in by_id]
            for prop, ids in entry.get("propertyDependencies", {}).items()
        }
    return out


def _items(value: Any) -> list[Any]:
    if value is ABSENT:
        return []
    return list(value) if isinstance(value, list) else [value]


def _attachment_role_values(res: Res) -> list[Any]:
    role_key = ATTACHMENTS[res.type][0]
    value = field_of(res.props, role_key)
    return _items(value) if res.type == PA else [value]


def _attachment_policies(res: Res) -> list[Any]:
    policy_key = ATTACHMENTS[res.type][1]
    value = field_of(res.props, policy_key)
    return _items(value) if res.type == RPAE else [value]


def _reduce_role(value: Any) -> str | None:
    """README: an ARN given as the role is reduced to its name."""
    if not isinstance(value, str) or not value:
        return None
    return _role_arn_name(value) or value


def _role_name(res: Res) -> str | None:
    value = field_of(res.props, "roleName" if res.type == NATIVE_ROLE else "name")
    if isinstance(value, str) and value:
        return value
    arn = _role_arn(res)
    return _role_arn_name(arn) if arn else None


def _role_arn(res: Res) -> str | None:
    value = field_of(res.props, "arn")
    return value if isinstance(value, str) and value else None


# --- verdicts ---------------------------------------------------------------------------------------


@dataclass
class Verdict:
    """What the oracle expects for one selection under one policy."""

    blocked: bool
    missing: frozenset[str] = frozenset()
    """S3 policy names the message must name as missing."""
    partitions: frozenset[str] = frozenset()
    """Partitions the missing ARNs may be spelled in."""
    misplaced: frozenset[str] = frozenset()
    """``service-role/`` typo ARNs the message must name."""
    default_role: bool = False
    """Whether the console default role message is expected."""
    why: str = ""


@dataclass
class Selection:
    res: Res
    role: Any
    role_prop: str
    resources: Any
    resources_prop: str
    not_resources: Any
    tags: Any
    conditions: Any
    name: Any
    protected: Any
    unreadable: bool = False
    """Reading: an aws-native backupSelection that is neither an object, unknown nor absent."""


def view(res: Res) -> Selection:
    p = res.props
    if res.type == NATIVE_SELECTION:
        inner = field_of(p, "backupSelection")
        return Selection(
            res,
            field_of(inner, "iamRoleArn"),
            "backupSelection",
            field_of(inner, "resources"),
            "backupSelection",
            field_of(inner, "notResources"),
            field_of(inner, "listOfTags"),
            field_of(inner, "conditions"),
            field_of(inner, "selectionName"),
            None,
            inner is not ABSENT and inner is not UNKNOWN and not isinstance(inner, dict),
        )
    return Selection(
        res,
        field_of(p, "iamRoleArn"),
        "iamRoleArn",
        field_of(p, "resources"),
        "resources",
        field_of(p, "notResources"),
        field_of(p, "selectionTags"),
        field_of(p, "conditions"),
        field_of(p, "name"),
        field_of(p, "protectedResourceType"),
    )


def _opt_in(settings: Sequence[Res], provider: str | None) -> tuple[bool, bool]:
    """(opted out, opted in) for S3 from RegionSettings of the same provider.

    Reading: settings that contradict each other decide nothing (fail closed).
    """
    values = [
        field_of(r.props, "resourceTypeOptInPreference", "S3") for r in settings if r.provider == provider
    ]
    out = any(v is False for v in values)
    into = any(v is True for v in values)
    return out and not into, into and not out


def region_partition(region: Any) -> str | None:
    """README rule 2: the partition of a provider region."""
    if not isinstance(region, str) or not region:
        return None
    for prefix, partition in (("us-isob-", "aws-iso-b"), ("us-iso-", "aws-iso"), ("us-gov-", "aws-us-gov")):
        if region.startswith(prefix):
            return partition
    return "aws-cn" if region.startswith("cn-") else "aws"


def selection_partition(res: Res, role: Any, resources: Any, default: str) -> str:
    """README rule 2: provider region, else the first known ARN (role, then resources), else the default."""
    from_region = region_partition(field_of(res.provider_props, "region"))
    if from_region:
        return from_region
    for value in [role, *(resources if isinstance(resources, list) else [])]:
        if _partition_of(value):
            return _partition_of(value)  # type: ignore[return-value]
    return default


def target_level(
    sel: Selection,
    bucket_dep: bool,
    opt_out: bool,
    opt_in: bool,
    partition: str,
    not_s3_deps: bool = False,
    known_only: bool = False,
) -> tuple[int, tuple[str, ...]]:
    """README rule 2: (level, the S3 policies the role needs).

    ``not_s3_deps``: every dependency of ``resources`` (at least one) is of a non-S3 type; ``known_only``:
    the companion's reading, where every unknown selects nothing.
    """
    if sel.res.type == RESTORE_TESTING:
        needs = (RESTORE,)
        if sel.protected == "S3":
            return DEFINITE, needs
        if sel.protected is UNKNOWN and known_only:
            return NONE, needs
        if sel.protected is UNKNOWN or not isinstance(sel.protected, str):
            return POSSIBLE, needs
        return NONE, needs
    needs = (BACKUP, RESTORE)
    excluded = (
        [e for e in sel.not_resources if isinstance(e, str)] if isinstance(sel.not_resources, list) else []
    )
    if sel.unreadable:
        return POSSIBLE, needs
    if any(covers_all_buckets(entry, [partition]) for entry in excluded):
        return NONE, needs
    unknown_level = DEFINITE if bucket_dep else NONE if (not_s3_deps or known_only) else POSSIBLE
    if sel.resources is UNKNOWN:
        return unknown_level, needs
    if sel.resources is ABSENT or sel.resources == []:
        # Tags, conditions, or nothing at all: every opted-in resource type (the AWS Backup API).
        if opt_out:
            return NONE, needs
        if known_only and UNKNOWN in (sel.tags, sel.conditions):
            # Reading: the companion reads an unknown tags/conditions as selecting nothing; the known
            # other one decides, and with neither selecting, nothing is proven yet.
            native = sel.res.type == NATIVE_SELECTION
            selects = (sel.tags is not UNKNOWN and _selects_any(sel.tags, False)) or (
                sel.conditions is not UNKNOWN and _selects_any(sel.conditions, native)
            )
            return (POSSIBLE if selects else NONE), needs
        return POSSIBLE, needs
    if not isinstance(sel.resources, list):
        # Reading: a malformed `resources` is treated like a malformed entry.
        return POSSIBLE, needs
    level = NONE
    for entry in sel.resources:
        if entry is UNKNOWN:
            this = unknown_level
        elif not isinstance(entry, str):
            this = POSSIBLE
        elif "*" in entry and opt_out:
            this = NONE  # a wildcard selects opted-in types only; an explicit ARN is backed up anyway
        elif entry == "*":
            this = DEFINITE if opt_in else POSSIBLE
        elif not may_match_s3_bucket(entry):
            this = NONE
        elif only_s3(entry):
            exact_excluded = "*" not in entry and any(glob(e, entry) for e in excluded)
            this = NONE if exact_excluded else DEFINITE
        else:
            this = POSSIBLE
        level = max(level, this)
    return level, needs


def _selects_any(value: Any, may_be_object: bool) -> bool:
    """Reading: whether selectionTags / conditions select anything. Absent selects nothing; a list selects
    when an entry is not an object or holds some non-empty value; aws-native's conditions may be one such
    object; anything else (unknown, malformed) selects."""
    if value is ABSENT:
        return False
    if isinstance(value, list):
        return any(not isinstance(entry, dict) or _non_empty(entry) for entry in value)
    if isinstance(value, dict) and may_be_object:
        return _non_empty(value)
    return True


def _non_empty(value: Any) -> bool:
    if isinstance(value, list):
        return any(_non_empty(item) for item in value)
    if isinstance(value, dict):
        return any(_non_empty(item) for item in value.values())
    if isinstance(value, str):
        return value != ""
    return value is not None and value is not False


@dataclass
class Candidate:
    """A role the selection may use: in the stack (``res``) or outside it (``name``)."""

    res: Res | None = None
    name: str | None = None
    arn: str | None = None


class Stack:
    def __init__(self, resources: Sequence[Mapping[str, Any]], stack: str) -> None:
        self.all = resolve(resources, stack)
        self.roles = [r for r in self.all if r.type in ROLES]
        self.attachments = [r for r in self.all if r.type in ATTACHMENTS]
        self.settings = [r for r in self.all if r.type == REGION_SETTINGS]

    def descendants(self, root: Res) -> list[Res]:
        found: list[Res] = []
        changed = True
        while changed:
            changed = False
            for r in self.all:
                if r is root or any(r is f for f in found):
                    continue
                if r.parent is not None and (r.parent is root or any(r.parent is f for f in found)):
                    found.append(r)
                    changed = True
        return found

    def roles_named(self, name: str) -> list[Res]:
        return [r for r in self.roles if _role_name(r) == name]

    def _named_candidates(self, name: str) -> list[Candidate]:
        in_stack = self.roles_named(name)
        return [Candidate(res=r) for r in in_stack] if in_stack else [Candidate(name=name)]

    def _from(self, r: Res) -> list[Candidate] | None:
        if r.type in ROLES:
            return [Candidate(res=r)]
        if r.type in ATTACHMENTS:
            linked = [d for d in r.deps.get(ATTACHMENTS[r.type][0], []) if d.type in ROLES]
            if linked:
                return [Candidate(res=d) for d in linked]
            names = [n for n in (_reduce_role(v) for v in _attachment_role_values(r)) if n]
            return [c for n in names for c in self._named_candidates(n)]
        return None

    def candidates(self, sel: Selection) -> list[Candidate] | str:
        """README rule 3: the candidate roles, or why the role cannot be found."""
        value = sel.role
        name = None
        if value is not UNKNOWN:
            if not isinstance(value, str):
                return "role ARN is not a string"
            name = _role_arn_name(value)
            if name is None:
                return "role ARN is not an IAM role ARN"
        found: list[Candidate] = []
        for dep in sel.res.deps.get(sel.role_prop, []):
            direct = self._from(dep)
            if direct is not None:
                found += direct
            else:
                for child in self.descendants(dep):
                    found += self._from(child) or []
        if name is not None:
            found = [
                c
                for c in found
                if (c.res is not None and (_role_arn(c.res) == value or _role_name(c.res) == name))
                or c.name == name
            ]
        if found:
            return _dedupe(found, value if name else None)
        if name is None:
            return "role ARN unknown and no candidate"
        by_arn = [r for r in self.roles if _role_arn(r) == value]
        in_stack = by_arn or self.roles_named(name)
        if in_stack:
            return [Candidate(res=r) for r in in_stack]
        return [Candidate(name=name, arn=value)]

    def evidence(
        self, cand: Candidate, partition: str, selection: Res, arn: str | None
    ) -> tuple[set[str], set[str]]:
        """README rule 4: (S3 policies the role carries after the apply, service-role/ typos named)."""
        owners: list[list[Any]] = []
        additive: list[Any] = []
        name = cand.name
        if cand.res is not None:
            name = _role_name_property(cand.res)
            configured, value = _configured(cand.res, any(r.inputs is not None for r in self.all))
            if configured:
                owners.append(_items(value))
        # Reading: "in the same account" is judged against the role's provider for a stack role, and
        # against the selection's for a role outside the stack; the ARN is the role's own / the known one.
        holder = cand.res if cand.res is not None else selection
        role_arn = _role_arn(cand.res) if cand.res is not None else arn
        for att in self.attachments:
            linked = cand.res is not None and any(
                d is cand.res for d in att.deps.get(ATTACHMENTS[att.type][0], [])
            )
            named = name is not None and name in [_reduce_role(v) for v in _attachment_role_values(att)]
            named = named and same_account(att, holder) and not account_conflict(att, role_arn)
            if linked or named:
                if att.type == RPAE:
                    owners.append(_attachment_policies(att))
                else:
                    additive += _attachment_policies(att)
        return _owned(owners, additive, partition)


def _configured(role: Res, stack_seen: bool) -> tuple[bool, Any]:
    """README rule 4: whether the role CONFIGURES managedPolicyArns, and the configured value.
    ``stack_seen``: Analyze saw some resource of the stack."""
    if role.inputs is not None:
        value = field_of(role.inputs, "managedPolicyArns")
        return value is not ABSENT, value
    if stack_seen:
        return False, None  # a read role
    value = field_of(role.props, "managedPolicyArns")
    return isinstance(value, list), value


def _owned(owners: list[list[Any]], additive: list[Any], partition: str) -> tuple[set[str], set[str]]:
    every = [value for values in owners for value in values] + additive
    granted, typos = _granted(every, partition)
    if owners:
        granted = set.intersection(*(_granted(values, partition)[0] for values in owners))
    return granted, typos


def _provider_account(props: Any) -> str | None:
    """README rule 4: the account a provider pins (one allowedAccountIds entry, or its assumed role's)."""

    def loaded(value: Any) -> Any:
        if isinstance(value, str) and value[:1] in "[{":
            try:
                return json.loads(value)
            except ValueError:
                return value
        return value

    if not isinstance(props, dict):
        return None
    allowed = loaded(props.get("allowedAccountIds"))
    if isinstance(allowed, list) and len(allowed) == 1 and isinstance(allowed[0], str):
        return allowed[0]
    assumed = loaded(props.get("assumeRoles", props.get("assumeRole")))
    if isinstance(assumed, dict):
        assumed = [assumed]
    if isinstance(assumed, list) and assumed and isinstance(assumed[-1], dict):
        match = re.fullmatch(r"arn:aws[a-z0-9-]*:iam::([0-9]{12}):role/.+", str(assumed[-1].get("roleArn")))
        if match:
            return match.group(1)
    return None


def _has_unknown(value: Any) -> bool:
    if value is UNKNOWN:
        return True
    if isinstance(value, dict):
        return any(_has_unknown(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_unknown(v) for v in value)
    return False


def same_account(a: Res, b: Res) -> bool:
    """README rule 4: the same provider, the same pinned account, or inputs differing only in region."""
    if a.provider == b.provider:
        return True
    first, second = _provider_account(a.provider_props), _provider_account(b.provider_props)
    if first and second:
        return first == second
    if not isinstance(a.provider_props, dict) or not isinstance(b.provider_props, dict):
        return False
    rest = [
        {k: v for k, v in p.items() if k not in ("region", "version")}
        for p in (a.provider_props, b.provider_props)
    ]
    return not _has_unknown(rest) and rest[0] == rest[1]


def account_conflict(att: Res, role_arn: Any) -> bool:
    """README rule 4: the attachment's provider pins an account other than the known role ARN's."""
    match = re.fullmatch(r"arn:aws[a-z0-9-]*:iam::([0-9]{12}):role/.+", role_arn or "", re.DOTALL)
    pinned = _provider_account(att.provider_props)
    return bool(match) and pinned is not None and pinned != match.group(1)


def _role_name_property(res: Res) -> str | None:
    # Reading: "the role's known name" is its name property (roleName for aws-native).
    value = field_of(res.props, "roleName" if res.type == NATIVE_ROLE else "name")
    return value if isinstance(value, str) and value else None


def _dedupe(found: list[Candidate], arn: str | None) -> list[Candidate]:
    out: list[Candidate] = []
    for c in found:
        if c.res is not None and any(o.res is c.res for o in out):
            continue
        if c.res is None and any(o.res is None and o.name == c.name for o in out):
            continue
        out.append(Candidate(name=c.name, arn=arn) if c.res is None and arn is not None else c)
    return out


@dataclass(frozen=True)
class Config:
    s3_targets: str = "possible"
    trusted: tuple[str, ...] = ()
    exempt: tuple[str, ...] = ()
    partition: str = "aws"

    @classmethod
    def of(cls, raw: Mapping[str, Any] | None) -> Config:
        raw = raw or {}
        return cls(
            raw.get("s3Targets", "possible"),
            tuple(raw.get("trustedRoleArns", ())),
            tuple(raw.get("exemptSelections", ())),
            raw.get("defaultPartition", "aws"),
        )

    def exempts(self, sel: Selection) -> bool:
        names = [sel.res.name, sel.res.urn] + ([sel.name] if isinstance(sel.name, str) else [])
        return any(glob(p, n) for p in self.exempt for n in names)

    def trusts(self, arn: str | None) -> bool:
        return arn is not None and any(glob(p, arn) for p in self.trusted)

    def counts(self, level: int) -> bool:
        return level == DEFINITE or (level == POSSIBLE and self.s3_targets == "possible")


def _granted(values: list[Any], partition: str) -> tuple[set[str], set[str]]:
    """(root-path S3 policies in ``partition``, service-role/ typos) among the values."""
    granted, misplaced = set(), set()
    for value in values:
        match = _s3_policy(value)
        if match and match[1]:
            if _partition_of(value) == partition:
                granted.add(match[0])
        elif match:
            misplaced.add(value)
    return granted, misplaced


def stack_verdicts(
    resources: Sequence[Mapping[str, Any]], stack: str, raw_config: Any, companion_config: Any = None
) -> dict[str, Verdict]:
    """The main rule's verdict for every selection (by id); ``companion_config`` is the companion's."""
    config = Config.of(raw_config)
    world = Stack(resources, stack)
    spoken = {
        key
        for key, verdict in resource_verdicts(resources, stack, companion_config).items()
        if verdict.blocked
    }
    verdicts: dict[str, Verdict] = {}
    for res in world.all:
        if res.type not in SELECTIONS:
            continue
        sel = view(res)
        if config.exempts(sel):
            verdicts[res.id] = Verdict(False, why="exempt")
            continue
        deps = res.deps.get(sel.resources_prop, [])
        bucket_dep = any(d.type in BUCKETS for d in deps)
        not_s3 = bool(deps) and all(d.type in NOT_S3 for d in deps)
        out, into = _opt_in(world.settings, res.provider)
        partition = selection_partition(res, sel.role, sel.resources, config.partition)
        level, needs = target_level(sel, bucket_dep, out, into, partition, not_s3)
        if not config.counts(level):
            verdicts[res.id] = Verdict(False, why=f"level {level}")
            continue
        found = world.candidates(sel)
        if isinstance(found, str):
            verdicts[res.id] = Verdict(True, frozenset(needs), frozenset({partition}), why=found)
            continue
        missing: set[str] = set()
        misplaced: set[str] = set()
        default_role = False
        for cand in found:
            name = _role_name_property(cand.res) if cand.res is not None else cand.name
            if res.id in spoken and name == DEFAULT_ROLE:
                continue  # README: one cause, one violation
            arn = _role_arn(cand.res) if cand.res is not None else cand.arn
            # README rule 4: a stack role whose own ARN is unknown goes by the selection's known ARN.
            if cand.res is not None and arn is None and isinstance(sel.role, str):
                arn = sel.role
            if config.trusts(arn):
                continue
            granted, typos = world.evidence(cand, partition, res, cand.arn)
            lacking = set(needs) - granted
            if not lacking:
                continue
            missing |= lacking
            misplaced |= typos
            default_role |= cand.res is None and cand.name == DEFAULT_ROLE
        verdicts[res.id] = Verdict(
            bool(missing),
            frozenset(missing),
            frozenset({partition}),
            frozenset(misplaced),
            default_role,
            why=f"candidates {[(c.res.id if c.res else c.name) for c in found]}",
        )
    return verdicts


def resource_verdicts(
    resources: Sequence[Mapping[str, Any]], stack: str, raw_config: Any
) -> dict[str, Verdict]:
    """The companion rule's verdict for every selection, as the resources are analyzed in order (inputs)."""
    config = Config.of(raw_config)
    world = Stack(resources, stack)
    verdicts: dict[str, Verdict] = {}
    seen_settings: list[Res] = []
    attached: list[Res] = []
    for res in world.all:
        if res.inputs is None:
            continue  # never analyzed
        seen = Res(res.id, res.type, res.name, res.urn, res.inputs, provider=res.provider)
        seen.provider_props = res.provider_props
        if res.type in ATTACHMENTS:
            attached.append(seen)
            continue
        if res.type == REGION_SETTINGS:
            seen_settings.append(seen)
            continue
        if res.type not in SELECTIONS:
            continue
        sel = view(seen)
        name = _role_arn_name(sel.role) if isinstance(sel.role, str) else None
        if name != DEFAULT_ROLE or config.exempts(sel) or config.trusts(sel.role):
            verdicts[res.id] = Verdict(False, why="not the default role, exempt or trusted")
            continue
        partition = region_partition(field_of(res.provider_props, "region")) or _partition_of(sel.role)
        assert partition is not None
        # Rule 2 without dependencies, every unknown read as selecting nothing.
        out, into = _opt_in(seen_settings, res.provider)
        level, needs = target_level(sel, False, out, into, partition, known_only=True)
        if not config.counts(level):
            verdicts[res.id] = Verdict(False, why=f"level {level}")
            continue
        owners: list[list[Any]] = []
        additive: list[Any] = []
        for att in attached:
            names = [_reduce_role(v) for v in _attachment_role_values(att)]
            if DEFAULT_ROLE not in names or not same_account(att, seen) or account_conflict(att, sel.role):
                continue
            if att.type == RPAE:
                owners.append(_attachment_policies(att))
            else:
                additive += _attachment_policies(att)
        granted, typos = _owned(owners, additive, partition)
        lacking = set(needs) - granted
        verdicts[res.id] = Verdict(
            bool(lacking),
            frozenset(lacking),
            frozenset({partition}),
            frozenset(typos) if lacking else frozenset(),
            bool(lacking),
            why="default role",
        )
    return verdicts
