"""The oracle for the S3 readiness rules: a second reading of README.md, "S3 backup readiness", items 1
to 4 and 6 (which buckets a selection backs up, linked resources, versioning, EventBridge, one plan and
one vault). Like ``oracle.py`` it never imports the pack; it reuses that oracle's reading of the role
rule's step 2 (README item 1 defers to it). The generated stacks hold no KMS keys, so the KMS policy must
stay silent on them (item 5 is covered by golden cases and hostile inputs).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .oracle import (
    ABSENT,
    BUCKETS,
    NATIVE_SELECTION,
    NONE,
    NOT_S3,
    SELECTION,
    UNKNOWN,
    Res,
    Selection,
    _opt_in,
    field_of,
    glob,
    only_s3,
    resolve,
    selection_partition,
    target_level,
    view,
)

VERSIONING_POLICY = "aws-backup-selection-missing-s3-bucket-versioning"
EVENTBRIDGE_POLICY = "aws-backup-selection-disallow-s3-notification-without-eventbridge"
ONE_PLAN_POLICY = "aws-backup-selection-enforce-one-plan-one-vault-for-continuous-s3"
KMS_POLICY = "aws-backup-selection-missing-s3-kms-key-access"
ADVISORY_POLICY = "aws-backup-selection-unverified-s3-prerequisites"
BLOCKING_POLICIES = (VERSIONING_POLICY, EVENTBRIDGE_POLICY, KMS_POLICY, ONE_PLAN_POLICY)
VERSIONINGS = {"aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2"}
NATIVE_BUCKET = "aws-native:s3:Bucket"
BLOCK, NOTE, PASS = "block", "note", "pass"
_OPERATORS = ("stringEquals", "stringLike", "stringNotEquals", "stringNotLike")


def _known(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _bucket_name(bucket: Res) -> str | None:
    return _known(field_of(bucket.props, "bucketName" if bucket.type == NATIVE_BUCKET else "bucket"))


def _bucket_arn(bucket: Res, partition: str) -> str | None:
    arn = field_of(bucket.props, "arn")
    if isinstance(arn, str) and arn.startswith("arn:"):
        return arn
    name = _bucket_name(bucket)
    return f"arn:{partition}:s3:::{name}" if name else None


def _tags(bucket: Res) -> dict[str, str] | None:
    """Known tags, ``{}`` when none are set, ``None`` when unknown or malformed."""
    if bucket.type == NATIVE_BUCKET:
        value = field_of(bucket.props, "tags")
        if value is ABSENT:
            return {}
        if not isinstance(value, list):
            return None
        out: dict[str, str] = {}
        for entry in value:
            key, item = field_of(entry, "key"), field_of(entry, "value")
            if not isinstance(entry, dict) or not isinstance(key, str) or not isinstance(item, str):
                return None
            out[key] = item
        return out
    values = [field_of(bucket.props, "tagsAll"), field_of(bucket.props, "tags")]
    for value in values:
        if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
            return value
    return {} if all(value is ABSENT for value in values) else None


def _partition(sel: Selection) -> str:
    """README readiness item 1: the role rule's partition (provider region, own known ARNs), else aws."""
    return selection_partition(sel.res, sel.role, sel.resources, "aws")


def _by_entries(sel: Selection, bucket: Res, deps: list[Res], out: bool, into: bool) -> bool:
    entries = [UNKNOWN] if sel.resources is UNKNOWN else sel.resources
    same = bucket.provider == sel.res.provider
    arn = _bucket_arn(bucket, _partition(sel))
    for entry in entries:
        if entry is UNKNOWN:
            if bucket in deps:
                return True
        elif isinstance(entry, str) and arn:
            if "*" not in entry:
                if entry == arn and (same or bucket in deps):
                    return True
            elif same and not out and (only_s3(entry) or into) and glob(entry, arn):
                return True
    return False


def _by_tags(sel: Selection, bucket: Res, into: bool) -> bool:
    tags = _tags(bucket)
    if tags is None:
        return False
    native = sel.res.type == NATIVE_SELECTION
    entries = sel.tags
    if entries is not ABSENT and not isinstance(entries, list):
        return False
    entries = entries or []
    if entries:
        kind_key, key_key, value_key = (
            ("conditionType", "conditionKey", "conditionValue") if native else ("type", "key", "value")
        )
        if not any(
            isinstance(e, dict)
            and isinstance(e.get(kind_key), str)
            and e[kind_key].upper() == "STRINGEQUALS"
            and isinstance(e.get(key_key), str)
            and e.get(key_key) in tags
            and tags[e[key_key]] == e.get(value_key)
            for e in entries
        ):
            return False
    conditions = _conditions(sel.conditions, native)
    if conditions is None:
        return False
    for operator, key, value in conditions:
        if not key.startswith("aws:ResourceTag/"):
            return False
        actual = tags.get(key[len("aws:ResourceTag/") :])
        holds = {
            "stringEquals": actual == value,
            "stringLike": actual is not None and glob(value, actual),
            "stringNotEquals": actual != value,
            "stringNotLike": actual is None or not glob(value, actual),
        }[operator]
        if not holds:
            return False
    if entries or conditions:
        return True
    return into  # no tag entry and no condition entry at all: every opted-in resource


