"""aws-backup-selection-disallow-default-role-for-s3: the resource-level companion (mandatory).

Why a second policy: ``pulumi up --skip-preview`` runs stack policies only after every resource has
been created, so the main rule would fail the update only after the broken selection exists. A
resource policy runs as each resource is registered, before it is created. It can only judge a
selection by its own inputs, so it blocks the case those inputs prove: the role ARN is known, it is
the console default role (which carries no S3 policy), and the selection targets S3.

Attachments analyzed earlier in the same run can add both S3 policies to that role (adopt mode
registers its attachments before the selection that depends on them); then the selection passes.
The record of those attachments is kept per stack, for the life of the analyzer process (one
``pulumi preview`` or ``pulumi up``).
"""

from __future__ import annotations

import inspect

from pulumi_policy import EnforcementLevel, ReportViolation, ResourceValidationArgs

from . import external_roles, messages
from .arns import parse_role_arn, role_name_of
from .config import ConfigError, TargetMode, parse_config
from .constants import (
    DEFAULT_ROLE_NAME,
    POLICY_ATTACHMENT,
    REGION_SETTINGS,
    ROLE_POLICY_ATTACHMENT,
    ROLE_POLICY_ATTACHMENTS_EXCLUSIVE,
    ROLE_TYPES,
    SELECTION_TYPES,
)
from .declarations import DEFAULT_ROLE_RESOURCE
from .props import MISSING, UNKNOWN, get, plain, pluck
from .providers import account_conflicts, provider_partition, provider_urn, same_account
from .role_policies import evidence_from_sets, with_elsewhere
from .run_record import RECORD, NamedAttachment, RoleInputs, stack_of
from .selections import view_selection
from .targets import Level, s3_target

NAME = DEFAULT_ROLE_RESOURCE.name

_ROLE_KEYS = {
    ROLE_POLICY_ATTACHMENT: ("role", "policyArn"),
    ROLE_POLICY_ATTACHMENTS_EXCLUSIVE: ("roleName", "policyArns"),
    POLICY_ATTACHMENT: ("roles", "policyArn"),
}

REGISTRY = RECORD
"""The run's record, shared with the stack rule (kept under its old name for importers)."""


def _record_attachment(args: ResourceValidationArgs, stack: str) -> None:
    role_key, policy_key = _ROLE_KEYS[args.resource_type]
    props = plain(args.props)
    roles = get(props, role_key)
    policies = get(props, policy_key)
    # PolicyAttachment takes a list of roles and RolePolicyAttachmentsExclusive a list of policies;
    # a list in a single-value field names nothing (as in the stack rule).
    many_roles = args.resource_type == POLICY_ATTACHMENT and isinstance(roles, list)
    role_names = [role_name_of(r) for r in (roles if many_roles else [roles]) if isinstance(r, str) and r]
    exclusive = args.resource_type == ROLE_POLICY_ATTACHMENTS_EXCLUSIVE
    arns = policies if exclusive and isinstance(policies, list) else [policies]
    token = args.resource_type
    label = f'aws.iam.{token.rsplit(":", 1)[-1]} "{args.name}" ({token})'
    RECORD.record_attachment(stack, role_names, NamedAttachment(tuple(arns), args.provider, exclusive, label))


def _record_role(args: ResourceValidationArgs) -> None:
    try:
        value = pluck(args.props, "managedPolicyArns")
    except Exception:
        # Unreadable inputs: record an exclusive set that proves nothing (fail closed), never no record,
        # which the stack rule would read as a role that was only read (configures nothing).
        value = UNKNOWN
    RECORD.record_role(args.urn, RoleInputs(configured=value is not MISSING, value=value))


def _mandatory(report_violation: ReportViolation) -> bool:
    """Whether violations reported through ``report_violation`` are mandatory.

    pulumi-policy (1.21) builds the callback per policy with its effective enforcement level in the
    closure; that is the only place a validator can learn it. Unreadable counts as not mandatory, so
    the stack rule then speaks too (two messages rather than none).
    """
    try:
        level = inspect.getclosurevars(report_violation).nonlocals.get("enforcement_level")
    except (TypeError, ValueError):
        return False
    return level == EnforcementLevel.MANDATORY


def validate(args: ResourceValidationArgs, report_violation: ReportViolation) -> None:
    """Record attachments, roles and settings; judge selections that use the default role. Never raises."""
    try:
        _validate(args, report_violation)
    except ConfigError as error:
        report_violation(messages.config_error(NAME, str(error)), None)
    except Exception as error:
        if args.resource_type in SELECTION_TYPES:
            report_violation(messages.internal_error(f'selection "{args.name}"', error), args.urn)


def _validate(args: ResourceValidationArgs, report_violation: ReportViolation) -> None:
    stack = stack_of(args.urn)
    RECORD.record_seen(stack)
    if args.resource_type in _ROLE_KEYS:
        _record_attachment(args, stack)
        return
    if args.resource_type in ROLE_TYPES:
        _record_role(args)
        return
    if args.resource_type == REGION_SETTINGS:
        RECORD.record_region_settings(
            stack, provider_urn(args), get(plain(args.props), "resourceTypeOptInPreference", "S3")
        )
        return
    if args.resource_type not in SELECTION_TYPES:
        return
    config = parse_config(args.get_config())
    selection = view_selection(args.urn, args.resource_type, args.name, args.props)
    if not isinstance(selection.role, str):
        return
    role = parse_role_arn(selection.role)
    if role is None or role.name != DEFAULT_ROLE_NAME:
        return
    if config.exempts(*selection.names()) or config.trusts(selection.role):
        return
    partition = provider_partition(args) or role.partition
    # Unknowns exist only in a preview, which the stack rule judges with the dependencies; in an update
    # (also with --skip-preview) every input is known here, before the selection is created.
    target = s3_target(selection, (), RECORD.s3_opt_in(stack, provider_urn(args)), partition, known_only=True)
    if target.level is Level.NONE or (
        target.level is Level.POSSIBLE and config.s3_targets is TargetMode.DEFINITE
    ):
        return
    named = RECORD.attachments(stack, DEFAULT_ROLE_NAME)
    attachments = [
        attachment
        for attachment in named
        if same_account(attachment, args) and not account_conflicts(attachment, selection.role)
    ]
    evidence = evidence_from_sets(
        [(a.label, a.policies) for a in attachments if a.exclusive],
        [(a.label, a.policies) for a in attachments if not a.exclusive],
        partition,
    )
    evidence = with_elsewhere(evidence, [(a.label, a.policies) for a in named if a not in attachments])
    missing = [policy for policy in target.needs if policy not in evidence.granted]
    if not missing:
        return
    note = None
    # What IAM reports counts only beside additive attachments of this account: an exclusive set in the
    # run replaces the role's policies on apply, so then IAM is not asked (and the note says why).
    if config.verify_external_roles:
        proven, note = external_roles.proven_at_registration(
            args.provider, selection.role, evidence, missing, partition, config.verify_timeout_seconds
        )
        if proven:
            return
    message = messages.default_role_missing(
        selection, target.reason, selection.role, missing, evidence, partition, NAME
    )
    # The register-first advice fits only attachments that may come later, not an exclusive set.
    advice = "" if evidence.owners else messages.REGISTER_FIRST
    report_violation(message + advice + (note or ""), args.urn)
    if _mandatory(report_violation):
        RECORD.record_blocked(args.urn)
