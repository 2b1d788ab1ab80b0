"""Which S3 buckets of the stack a selection backs up.

A bucket counts when (README, "S3 backup readiness"):

- it is a property dependency of the selection's ``resources`` and some entry of ``resources`` is
  unknown (it may be that bucket's ARN) or names the bucket's known ARN;
- or a known ``resources`` entry names it: a literal ARN, or a ``*`` pattern that matches its ARN
  (patterns that can match only S3 unless ``RegionSettings`` of the selection's provider opt S3 out;
  ``"*"`` and patterns that can match other services only when they opt S3 in);
- or the selection has no ``resources`` and its known tags / conditions match the bucket's known tags
  (unless S3 is opted out);

and no ``notResources`` entry matches the bucket's ARN. Buckets matched by ARN or tags must share the
selection's provider (a selection backs up its own account and region). A bucket whose name, ARN or tags
are unknown is not matched by them (it cannot be proven covered).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .arns import glob_matches, selects_only_s3
from .constants import BUCKET_V2, NATIVE_BUCKET, NATIVE_SELECTION
from .props import MISSING, UNKNOWN
from .readiness import Node, SelectionNode
from .targets import Level, S3OptIn, s3_target

_KINDS = {NATIVE_BUCKET: "aws_native.s3.Bucket", BUCKET_V2: "aws.s3.BucketV2"}


@dataclass(frozen=True)
class Bucket:
    """A bucket of the stack, by what identifies it."""

    node: Node
    bucket_name: str | None
    arn: str | None
    tags: Mapping[str, str] | None
    """Known tags, or ``None`` when they are unknown."""

    @property
    def label(self) -> str:
        kind = _KINDS.get(self.node.type, "aws.s3.Bucket")
        shown = f'{kind} "{self.node.name}"'
        if self.bucket_name and self.bucket_name != self.node.name:
            shown += f' (bucket "{self.bucket_name}")'
        return shown

    def arn_for(self, partition: str) -> str | None:
        if self.arn:
            return self.arn
        return f"arn:{partition}:s3:::{self.bucket_name}" if self.bucket_name else None

    def names(self) -> tuple[str, ...]:
        """Every name the bucket goes by, for exemptions."""
        return tuple(n for n in (self.node.name, self.bucket_name, self.node.urn) if n)


def bucket_of(node: Node) -> Bucket:
    native = node.type == NATIVE_BUCKET
    name = node.get("bucketName" if native else "bucket")
    arn = node.get("arn")
    return Bucket(
        node=node,
        bucket_name=name if isinstance(name, str) and name else None,
        arn=arn if isinstance(arn, str) and arn.startswith("arn:") else None,
        tags=_native_tags(node.get("tags")) if native else _classic_tags(node),
    )


def _classic_tags(node: Node) -> Mapping[str, str] | None:
    # tagsAll (outputs) holds the provider's default tags too, but is computed, so often unknown during
    # preview; then the tags the program sets (a subset of tagsAll, with the same values) decide.
    values = [node.get("tagsAll"), node.get("tags")]
    for value in values:
        if isinstance(value, Mapping) and all(isinstance(v, str) for v in value.values()):
            return value
    return {} if all(value is MISSING for value in values) else None


def _native_tags(value: Any) -> Mapping[str, str] | None:
    if value is MISSING:
        return {}
    if not isinstance(value, list):
        return None
    tags: dict[str, str] = {}
    for entry in value:
        if not isinstance(entry, Mapping):
            return None
        key, item = entry.get("key"), entry.get("value")
        if not isinstance(key, str) or not isinstance(item, str):
            return None
        tags[key] = item
    return tags


@dataclass(frozen=True)
class Coverage:
    """One bucket a selection backs up, and how the selection reaches it (in the program's terms)."""

    bucket: Bucket
    how: str


class BucketIndex:
    """The stack's buckets, indexed for :func:`covered` (built once per resolution).

    A selection is compared only with the buckets it can reach: those it depends on, those whose ARN one
    of its literal entries names, and, for patterns and tags, those of its provider (matches of one
    pattern or tag set are computed once per provider).
    """

    def __init__(self, buckets: Sequence[Bucket]) -> None:
        self.buckets = list(buckets)
        self.order = {bucket.node.urn: index for index, bucket in enumerate(self.buckets)}
        self.by_urn = {bucket.node.urn: bucket for bucket in self.buckets}
        self.by_provider: dict[str | None, list[Bucket]] = {}
        for bucket in self.buckets:
            self.by_provider.setdefault(bucket.node.provider, []).append(bucket)
        self._by_arn: dict[str, dict[str, list[Bucket]]] = {}
        self.memo: dict[tuple[Any, ...], Any] = {}

    def by_arn(self, partition: str, arn: str) -> list[Bucket]:
        if partition not in self._by_arn:
            table: dict[str, list[Bucket]] = {}
            for bucket in self.buckets:
                key = bucket.arn_for(partition)
                if key:
                    table.setdefault(key, []).append(bucket)
            self._by_arn[partition] = table
        return self._by_arn[partition].get(arn, [])

    def candidates(self, selection: SelectionNode, entries: Sequence[Any], partition: str) -> list[Bucket]:
        found: dict[str, Bucket] = {}
        for urn in selection.resource_deps:
            if urn in self.by_urn:
                found[urn] = self.by_urn[urn]
        for entry in entries:
            if not isinstance(entry, str):
                continue
            reached = (
                self.by_arn(partition, entry)
                if "*" not in entry
                else self.by_provider.get(selection.provider, [])
            )
            for bucket in reached:
                found[bucket.node.urn] = bucket
        return sorted(found.values(), key=lambda bucket: self.order[bucket.node.urn])


def covered(selection: SelectionNode, index: BucketIndex, opt_in: S3OptIn) -> list[Coverage]:
    """The buckets of the stack that ``selection`` backs up (each once, in stack order)."""
    view = selection.view
    if view.malformed or view.restore_testing or not index.buckets:
        return []
    partition = selection.partition
    # The role rule's own reading first: a selection that cannot target S3 backs up no bucket.
    sources = [index.by_urn[urn].node.name for urn in selection.resource_deps if urn in index.by_urn]
    if s3_target(view, sources, opt_in, partition).level is Level.NONE:
        return []
    found: dict[str, Coverage] = {}
    resources = view.resources
    dep_urns = set(selection.resource_deps)
    if resources is UNKNOWN:
        entries: list[Any] = [UNKNOWN]
    elif isinstance(resources, list):
        entries = resources
    else:
        entries = []
    if entries:
        # Selections that read alike (say, many "arn:aws:s3:::*") share one answer: a pattern reaches every
        # bucket of the provider, and matching each again per selection grew with selections x buckets.
        key = (
            "entries",
            selection.provider,
            partition,
            resources is UNKNOWN,
            repr(entries),
            selection.resource_deps,
            repr(view.not_resources),
            opt_in,
        )
        if key not in index.memo:
            index.memo[key] = [
                Coverage(bucket, how)
                for bucket in index.candidates(selection, entries, partition)
                for how in (_by_entries(selection, bucket, entries, dep_urns, partition, opt_in),)
                if how and not _excluded(view.not_resources, bucket, partition)
            ]
        for coverage in index.memo[key]:
            found.setdefault(coverage.bucket.node.urn, coverage)
    # AWS Backup ORs the tag list with resources: a tag entry selects buckets next to resources too.
    tags_only = resources is MISSING or resources == []
    tag_list = isinstance(view.tags, list) and bool(view.tags)
    if (tags_only or (entries and tag_list)) and not opt_in.opted_out:
        key = ("tags", selection.provider, view.type, repr(view.tags), repr(view.conditions), opt_in)
        if key not in index.memo:
            index.memo[key] = [
                (bucket, how)
                for bucket in index.by_provider.get(selection.provider, [])
                for how in (_by_tags(view, bucket, opt_in),)
                if how
            ]
        for bucket, how in index.memo[key]:
            if not _excluded(view.not_resources, bucket, partition):
                found.setdefault(bucket.node.urn, Coverage(bucket, how))
    return list(found.values())


def _by_entries(
    selection: SelectionNode,
    bucket: Bucket,
    entries: Sequence[Any],
    dep_urns: set[str],
    partition: str,
    opt_in: S3OptIn,
) -> str | None:
    same_provider = bucket.node.provider == selection.provider
    arn = bucket.arn_for(partition)
    for index, entry in enumerate(entries):
        whole = selection.view.resources is UNKNOWN
        where = "resources" if whole else f"resources[{index}]"
        if entry is UNKNOWN:
            if bucket.node.urn in dep_urns:
                return f"{where} is computed from it"
            continue
        if not isinstance(entry, str) or arn is None:
            continue
        if "*" not in entry:
            if entry == arn and (same_provider or bucket.node.urn in dep_urns):
                return f"resources[{index}] is its ARN {entry}"
            continue
        if not same_provider or opt_in.opted_out:
            continue
        if not selects_only_s3(entry) and not opt_in.opted_in:
            continue  # "*" and broad patterns select S3 only where it is opted in
        if glob_matches(entry, arn):
            return f'resources[{index}] "{entry}" matches its ARN'
    return None


def _excluded(not_resources: Any, bucket: Bucket, partition: str) -> bool:
    arn = bucket.arn_for(partition)
    if not isinstance(not_resources, list):
        return False
    return any(
        isinstance(entry, str) and arn is not None and glob_matches(entry, arn) for entry in not_resources
    )


# --- tags and conditions --------------------------------------------------------------------------

_TAG_PREFIX = "aws:ResourceTag/"


def _by_tags(view: Any, bucket: Bucket, opt_in: S3OptIn) -> str | None:
    """How the selection's tags and conditions take the bucket, or ``None`` (also when undecidable)."""
    tags = bucket.tags
    if tags is None:
        return None
    native = view.type == NATIVE_SELECTION
    selection_tags = view.tags
    conditions = view.conditions
    has_tags = isinstance(selection_tags, list) and bool(selection_tags)
    if selection_tags not in (MISSING,) and not isinstance(selection_tags, list):
        return None
    matched: str | None = None
    if has_tags:
        for index, entry in enumerate(selection_tags):
            key, value, kind = _tag_fields(entry, native)
            if (
                kind is not None
                and kind.upper() == "STRINGEQUALS"
                and isinstance(key, str)
                and tags.get(key) == value
            ):
                matched = (
                    f'its tag {key}="{value}" matches {"listOfTags" if native else "selectionTags"}[{index}]'
                )
                break
        if matched is None:
            return None
    groups = _condition_groups(conditions, native)
    if groups is None:
        return None
    for operator, key, value in groups:
        if not key.startswith(_TAG_PREFIX):
            return None
        actual = tags.get(key[len(_TAG_PREFIX) :])
        if not _holds(operator, actual, value):
            return None
    if matched:
        return matched
    if groups:
        return "its tags meet every condition of the selection"
    if opt_in.opted_in:  # no resources, tags or conditions: every opted-in resource
        return "the selection names no resources, tags or conditions, and RegionSettings opt S3 in"
    return None


def _tag_fields(entry: Any, native: bool) -> tuple[Any, Any, str | None]:
    if not isinstance(entry, Mapping):
        return None, None, None
    if native:
        kind = entry.get("conditionType")
        return entry.get("conditionKey"), entry.get("conditionValue"), kind if isinstance(kind, str) else None
    kind = entry.get("type")
    return entry.get("key"), entry.get("value"), kind if isinstance(kind, str) else None


_OPERATORS = ("stringEquals", "stringLike", "stringNotEquals", "stringNotLike")


def _condition_groups(conditions: Any, native: bool) -> list[tuple[str, str, str]] | None:
    """Every (operator, key, value) of the conditions; ``None`` when any part is not known."""
    if conditions is MISSING:
        return []
    blocks = [conditions] if native and isinstance(conditions, Mapping) else conditions
    if not isinstance(blocks, list):
        return None
    found: list[tuple[str, str, str]] = []
    for block in blocks:
        if not isinstance(block, Mapping):
            return None
        for operator, entries in block.items():
            if operator not in _OPERATORS:
                return None
            if entries is MISSING:
                continue
            if not isinstance(entries, list):
                return None
            for entry in entries:
                if not isinstance(entry, Mapping):
                    return None
                key = entry.get("conditionKey" if native else "key")
                value = entry.get("conditionValue" if native else "value")
                if not isinstance(key, str) or not isinstance(value, str):
                    return None
                found.append((operator, key, value))
    return found


def _holds(operator: str, actual: str | None, value: str) -> bool:
    if operator == "stringEquals":
        return actual == value
    if operator == "stringLike":
        return actual is not None and glob_matches(value, actual)
    if operator == "stringNotEquals":
        return actual != value
    return actual is None or not glob_matches(value, actual)