def _conditions(value: Any, native: bool) -> list[tuple[str, str, str]] | None:
    if value is ABSENT:
        return []
    blocks = [value] if native and isinstance(value, dict) else value
    if not isinstance(blocks, list):
        return None
    out = []
    for block in blocks:
        if not isinstance(block, dict):
            return None
        for operator, entries in block.items():
            if operator not in _OPERATORS:
                return None
            if entries is ABSENT:
                continue
            if not isinstance(entries, list):
                return None
            for entry in entries:
                key = field_of(entry, "conditionKey" if native else "key")
                item = field_of(entry, "conditionValue" if native else "value")
                if not isinstance(entry, dict) or not isinstance(key, str) or not isinstance(item, str):
                    return None
                out.append((operator, key, item))
    return out


def covered_buckets(sel: Selection, buckets: list[Res], settings: list[Res]) -> list[Res]:
    """README item 1."""
    if sel.res.type not in (SELECTION, NATIVE_SELECTION) or sel.unreadable:
        return []
    deps = sel.res.deps.get(sel.resources_prop, [])
    out, into = _opt_in(settings, sel.res.provider)
    partition = _partition(sel)
    not_s3 = bool(deps) and all(d.type in NOT_S3 for d in deps)
    level, _ = target_level(sel, any(d.type in BUCKETS for d in deps), out, into, partition, not_s3)
    if level == NONE:
        return []
    found = []
    for bucket in buckets:
        if sel.resources is UNKNOWN or (isinstance(sel.resources, list) and sel.resources):
            # README item 1: a tag list is ORed with resources.
            ored = isinstance(sel.tags, list) and bool(sel.tags) and not out
            hit = _by_entries(sel, bucket, deps, out, into) or (
                ored and bucket.provider == sel.res.provider and _by_tags(sel, bucket, into)
            )
        elif sel.resources is ABSENT or sel.resources == []:
            hit = not out and bucket.provider == sel.res.provider and _by_tags(sel, bucket, into)
        else:
            hit = False
        arn = _bucket_arn(bucket, _partition(sel))
        excluded = (
            arn is not None
            and isinstance(sel.not_resources, list)
            and any(isinstance(e, str) and glob(e, arn) for e in sel.not_resources)
        )
        if hit and not excluded:
            found.append(bucket)
    return found


def versioning(bucket: Res, world: list[Res]) -> str:
    """README items 2 and 3: BLOCK, NOTE or PASS for one bucket."""
    name = _bucket_name(bucket)
    linked, floating = [], []
    for res in world:
        if res.type not in VERSIONINGS:
            continue
        value = field_of(res.props, "bucket")
        deps = res.deps.get("bucket", [])
        if bucket in deps or (name is not None and value == name):
            linked.append(res)
        elif (
            value is UNKNOWN and res.provider == bucket.provider and not any(d.type in BUCKETS for d in deps)
        ):
            floating.append(res)
    if linked:
        verdict = PASS
        for res in linked:
            status = field_of(res.props, "versioningConfiguration", "status")
            if status == "Enabled":
                continue
            if status is UNKNOWN:
                verdict = NOTE
                continue
            return BLOCK
        return verdict
    if bucket.type == NATIVE_BUCKET:
        status = field_of(bucket.props, "versioningConfiguration", "status")
        own = PASS if status == "Enabled" else NOTE if status is UNKNOWN else BLOCK
    else:
        value = field_of(
            bucket.props, "versioning" if bucket.type == "aws:s3/bucket:Bucket" else "versionings"
        )
        objects = [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, dict)]
        flags = [v.get("enabled", ABSENT) for v in objects]
        own = PASS if True in flags else NOTE if any(f is UNKNOWN for f in flags) else BLOCK
    return NOTE if own == BLOCK and floating else own


# --- README items 4 and 6: plans, EventBridge, one plan and one vault ---------------------------------

PLANS = {"aws:backup/plan:Plan", "aws-native:backup:BackupPlan"}
VAULTS = {
    "aws:backup/vault:Vault",
    "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault",
    "aws-native:backup:BackupVault",
}
NOTIFICATION = "aws:s3/bucketNotification:BucketNotification"


@dataclass
class PlanRule:
    plan: Res
    continuous: Any  # True, False or UNKNOWN
    vault: tuple[str, str] | None  # ("name", n) or ("resource", id)


def _plans_of(sel: Selection, world: list[Res]) -> list[Res]:
    key = "backupPlanId" if sel.res.type == NATIVE_SELECTION else "planId"
    found = [d for d in sel.res.deps.get(key, []) if d.type in PLANS]
    if found:
        return found
    plan_id = field_of(sel.res.props, key)
    if not isinstance(plan_id, str):
        return []
    return [
        p
        for p in world
        if p.type in PLANS
        and field_of(p.props, "id" if p.type != "aws-native:backup:BackupPlan" else "backupPlanId") == plan_id
    ]


