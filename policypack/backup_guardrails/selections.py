"""A uniform view of the three resources that point AWS Backup at resources with a role.

``aws:backup/selection:Selection`` keeps its fields at the top level;
``aws-native:backup:BackupSelection`` nests them under ``backupSelection`` (so its property
dependencies are recorded under that one key); ``RestoreTestingSelection`` restores one resource type.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .constants import NATIVE_SELECTION, RESTORE_TESTING_SELECTION, SELECTION
from .props import MISSING, UNKNOWN, describe_type, pluck


@dataclass(frozen=True)
class SelectionView:
    """What the rules need to know about one selection, read without touching the proxy."""

    urn: str
    type: str
    logical_name: str
    name: Any
    """The ``name`` / ``selectionName`` property (may be UNKNOWN or MISSING)."""
    role: Any
    """The role ARN property value."""
    role_property: str
    """The property whose dependencies lead to the role."""
    resources: Any
    resources_property: str
    not_resources: Any
    tags: Any
    conditions: Any
    protected_resource_type: Any
    """Only for restore testing selections; MISSING otherwise."""
    malformed: str | None = None
    """Why the selection's fields cannot be read at all (an aws-native ``backupSelection`` that is not
    an object); it may then select anything."""

    @property
    def restore_testing(self) -> bool:
        return self.type == RESTORE_TESTING_SELECTION

    @property
    def role_path(self) -> str:
        """How users spell the role property, for messages."""
        return "backupSelection.iamRoleArn" if self.type == NATIVE_SELECTION else "iamRoleArn"

    @property
    def role_path_python(self) -> str:
        """The same property as the Python SDK spells it."""
        return "backup_selection.iam_role_arn" if self.type == NATIVE_SELECTION else "iam_role_arn"

    def names(self) -> tuple[str, ...]:
        """Every name the selection goes by, for exemptions."""
        extra = (self.name,) if isinstance(self.name, str) else ()
        return (self.logical_name, *extra, self.urn)


@dataclass(frozen=True)
class _Fields:
    """Where one selection type keeps its fields."""

    container: str | None  # the object holding them (aws-native), or None for top-level
    name: str
    tags: str
    role_dependency: str  # the property whose dependencies lead to the role
    resources_dependency: str  # ... and to the resources


_BACKUP_SELECTION_FIELDS = {
    SELECTION: _Fields(None, "name", "selectionTags", "iamRoleArn", "resources"),
    NATIVE_SELECTION: _Fields(
        "backupSelection", "selectionName", "listOfTags", "backupSelection", "backupSelection"
    ),
}


def view_selection(urn: str, resource_type: str, logical_name: str, props: Any) -> SelectionView:
    """Build a :class:`SelectionView` from a selection's (proxied or plain) properties."""
    fields = _BACKUP_SELECTION_FIELDS.get(resource_type)
    if fields is None:  # a restore testing selection
        return SelectionView(
            urn=urn,
            type=resource_type,
            logical_name=logical_name,
            name=pluck(props, "name"),
            role=pluck(props, "iamRoleArn"),
            role_property="iamRoleArn",
            resources=MISSING,
            resources_property="protectedResourceArns",
            not_resources=MISSING,
            tags=MISSING,
            conditions=MISSING,
            protected_resource_type=pluck(props, "protectedResourceType"),
        )
    # Each field is copied out of the proxy on its own (the aws-native container as a whole).
    inner = props if fields.container is None else pluck(props, fields.container)
    malformed = None
    if fields.container and inner is not MISSING and inner is not UNKNOWN and not isinstance(inner, Mapping):
        malformed = f"{fields.container} is {describe_type(inner)}, not an object"
    return SelectionView(
        urn=urn,
        type=resource_type,
        logical_name=logical_name,
        name=pluck(inner, fields.name),
        role=pluck(inner, "iamRoleArn"),
        role_property=fields.role_dependency,
        resources=pluck(inner, "resources"),
        resources_property=fields.resources_dependency,
        not_resources=pluck(inner, "notResources"),
        tags=pluck(inner, fields.tags),
        conditions=pluck(inner, "conditions"),
        protected_resource_type=MISSING,
        malformed=malformed,
    )
