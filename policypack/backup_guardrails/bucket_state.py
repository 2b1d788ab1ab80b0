"""What the stack says about one bucket: its versioning, its notification configuration, its KMS keys.

Each answer is a :class:`State`: proven fine (``ok=True``), proven broken (``ok=False``, with the cause
and the fix in the program's terms), or unknown during preview (``ok=None``). A separate resource
(``BucketVersioning``, ``BucketNotification``, ``BucketServerSideEncryptionConfiguration``) is linked
to a bucket by the property dependency of its ``bucket``, or by its known ``bucket`` value equal to the
bucket's known name. One whose ``bucket`` is unknown and depends on no bucket is *floating*: it may
concern any bucket, so it turns a broken verdict into an unknown one.

The inline ``versioning`` / ``serverSideEncryptionConfiguration`` of ``aws.s3.Bucket`` are computed
outputs: when the program does not set them they are unknown in every first preview, and then say
nothing (like a role's ``managedPolicyArns``); set by the program they are known.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .buckets import Bucket
from .constants import (
    BUCKET,
    BUCKET_ENCRYPTION_TYPES,
    BUCKET_NOTIFICATION,
    BUCKET_TYPES,
    BUCKET_VERSIONING_TYPES,
    KMS_ALIAS,
    KMS_KEY,
    KMS_KEY_POLICY,
    NATIVE_BUCKET,
    NATIVE_KMS_KEY,
)
from .props import MISSING, UNKNOWN
from .readiness import Node, Stack

KEY_TYPES = frozenset({KMS_KEY, NATIVE_KMS_KEY})


@dataclass(frozen=True)
class State:
    ok: bool | None
    cause: str = ""
    fix: str = ""


_FINE = State(True)


def linked(stack: Stack, bucket: Bucket, kinds: frozenset[str]) -> tuple[list[Node], list[Node]]:
    """The resources of ``kinds`` linked to ``bucket``, and the floating ones of its provider."""
    by_urn, by_name, floating = _link_index(stack, kinds)
    mine = list(by_urn.get(bucket.node.urn, ()))
    if bucket.bucket_name is not None:
        mine += [node for node in by_name.get(bucket.bucket_name, ()) if node not in mine]
    mine.sort(key=lambda node: stack.order[node.urn])
    return mine, [node for node in floating if node.provider == bucket.node.provider and node not in mine]


def _link_index(
    stack: Stack, kinds: frozenset[str]
) -> tuple[dict[str, list[Node]], dict[str, list[Node]], list[Node]]:
    """Resources of ``kinds`` by the bucket URN they depend on, by the known bucket name they give, and
    the floating ones (computed once per resolution and kind)."""
    key = ("links", kinds)
    if key not in stack.memo:
        by_urn: dict[str, list[Node]] = {}
        by_name: dict[str, list[Node]] = {}
        floating: list[Node] = []
        for node in stack.of_types(kinds):
            deps = node.dep_urns("bucket")
            value = node.get("bucket")
            for urn in dict.fromkeys(deps):
                by_urn.setdefault(urn, []).append(node)
            if isinstance(value, str):
                by_name.setdefault(value, []).append(node)
            elif value is UNKNOWN and not any(
                stack.by_urn.get(urn, node).type in BUCKET_TYPES for urn in deps
            ):
                floating.append(node)
        stack.memo[key] = (by_urn, by_name, floating)
    return stack.memo[key]  # type: ignore[no-any-return]


# --- versioning -----------------------------------------------------------------------------------


def versioning(stack: Stack, bucket: Bucket) -> State:
    mine, floating = linked(stack, bucket, BUCKET_VERSIONING_TYPES)
    if mine:
        return _from_versioning_resources(mine)
    state = _inline_versioning(bucket)
    if state.ok is False and floating:
        names = ", ".join(f'"{node.name}"' for node in floating)
        return State(None, f"aws.s3.BucketVersioning {names} has an unknown bucket and may be the one for it")
    return state


def _add_versioning(bucket: Bucket) -> str:
    return (
        f'add aws.s3.BucketVersioning("{bucket.node.name}-versioning", bucket=<{bucket.node.name}>.id, '
        'versioning_configuration={"status": "Enabled"})'
    )


def _from_versioning_resources(nodes: list[Node]) -> State:
    unknown = None
    for node in nodes:
        config = node.get("versioningConfiguration")
        status = config.get("status", MISSING) if isinstance(config, Mapping) else config
        if status == "Enabled":
            continue
        if status is UNKNOWN:
            unknown = State(
                None, f'the status of aws.s3.BucketVersioning "{node.name}" is unknown during preview'
            )
            continue
        shown = f'"{status}"' if isinstance(status, str) else "not set"
        return State(
            False,
            f'aws.s3.BucketVersioning "{node.name}" sets its versioning_configuration status {shown}',
            f'set versioning_configuration={{"status": "Enabled"}} on aws.s3.BucketVersioning "{node.name}"',
        )
    return unknown or _FINE


def _inline_versioning(bucket: Bucket) -> State:
    node = bucket.node
    if node.type == NATIVE_BUCKET:
        config = node.get("versioningConfiguration")
        status = config.get("status", MISSING) if isinstance(config, Mapping) else config
        fix = f'set versioning_configuration={{"status": "Enabled"}} on aws_native.s3.Bucket "{node.name}"'
        if status == "Enabled":
            return _FINE
        if status is UNKNOWN:
            return State(None, "its versioning_configuration status is unknown during preview")
        if status is MISSING:
            return State(False, "it has no versioning_configuration", fix)
        return State(False, f'its versioning_configuration status is "{status}"', fix)
    value = node.get("versioning" if node.type == BUCKET else "versionings")
    entries = value if isinstance(value, list) else [value]
    configured = [entry for entry in entries if isinstance(entry, Mapping)]
    if not configured:
        return State(
            False,
            "no aws.s3.BucketVersioning is linked to it and it sets no versioning",
            _add_versioning(bucket),
        )
    enabled = [entry.get("enabled", MISSING) for entry in configured]
    if any(flag is True for flag in enabled):
        return _FINE
    if any(flag is UNKNOWN for flag in enabled):
        return State(None, "its inline versioning.enabled is unknown during preview")
    return State(
        False,
        "its inline versioning has enabled=False and no aws.s3.BucketVersioning is linked to it",
        _add_versioning(bucket) + " (the inline versioning argument is deprecated)",
    )


# --- EventBridge ----------------------------------------------------------------------------------


def eventbridge(stack: Stack, bucket: Bucket) -> State:
    """Whether the bucket's notification configuration keeps EventBridge on."""
    mine, floating = linked(stack, bucket, frozenset({BUCKET_NOTIFICATION}))
    unknown: State | None = None
    for node in mine:
        flag = node.get("eventbridge")
        if flag is True:
            continue
        if flag is UNKNOWN:
            unknown = State(
                None, f'eventbridge of aws.s3.BucketNotification "{node.name}" is unknown during preview'
            )
            continue
        return State(
            False,
            f'aws.s3.BucketNotification "{node.name}" does not set eventbridge=True',
            f'set eventbridge=True on aws.s3.BucketNotification "{node.name}"',
        )
    if bucket.node.type == NATIVE_BUCKET:
        config = bucket.node.get("notificationConfiguration")
        if isinstance(config, Mapping):
            bridge = config.get("eventBridgeConfiguration", MISSING)
            enabled = bridge.get("eventBridgeEnabled", MISSING) if isinstance(bridge, Mapping) else bridge
            if enabled is UNKNOWN:
                unknown = State(
                    None, "its notification_configuration's EventBridge setting is unknown during preview"
                )
            elif enabled is not True:
                return State(
                    False,
                    f'aws_native.s3.Bucket "{bucket.node.name}" sets a notification_configuration without '
                    "event_bridge_configuration.event_bridge_enabled=True",
                    'add event_bridge_configuration={"event_bridge_enabled": True} to the '
                    f'notification_configuration of aws_native.s3.Bucket "{bucket.node.name}"',
                )
        elif config is UNKNOWN:
            unknown = State(None, "its notification_configuration is unknown during preview")
    if unknown is None and floating:
        names = ", ".join(f'"{node.name}"' for node in floating if node.get("eventbridge") is not True)
        if names:
            unknown = State(
                None, f"aws.s3.BucketNotification {names} has an unknown bucket and may be one for it"
            )
    return unknown or _FINE


