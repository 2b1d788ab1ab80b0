"""Does a selection back up (or restore-test) S3?

AWS Backup semantics (FACTS.md): ``resources`` entries are ORed ARN patterns with ``*`` wildcards;
``"*"`` is every opted-in resource type, S3 included; ``notResources`` excludes; a selection with no
``resources`` but tags or conditions covers every opted-in type whose tags match, S3 included; and a
restore testing selection restores exactly its ``protectedResourceType``; a selection with no
resources, tags or conditions takes every opted-in resource. S3 opted out for the region
(``RegionSettings``) removes S3 from ``*``, wildcard patterns, tags and conditions, but an S3 bucket
assigned by its explicit ARN is backed up regardless of the opt-in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum

from .arns import S3Policy, excludes_all_s3, glob_matches, may_select_s3, selects_only_s3
from .constants import NATIVE_SELECTION
from .props import MISSING, UNKNOWN, describe_type
from .selections import SelectionView


class Level(IntEnum):
    """How sure we are that a selection targets S3."""

    NONE = 0
    POSSIBLE = 1
    DEFINITE = 2


@dataclass(frozen=True)
class Target:
    """The verdict on one selection: how it targets S3, why, and which S3 policies its role needs."""

    level: Level
    reason: str
    needs: tuple[S3Policy, ...] = (S3Policy.BACKUP, S3Policy.RESTORE)


_NO_S3 = Target(Level.NONE, "")


@dataclass(frozen=True)
class S3OptIn:
    """What the stack's ``RegionSettings`` say about S3 for the selection's provider."""

    opted_out: bool = False
    opted_in: bool = False

    @classmethod
    def from_preferences(cls, values: Sequence[object]) -> S3OptIn:
        """From the ``resourceTypeOptInPreference["S3"]`` values of one provider's RegionSettings."""
        opted_out = any(value is False for value in values)
        opted_in = any(value is True for value in values)
        # Conflicting settings for one region: trust neither (fail closed).
        return cls(opted_out=opted_out and not opted_in, opted_in=opted_in and not opted_out)


@dataclass(frozen=True)
class Sources:
    """What the property dependencies of a selection's ``resources`` say about its unknown entries."""

    buckets: Sequence[str] = ()
    """Logical names of the S3 buckets among them: an unknown entry is then a *definite* S3 target."""
    non_s3_only: bool = False
    """Every dependency is of a type whose ARN is never an S3 bucket ARN (``NON_S3_ARN_TYPES``), and
    there is at least one: an unknown entry then names no bucket."""
    tags_computed: bool = True
    """The tag list has property dependencies (the program computes it). When it does not, an unknown tag
    list next to ``resources`` is the provider's placeholder for an argument the program left unset."""


def s3_target(
    selection: SelectionView,
    bucket_sources: Sequence[str] | Sources,
    opt_in: S3OptIn,
    partition: str | None,
    *,
    known_only: bool = False,
) -> Target:
    """Classify ``selection``.

    ``bucket_sources`` names the S3 bucket resources its resources were computed from (property
    dependencies), or is a :class:`Sources`; ``opt_in`` the region's S3 opt-in, ``partition`` the
    partition when known. ``known_only``: judge only what the known inputs prove, reading every unknown
    as selecting nothing (the resource-level check, whose unknowns exist only in a preview, which the
    stack rule judges with the dependencies).
    """
    sources = bucket_sources if isinstance(bucket_sources, Sources) else Sources(tuple(bucket_sources))
    if selection.restore_testing:
        return _restore_testing_target(selection.protected_resource_type, known_only)
    if selection.malformed:
        return Target(Level.POSSIBLE, selection.malformed)
    if _excludes_s3(selection.not_resources, partition):
        return _NO_S3
    resources = selection.resources
    if resources is MISSING or (isinstance(resources, list) and not resources):
        return _by_tags(selection, opt_in, known_only)
    # Tags are ORed with resources (conditions are ANDed with them): they add what they select.
    tagged = _tags_ored(selection, opt_in, known_only or not sources.tags_computed)
    if resources is UNKNOWN:
        by_resources = _NO_S3 if known_only else _computed(sources, "resources are unknown during preview")
        return max(by_resources, tagged, key=lambda target: target.level)
    if not isinstance(resources, list):
        return Target(Level.POSSIBLE, f"resources is {describe_type(resources)}, not a list of ARNs")
    verdicts = [
        _NO_S3
        if known_only and entry is UNKNOWN
        else _entry(index, entry, sources, selection.not_resources, opt_in)
        for index, entry in enumerate(resources)
    ]
    return max([*verdicts, tagged], key=lambda target: target.level)


