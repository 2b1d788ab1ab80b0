"""aws-backup-selection-missing-s3-role-policies: the main rule (stack validation, mandatory).

AWS behaviour it guards: a backup selection that targets S3 deploys cleanly with any role, and then
every S3 backup job fails with "AWS Backup does not have permission to describe resource
arn:aws:s3:::<bucket>" unless the role carries the AWS managed policies
AWSBackupServiceRolePolicyForS3Backup and AWSBackupServiceRolePolicyForS3Restore (root path). The
console default role AWSBackupDefaultServiceRole carries neither.

A stack policy, because during preview a new role's ARN is unknown: only the stack analysis sees the
property dependencies that lead from a selection to its role and from the role to its attachments.
"""

from __future__ import annotations

from collections.abc import Sequence

from pulumi_policy import PolicyResource, ReportViolation, StackValidationArgs

from . import external_roles, messages
from .arns import S3Policy
from .collector import collector_paused
from .config import ConfigError, GuardrailConfig, TargetMode, parse_config
from .constants import COMPONENT_TYPE, DEFAULT_ROLE_NAME, NON_S3_ARN_TYPES
from .declarations import SELECTION_ROLE_POLICIES
from .props import pluck
from .providers import provider_urn, selection_partition
from .role_lookup import ExternalRole, lookup_role
from .role_policies import Evidence, evidence_for_role
from .run_record import RECORD
from .selections import SelectionView, view_selection
from .shared_stack import stack_resources
from .stack_index import RoleInfo, StackIndex, bucket_names, stack_index
from .targets import Level, S3OptIn, Sources, Target, s3_target

NAME = SELECTION_ROLE_POLICIES.name


def validate(args: StackValidationArgs, report_violation: ReportViolation) -> None:
    """Check every selection in the stack; never raise, never read an unknown through the proxy."""
    with collector_paused():
        _validate(args, report_violation)  # everything it builds is freed when it returns


def _validate(args: StackValidationArgs, report_violation: ReportViolation) -> None:
    try:
        config = parse_config(args.get_config())
    except ConfigError as error:
        report_violation(messages.config_error(NAME, str(error)), None)
        return
    try:
        index = stack_index(stack_resources(args))
    except Exception as error:
        report_violation(messages.internal_error("this stack", error), None)
        return
    if config.verify_external_roles:
        external_roles.prefetch(index, config, lambda resource: _external_scope(index, resource, config))
    for resource in index.selections:
        try:
            message = check_selection(index, resource, config)
        except Exception as error:
            message = messages.internal_error(f'selection "{resource.name}"', error)
        if message:
            report_violation(message, resource.urn)


def check_selection(index: StackIndex, resource: PolicyResource, config: GuardrailConfig) -> str | None:
    """The violation message for one selection, or ``None`` when it is proven safe or out of scope."""
    scoped = _scope(index, resource, config)
    if scoped is None:
        return None
    selection, target, partition = scoped
    lookup = lookup_role(index, selection, resource)
    if lookup.problem is not None:
        return messages.role_not_found(selection, target.reason, lookup.problem, target.needs, partition)
    # One cause, one violation: when the resource-level check already blocked this selection for the
    # console default role (mandatory, before it could be created), that role is not judged again here.
    spoken = RECORD.blocked(resource.urn)
    problems = [
        _check_stack_role(index, selection, target, role, partition, config)
        for role in lookup.stack_roles
        if not (spoken and role.name == DEFAULT_ROLE_NAME)
    ]
    problems += [
        _check_external_role(index, selection, target, role, partition, config, resource)
        for role in lookup.external_roles
        if not (spoken and role.name == DEFAULT_ROLE_NAME)
    ]
    found = [problem for problem in problems if problem]
    return " ".join(found) if found else None