# --- SSE-KMS --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyUse:
    """A customer-managed key of the stack that the bucket's default encryption uses."""

    key: Node
    certain: bool
    """False when the bucket's algorithm is unknown during preview (it may not be SSE-KMS)."""
    via: str
    """Where the bucket names the key, in the program's terms."""


_KMS = ("aws:kms", "aws:kms:dsse")


def kms_keys(stack: Stack, bucket: Bucket) -> list[KeyUse]:
    """The stack's KMS keys the bucket's default encryption uses (keys outside the stack: none)."""
    mine, _ = linked(stack, bucket, BUCKET_ENCRYPTION_TYPES)
    uses: list[KeyUse] = []
    if mine:
        for node in mine:
            label = f'aws.s3.BucketServerSideEncryptionConfiguration "{node.name}"'
            for default in _defaults(node.get("rules"), "applyServerSideEncryptionByDefault", many=False):
                uses += _keys_for(stack, default, node.dep_urns("rules"), label)
        return _unique(uses)
    node = bucket.node
    if node.type == NATIVE_BUCKET:
        encryption = node.get("bucketEncryption")
        rules = (
            encryption.get("serverSideEncryptionConfiguration") if isinstance(encryption, Mapping) else None
        )
        defaults = _defaults(rules, "serverSideEncryptionByDefault", many=False)
        deps = node.dep_urns("bucketEncryption")
        label = f'the bucket_encryption of aws_native.s3.Bucket "{node.name}"'
    elif node.type == BUCKET:
        config = node.get("serverSideEncryptionConfiguration")
        rule = config.get("rule") if isinstance(config, Mapping) else None
        defaults = _defaults(
            rule if isinstance(rule, list) else [rule], "applyServerSideEncryptionByDefault", False
        )
        deps = node.dep_urns("serverSideEncryptionConfiguration")
        label = f'the server_side_encryption_configuration of aws.s3.Bucket "{node.name}"'
    else:  # BucketV2: lists all the way down
        configs = node.get("serverSideEncryptionConfigurations")
        rules = [r for c in _list(configs) if isinstance(c, Mapping) for r in _list(c.get("rules"))]
        defaults = _defaults(rules, "applyServerSideEncryptionByDefaults", many=True)
        deps = node.dep_urns("serverSideEncryptionConfigurations")
        label = f'the server_side_encryption_configurations of aws.s3.BucketV2 "{node.name}"'
    for default in defaults:
        uses += _keys_for(stack, default, deps, label)
    return _unique(uses)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _defaults(rules: Any, key: str, many: bool) -> Iterator[Mapping[str, Any]]:
    for rule in _list(rules):
        if not isinstance(rule, Mapping):
            continue
        value = rule.get(key)
        for default in _list(value) if many else [value]:
            if isinstance(default, Mapping):
                yield default


