"""What the S3 readiness policies share: findings, and one way to run a rule over every selection.

A rule turns one selection (with the buckets it backs up) into findings: *blocking* ones, proven from
the stack, become that policy's violation (one message per selection); the others are unknowns during
preview that could hide a failure, reported by the advisory policy
``aws-backup-selection-unverified-s3-prerequisites`` instead of blocking a correct first preview.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pulumi_policy import ReportViolation, StackValidationArgs

from . import messages
from .buckets import Bucket
from .collector import collector_paused
from .config import ConfigError
from .readiness_config import ReadinessConfig, parse_readiness_config
from .s3_readiness import Backed, Resolution, resolve
from .shared_stack import stack_resources


@dataclass(frozen=True)
class Finding:
    blocking: bool
    bucket: Bucket
    text: str


Rule = Callable[[Resolution, Backed, ReadinessConfig], list[Finding]]


def selection_label(backed: Backed) -> str:
    return messages.selection_label(backed.selection.view)


def run_rule(
    name: str, rule: Rule, blocking: bool, args: StackValidationArgs, report_violation: ReportViolation
) -> None:
    """Report, per selection, the rule's blocking findings (or, with ``blocking=False``, its notes)."""
    with collector_paused():
        try:
            config = parse_readiness_config(args.get_config())
        except ConfigError as error:
            report_violation(messages.config_error(name, str(error)), None)
            return
        try:
            resolution = resolve(stack_resources(args))
        except Exception as error:
            report_violation(messages.internal_error("this stack", error), None)
            return
        _report(resolution, name, rule, blocking, config, report_violation)


def _report(
    resolution: Resolution,
    name: str,
    rule: Rule,
    blocking: bool,
    config: ReadinessConfig,
    report_violation: ReportViolation,
) -> None:
    for backed in resolution.backed:
        view = backed.selection.view
        if not backed.coverage or config.exempts_selection(view.names()):
            continue
        try:
            found = [f for f in rule(resolution, backed, config) if f.blocking == blocking]
        except Exception as error:
            report_violation(messages.internal_error(f'selection "{view.logical_name}"', error), view.urn)
            continue
        if found:
            report_violation(" ".join(f.text for f in found), view.urn)


def coverage_of(backed: Backed, config: ReadinessConfig) -> list:  # type: ignore[type-arg]
    """The selection's buckets that the policy's config does not exempt."""
    return [c for c in backed.coverage if not config.exempts_bucket(c.bucket.names())]