def _scope(
    index: StackIndex, resource: PolicyResource, config: GuardrailConfig
) -> tuple[SelectionView, Target, str] | None:
    """The selection, its S3 target and its partition; ``None`` when it is exempt or out of scope."""
    selection = view_selection(resource.urn, resource.resource_type, resource.name, resource.props)
    if config.exempt_selections and config.exempts(*selection.names()):
        return None
    deps = resource.property_dependencies.get(selection.resources_property, ())
    partition = selection_partition(resource, selection, config.default_partition)
    sources = Sources(
        bucket_names(deps),
        bool(deps) and all(dep.resource_type in NON_S3_ARN_TYPES for dep in deps),
        bool(resource.property_dependencies.get(selection.tags_property)),
    )
    target = s3_target(selection, sources, _s3_opt_in(index, resource), partition)
    if target.level is Level.NONE:
        return None
    if target.level is Level.POSSIBLE and config.s3_targets is TargetMode.DEFINITE:
        return None
    return selection, target, partition


def _external_scope(
    index: StackIndex, resource: PolicyResource, config: GuardrailConfig
) -> tuple[Target, str, tuple[ExternalRole, ...]] | None:
    """The S3 target, partition and external roles of one selection (what verifyExternalRoles looks up)."""
    scoped = _scope(index, resource, config)
    if scoped is None:
        return None
    selection, target, partition = scoped
    return target, partition, lookup_role(index, selection, resource).external_roles


def _check_stack_role(
    index: StackIndex,
    selection: SelectionView,
    target: Target,
    role: RoleInfo,
    partition: str,
    config: GuardrailConfig,
) -> str | None:
    # The role's own arn is unknown until it exists; the selection's known ARN names the same role.
    arn = role.arn or (selection.role if isinstance(selection.role, str) else None)
    if arn and config.trusts(arn):
        return None
    evidence = evidence_for_role(index, role, partition)
    missing = _missing(target.needs, evidence)
    if not missing:
        return None
    label = f'"{role.resource.name}" ({role.resource.urn})'
    return messages.stack_role_missing(
        selection, target.reason, label, missing, evidence, partition, NAME, _component_of(index, role)
    )


def _check_external_role(
    index: StackIndex,
    selection: SelectionView,
    target: Target,
    role: ExternalRole,
    partition: str,
    config: GuardrailConfig,
    resource: PolicyResource,
) -> str | None:
    if role.arn and config.trusts(role.arn):
        return None
    evidence = external_roles.stack_evidence(index, resource, role, partition)
    missing = _missing(target.needs, evidence)
    if not missing:
        return None
    iam = None
    if config.verify_external_roles:
        decided, iam = external_roles.judge(
            index, resource, selection, target, role, evidence, partition, NAME
        )
        if decided:
            return iam
    shown = role.arn or f'"{role.name}"'
    if role.name == DEFAULT_ROLE_NAME:
        message = messages.default_role_missing(
            selection, target.reason, shown, missing, evidence, partition, NAME
        )
    else:
        message = messages.external_role_missing(
            selection, target.reason, shown, role.name, missing, evidence, partition, NAME
        )
    return message + (iam or "")


def _missing(needs: Sequence[S3Policy], evidence: Evidence) -> list[S3Policy]:
    return [policy for policy in needs if policy not in evidence.granted]


def _component_of(index: StackIndex, role: RoleInfo) -> str | None:
    """The logical name of the BackupServiceRole component that built ``role``, if one did."""
    parent = role.resource.parent
    return parent.name if parent is not None and parent.resource_type == COMPONENT_TYPE else None


def _s3_opt_in(index: StackIndex, selection: PolicyResource) -> S3OptIn:
    """S3's opt-in from the stack's RegionSettings that share the selection's provider (once per provider)."""
    provider = provider_urn(selection)
    return index.remember(
        ("s3-opt-in", provider),
        lambda: S3OptIn.from_preferences(
            [
                pluck(settings.props, "resourceTypeOptInPreference", "S3")
                for settings in index.region_settings
                if provider_urn(settings) == provider
            ]
        ),
    )