def _rules(plan: Res) -> list[PlanRule]:
    native = plan.type == "aws-native:backup:BackupPlan"
    rules = field_of(plan.props, "backupPlan", "backupPlanRule") if native else field_of(plan.props, "rules")
    vaults = [d for d in plan.deps.get("backupPlan" if native else "rules", []) if d.type in VAULTS]
    only = None
    if len({v.id for v in vaults}) == 1:
        name = _known(field_of(vaults[0].props, "name")) or _known(
            field_of(vaults[0].props, "backupVaultName")
        )
        only = ("name", name) if name else ("resource", vaults[0].id)
    out = []
    for rule in rules if isinstance(rules, list) else []:
        if not isinstance(rule, dict):
            continue
        flag = rule.get("enableContinuousBackup", False)
        target = rule.get("targetBackupVault" if native else "targetVaultName")
        vault = ("name", target) if _known(target) else only if target is UNKNOWN else None
        out.append(PlanRule(plan, flag if flag is UNKNOWN else flag is True, vault))
    return out


def _notification_state(bucket: Res, world: list[Res]) -> str:
    """README item 4, for one bucket: BLOCK, NOTE or PASS."""
    name = _bucket_name(bucket)
    state = PASS
    floating = []
    for res in world:
        if res.type != NOTIFICATION:
            continue
        value = field_of(res.props, "bucket")
        deps = res.deps.get("bucket", [])
        flag = field_of(res.props, "eventbridge")
        if bucket in deps or (name is not None and value == name):
            if flag is UNKNOWN:
                state = NOTE
            elif flag is not True:
                return BLOCK
        elif (
            value is UNKNOWN and res.provider == bucket.provider and not any(d.type in BUCKETS for d in deps)
        ):
            floating.append(flag)
    if bucket.type == NATIVE_BUCKET:
        config = field_of(bucket.props, "notificationConfiguration")
        if isinstance(config, dict):
            enabled = field_of(config, "eventBridgeConfiguration", "eventBridgeEnabled")
            if enabled is UNKNOWN:
                state = NOTE
            elif enabled is not True:
                return BLOCK
        elif config is UNKNOWN:
            state = NOTE
    if state == PASS and any(flag is not True for flag in floating):
        state = NOTE
    return state


@dataclass
class Expected:
    """One selection's expected readiness verdicts: the policies that block it, and whether it gets a note."""

    blocked: set[str] = field(default_factory=set)
    noted: bool = False


def readiness_verdicts(resources: Sequence[Mapping[str, Any]], stack: str) -> dict[str, Expected]:
    """Selection id -> what the readiness policies must report (README items 1 to 4 and 6)."""
    world = resolve(resources, stack)
    buckets = [r for r in world if r.type in BUCKETS]
    settings = [r for r in world if r.type == "aws:backup/regionSettings:RegionSettings"]
    covered: dict[str, list[Res]] = {}
    rules: dict[str, list[PlanRule]] = {}
    for res in world:
        if res.type in (SELECTION, NATIVE_SELECTION):
            sel = view(res)
            covered[res.id] = covered_buckets(sel, buckets, settings)
            rules[res.id] = (
                [rule for plan in _plans_of(sel, world) for rule in _rules(plan)] if covered[res.id] else []
            )
    by_bucket: dict[str, list[PlanRule]] = {}
    for sel_id, found in covered.items():
        for bucket in found:
            by_bucket.setdefault(bucket.id, []).extend(rules[sel_id])
    out: dict[str, Expected] = {}
    for sel_id, found in covered.items():
        expected = Expected()
        mine = [r for r in rules[sel_id] if r.continuous is True]
        maybe = [r for r in rules[sel_id] if r.continuous is UNKNOWN]
        for bucket in found:
            state = versioning(bucket, world)
            if state == BLOCK:
                expected.blocked.add(VERSIONING_POLICY)
            expected.noted |= state == NOTE
            if mine or maybe:
                state = _notification_state(bucket, world)
                if state == BLOCK and mine:
                    expected.blocked.add(EVENTBRIDGE_POLICY)
                expected.noted |= state == NOTE or (state == BLOCK and not mine)
            if mine:
                entries = by_bucket[bucket.id]
                if any(r.continuous is True and r.plan is not mine[0].plan for r in entries):
                    expected.blocked.add(ONE_PLAN_POLICY)
                periodic = [r for r in entries if r.continuous is False]
                pairs = [(c, p) for c in mine for p in periodic]
                comparable = [(c, p) for c, p in pairs if c.vault and p.vault and c.vault[0] == p.vault[0]]
                if any(c.vault != p.vault for c, p in comparable):
                    expected.blocked.add(ONE_PLAN_POLICY)
                elif len(comparable) < len(pairs) or any(r.continuous is UNKNOWN for r in entries):
                    expected.noted = True
        out[sel_id] = expected
    return out


__all__ = ["ADVISORY_POLICY", "BLOCKING_POLICIES", "Expected", "readiness_verdicts"]
