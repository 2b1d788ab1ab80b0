"""Which IAM role a selection uses.

During preview a role created in the same program has an unknown ``arn``, so the selection's role
ARN is unknown too; the only link is the property dependency of the role ARN property. It can point
at the role itself, at attachments (an output combining the role with them), or at a component
whose children hold the role. A known ARN (or the role name inside it) is matched against roles in
the stack; a role that is in none of these is outside the stack.
"""

from __future__ import annotations

from dataclasses import dataclass

from pulumi_policy import PolicyResource

from .arns import parse_role_arn
from .constants import ATTACHMENT_TYPES, ROLE_TYPES
from .props import UNKNOWN, describe_type
from .selections import SelectionView
from .stack_index import RoleInfo, StackIndex


@dataclass(frozen=True)
class ExternalRole:
    """A role that is not managed in this stack, known by name (and ARN when the selection has one)."""

    name: str
    arn: str | None


@dataclass(frozen=True)
class RoleLookup:
    """The roles a selection may use (every one must be proven), or why none could be found."""

    stack_roles: tuple[RoleInfo, ...] = ()
    external_roles: tuple[ExternalRole, ...] = ()
    problem: str | None = None


def lookup_role(index: StackIndex, selection: SelectionView, resource: PolicyResource) -> RoleLookup:
    """Find the role(s) behind ``selection`` (``resource`` is its PolicyResource)."""
    value = selection.role
    parsed = None
    if value is not UNKNOWN:
        if not isinstance(value, str):
            return RoleLookup(
                problem=f"its {selection.role_path} is {describe_type(value)}, not an IAM role ARN"
            )
        parsed = parse_role_arn(value)
        if parsed is None:
            return RoleLookup(problem=f"its {selection.role_path} {value!r} is not an IAM role ARN")

    deps = resource.property_dependencies.get(selection.role_property, ())
    shared = sorted({dep.urn for dep in deps} & index.duplicate_urns)
    if shared:
        return RoleLookup(
            problem=f"its {selection.role_path} depends on {shared[0]}, a URN that several resources in this "
            "stack claim, so the role it comes from is ambiguous"
        )
    key = ("dependencies", *map(id, deps))
    stack_roles, outside_names = index.remember(key, lambda: _from_dependencies(index, deps))
    if stack_roles or outside_names:
        if parsed is None:
            return RoleLookup(stack_roles, tuple(ExternalRole(name, None) for name in outside_names))
        narrowed = tuple(role for role in stack_roles if role.arn == value or role.name == parsed.name)
        if narrowed:
            return RoleLookup(stack_roles=narrowed)
        if parsed.name in outside_names:
            return RoleLookup(external_roles=(ExternalRole(parsed.name, value),))
        # The known ARN names none of the roles it depends on: the role it names is the one AWS
        # Backup assumes, so judge that one (found below), never the dependencies.
    if parsed is None or not isinstance(value, str):
        return RoleLookup(problem=_unlinked(selection, deps))
    in_stack = index.roles_by_arn.get(value) or index.roles_by_name.get(parsed.name)
    if in_stack:
        return RoleLookup(stack_roles=tuple(_dedupe(in_stack)))
    return RoleLookup(external_roles=(ExternalRole(parsed.name, value),))


def _from_dependencies(
    index: StackIndex, deps: list[PolicyResource] | tuple[PolicyResource, ...]
) -> tuple[tuple[RoleInfo, ...], list[str]]:
    roles: list[RoleInfo] = []
    names: list[str] = []

    def visit(resource: PolicyResource) -> bool:
        if resource.resource_type in ROLE_TYPES:
            roles.append(index.roles[id(resource)])
            return True
        if resource.resource_type in ATTACHMENT_TYPES:
            attachment = index.attachments[id(resource)]
            if attachment.role_resources:
                roles.extend(index.roles[id(role)] for role in attachment.role_resources)
            else:
                names.extend(attachment.role_names)
            return True
        return False

    for dep in deps:
        if not visit(dep):
            for child in index.descendants(dep):
                visit(child)
    unique_roles = tuple(_dedupe(roles))
    # Names that belong to a role of the stack are that role, not an outside one.
    outside = [name for name in dict.fromkeys(names) if name not in index.roles_by_name]
    for name in dict.fromkeys(names):
        for role in index.roles_by_name.get(name, ()):
            if role not in unique_roles:
                unique_roles = (*unique_roles, role)
    return unique_roles, outside


def _dedupe(roles: list[RoleInfo]) -> list[RoleInfo]:
    seen: set[int] = set()
    result = []
    for role in roles:
        if id(role.resource) not in seen:
            seen.add(id(role.resource))
            result.append(role)
    return result


def _unlinked(selection: SelectionView, deps: list[PolicyResource] | tuple[PolicyResource, ...]) -> str:
    what = f"its {selection.role_path} is unknown during preview"
    if not deps:
        return f"{what} and does not depend on any resource in this stack"
    names = ", ".join(f'{dep.resource_type} "{dep.name}"' for dep in deps)
    return f"{what} and depends only on {names}, none of which is or holds an IAM role"
