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

import threading
from collections import defaultdict

from pulumi_policy import (
    EnforcementLevel,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
)

from . import external_roles, messages
from .arns import parse_role_arn, role_name_of
from .config import SCHEMA, ConfigError, TargetMode, parse_config
from .constants import (
    DEFAULT_ROLE_NAME,
    POLICY_ATTACHMENT,
    POLICY_TAGS,
    REGION_SETTINGS,
    ROLE_POLICY_ATTACHMENT,
    ROLE_POLICY_ATTACHMENTS_EXCLUSIVE,
    S3_BACKUP_GUIDE,
    SELECTION_TYPES,
)
from .props import get, plain
from .role_policies import evidence_from_arns
from .selections import view_selection
from .targets import Level, S3OptIn, provider_urn, s3_target

NAME = "aws-backup-selection-disallow-default-role-for-s3"
DESCRIPTION = (
    "A backup selection that targets S3 must not use the console default role AWSBackupDefaultServiceRole "
    "unless both S3 managed policies are attached to it first."
)
REMEDIATION = (
    "Attach AWSBackupServiceRolePolicyForS3Backup and AWSBackupServiceRolePolicyForS3Restore to "
    "AWSBackupDefaultServiceRole with aws.iam.RolePolicyAttachment (or BackupServiceRole adopt mode), and "
    "make the selection depend on those attachments so they are registered first; or use a dedicated role."
)
URL = S3_BACKUP_GUIDE

_ROLE_KEYS = {
    ROLE_POLICY_ATTACHMENT: ("role", "policyArn"),
    ROLE_POLICY_ATTACHMENTS_EXCLUSIVE: ("roleName", "policyArns"),
    POLICY_ATTACHMENT: ("roles", "policyArn"),
}


class _Registry:
    """Policy ARNs attached by name, and S3 opt-in preferences, seen so far in this run; per stack."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._policies: dict[tuple[str, str], list[object]] = defaultdict(list)
        # (stack, provider URN) -> resourceTypeOptInPreference["S3"] values, as in the stack rule.
        self._s3_preferences: dict[tuple[str, str | None], list[object]] = defaultdict(list)

    def record_attachment(self, stack: str, resource_type: str, props: object) -> None:
        role_key, policy_key = _ROLE_KEYS[resource_type]
        roles = get(props, role_key)
        policies = get(props, policy_key)
        # PolicyAttachment takes a list of roles and RolePolicyAttachmentsExclusive a list of policies;
        # a list in a single-value field names nothing (as in the stack rule).
        many_roles = resource_type == POLICY_ATTACHMENT and isinstance(roles, list)
        role_names = [role_name_of(r) for r in (roles if many_roles else [roles]) if isinstance(r, str)]
        many = resource_type == ROLE_POLICY_ATTACHMENTS_EXCLUSIVE and isinstance(policies, list)
        arns = policies if many else [policies]
        with self._lock:
            for name in role_names:
                self._policies[(stack, name)].extend(arns)

    def record_region_settings(self, stack: str, provider: str | None, props: object) -> None:
        value = get(props, "resourceTypeOptInPreference", "S3")
        with self._lock:
            self._s3_preferences[(stack, provider)].append(value)

    def policies(self, stack: str, role_name: str) -> list[object]:
        with self._lock:
            return list(self._policies.get((stack, role_name), ()))

    def s3_opt_in(self, stack: str, provider: str | None) -> S3OptIn:
        with self._lock:
            return S3OptIn.from_preferences(list(self._s3_preferences.get((stack, provider), ())))


REGISTRY = _Registry()


def _stack_of(urn: str) -> str:
    """``urn:pulumi:<stack>::<project>`` - the part of a URN that names the stack."""
    return "::".join(urn.split("::")[:2])


def validate(args: ResourceValidationArgs, report_violation: ReportViolation) -> None:
    """Record attachments; judge selections that use the default role. Never raises."""
    try:
        _validate(args, report_violation)
    except ConfigError as error:
        report_violation(messages.config_error(NAME, str(error)), None)
    except Exception as error:
        if args.resource_type in SELECTION_TYPES:
            report_violation(messages.internal_error(f'selection "{args.name}"', error), args.urn)


def _validate(args: ResourceValidationArgs, report_violation: ReportViolation) -> None:
    stack = _stack_of(args.urn)
    if args.resource_type in _ROLE_KEYS:
        REGISTRY.record_attachment(stack, args.resource_type, plain(args.props))
        return
    if args.resource_type == REGION_SETTINGS:
        REGISTRY.record_region_settings(stack, provider_urn(args), plain(args.props))
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
    target = s3_target(selection, (), REGISTRY.s3_opt_in(stack, provider_urn(args)), role.partition)
    if target.level is Level.NONE or (
        target.level is Level.POSSIBLE and config.s3_targets is TargetMode.DEFINITE
    ):
        return
    evidence = evidence_from_arns(REGISTRY.policies(stack, DEFAULT_ROLE_NAME))
    missing = [policy for policy in target.needs if policy not in evidence.granted]
    if not missing:
        return
    note = None
    if config.verify_external_roles:
        proven, note = external_roles.proven_at_registration(
            args.provider, selection.role, missing, config.verify_timeout_seconds
        )
        if proven:
            return
    message = messages.default_role_missing(
        selection, target.reason, selection.role, missing, evidence, role.partition
    )
    report_violation(message + messages.REGISTER_FIRST + (note or ""), args.urn)


POLICY = ResourceValidationPolicy(
    name=NAME,
    description=DESCRIPTION,
    validate=validate,
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=SCHEMA,
    severity=Severity.HIGH,
    tags=list(POLICY_TAGS),
    remediation_steps=REMEDIATION,
    url=URL,
)