def _tags_ored(selection: SelectionView, opt_in: S3OptIn, unknown_selects_nothing: bool) -> Target:
    """What a selection's tag list adds to its ``resources``: AWS Backup ORs ``ListOfTags`` with
    ``Resources`` (and ANDs ``Conditions`` with them), over every opted-in resource type."""
    tags = selection.tags
    if opt_in.opted_out or (unknown_selects_nothing and tags is UNKNOWN) or not _selects(tags, objects=False):
        return _NO_S3
    name = "backupSelection.listOfTags" if selection.type == NATIVE_SELECTION else "selectionTags"
    return Target(
        Level.POSSIBLE,
        f"its {name} are ORed with its resources and select every opted-in resource type with those tags, "
        "S3 included",
    )


def _restore_testing_target(resource_type: object, known_only: bool) -> Target:
    needs = (S3Policy.RESTORE,)
    if resource_type == "S3":
        return Target(Level.DEFINITE, "protectedResourceType is S3", needs)
    if resource_type is UNKNOWN and known_only:
        return _NO_S3
    if resource_type is UNKNOWN:
        return Target(Level.POSSIBLE, "protectedResourceType is unknown during preview", needs)
    if not isinstance(resource_type, str):
        return Target(Level.POSSIBLE, f"protectedResourceType is {describe_type(resource_type)}", needs)
    return _NO_S3


def _excludes_s3(not_resources: object, partition: str | None) -> bool:
    if not isinstance(not_resources, list):
        return False
    return any(isinstance(entry, str) and excludes_all_s3(entry, partition) for entry in not_resources)


def _excluded(arn: str, not_resources: object) -> bool:
    if not isinstance(not_resources, list):
        return False
    return any(isinstance(entry, str) and glob_matches(entry, arn) for entry in not_resources)


def _computed(sources: Sources, what: str) -> Target:
    if sources.buckets:
        names = ", ".join(f'"{name}"' for name in sources.buckets)
        return Target(Level.DEFINITE, f"{what} and computed from S3 bucket {names}")
    if sources.non_s3_only:
        return _NO_S3
    return Target(Level.POSSIBLE, what)


def _entry(index: int, entry: object, sources: Sources, not_resources: object, opt_in: S3OptIn) -> Target:
    if entry is UNKNOWN:
        return _computed(sources, f"resources[{index}] is unknown during preview")
    if not isinstance(entry, str):
        return Target(Level.POSSIBLE, f"resources[{index}] is {describe_type(entry)}, not an ARN")
    if "*" in entry and opt_in.opted_out:
        return _NO_S3  # wildcards select only opted-in types; an ARN assigned explicitly is backed up anyway
    if entry == "*":
        level = Level.DEFINITE if opt_in.opted_in else Level.POSSIBLE
        return Target(level, 'resources include "*", which selects every opted-in resource type, S3 included')
    if not may_select_s3(entry):
        return _NO_S3
    if "*" not in entry and _excluded(entry, not_resources):
        return _NO_S3
    level = Level.DEFINITE if selects_only_s3(entry) else Level.POSSIBLE
    return Target(level, f"resources include {entry}")


def _by_tags(selection: SelectionView, opt_in: S3OptIn, known_only: bool) -> Target:
    if opt_in.opted_out:
        return _NO_S3  # tags and conditions select among opted-in resource types only
    # aws-native's conditions is one object of condition lists; every other shape is a list of entries.
    native = selection.type == NATIVE_SELECTION
    tags, conditions = selection.tags, selection.conditions
    if known_only and UNKNOWN in (tags, conditions):
        # An unknown tags/conditions selects nothing yet; the known one may still select.
        tags, conditions = (MISSING if v is UNKNOWN else v for v in (tags, conditions))
        if not (_selects(tags, objects=False) or _selects(conditions, objects=native)):
            return _NO_S3
    if _selects(tags, objects=False) or _selects(conditions, objects=native):
        return Target(
            Level.POSSIBLE,
            "it selects by tags or conditions only, which covers every opted-in resource type, S3 included",
        )
    # The AWS Backup API: with no resources, tags or conditions, a selection takes every opted-in resource.
    return Target(
        Level.POSSIBLE,
        "it names no resources, tags or conditions, which AWS Backup treats as every opted-in resource, "
        "S3 included",
    )


def _selects(value: object, objects: bool) -> bool:
    """Whether a tags/conditions property selects anything. Its entries must be objects; ``objects``
    allows the property itself to be one. Unknown or any other shape counts as yes (fail closed)."""
    if value is MISSING:
        return False
    if isinstance(value, list):
        return any(not isinstance(entry, Mapping) or _present(entry) for entry in value)
    if isinstance(value, Mapping) and objects:
        return _present(value)
    return True


def _present(value: object) -> bool:
    """Whether a tags/conditions value selects anything (unknown or malformed counts as yes)."""
    if value is MISSING:
        return False
    if isinstance(value, list):
        return any(_present(item) for item in value)
    if isinstance(value, Mapping):
        return any(_present(item) for item in value.values())
    if isinstance(value, str):
        return value != ""
    return value is not None and value is not False