def _keys_for(stack: Stack, default: Mapping[str, Any], deps: tuple[str, ...], label: str) -> list[KeyUse]:
    algorithm = default.get("sseAlgorithm")
    if algorithm is not UNKNOWN and algorithm not in _KMS:
        return []
    certain = algorithm is not UNKNOWN
    key_id = default.get("kmsMasterKeyId", MISSING)
    if key_id is MISSING or key_id is None:
        return []  # the AWS managed key aws/s3, which S3 may use for every principal of the account
    if isinstance(key_id, str):
        keys = _keys_by_id(stack, key_id)
    elif key_id is UNKNOWN:
        keys = _keys_from(stack, deps)
    else:
        keys = []
    return [KeyUse(key, certain, label) for key in keys]


def _keys_by_id(stack: Stack, key_id: str) -> list[Node]:
    found = [
        node
        for node in stack.of_types(KEY_TYPES)
        if key_id in (node.get("arn"), node.get("keyId"), node.read("id"))
    ]
    for alias in stack.of_types(frozenset({KMS_ALIAS})):
        if key_id in (alias.get("name"), alias.get("arn")):
            found += _alias_target(stack, alias)
    return found


def _keys_from(stack: Stack, deps: tuple[str, ...]) -> list[Node]:
    keys = [stack.by_urn[urn] for urn in deps if urn in stack.by_urn and stack.by_urn[urn].type in KEY_TYPES]
    for urn in deps:
        node = stack.by_urn.get(urn)
        if node is not None and node.type == KMS_ALIAS:
            keys += _alias_target(stack, node)
    return keys


def _alias_target(stack: Stack, alias: Node) -> list[Node]:
    by_dep = _keys_from_direct(stack, alias.dep_urns("targetKeyId"))
    if by_dep:
        return by_dep
    target = alias.get("targetKeyId")
    if isinstance(target, str):
        return [
            n for n in stack.of_types(KEY_TYPES) if target in (n.get("arn"), n.get("keyId"), n.read("id"))
        ]
    return []


def _keys_from_direct(stack: Stack, deps: tuple[str, ...]) -> list[Node]:
    return [stack.by_urn[urn] for urn in deps if urn in stack.by_urn and stack.by_urn[urn].type in KEY_TYPES]


def _unique(uses: list[KeyUse]) -> list[KeyUse]:
    seen: dict[str, KeyUse] = {}
    for use in uses:
        if use.key.urn not in seen or (use.certain and not seen[use.key.urn].certain):
            seen[use.key.urn] = use
    return list(seen.values())


def key_policy(stack: Stack, key: Node) -> tuple[Any, str]:
    """The key's policy document (a string, an object, MISSING for AWS's default, or UNKNOWN), and
    where it is set."""
    for node in stack.of_types(frozenset({KMS_KEY_POLICY})):
        target = node.get("keyId")
        if key.urn in node.dep_urns("keyId") or (
            isinstance(target, str) and target in (key.get("arn"), key.get("keyId"), key.read("id"))
        ):
            return node.get("policy"), f'aws.kms.KeyPolicy "{node.name}"'
    prop = "keyPolicy" if key.type == NATIVE_KMS_KEY else "policy"
    document = key.get(prop)
    if document is UNKNOWN and not key.dep_urns(prop):
        # Unknown during preview yet computed from no resource: the provider computes it, so the
        # program sets none, and AWS applies its default key policy.
        document = MISSING
    if key.type == NATIVE_KMS_KEY:
        return document, f'the key_policy of aws_native.kms.Key "{key.name}"'
    return document, f'the policy of aws.kms.Key "{key.name}"'
