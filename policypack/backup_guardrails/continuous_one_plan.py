"""aws-backup-selection-enforce-one-plan-one-vault-for-continuous-s3 (stack validation, mandatory).

AWS behaviour it guards (AWS Backup developer guide, s3-backups.html): "Continuous backups for an S3
bucket should only be configured in one backup plan." and "Continuous and periodic backups of S3
buckets must both reside in the same backup vault."
"""

from __future__ import annotations

from pulumi_policy import ReportViolation, StackValidationArgs

from .declarations import CONTINUOUS_ONE_PLAN
from .plans import Rule
from .props import UNKNOWN
from .readiness_config import ReadinessConfig
from .readiness_policy import Finding, coverage_of, run_rule, selection_label
from .s3_readiness import Backed, Resolution

NAME = CONTINUOUS_ONE_PLAN.name


def _rules_by_bucket(resolution: Resolution) -> dict[str, list[tuple[Backed, Rule]]]:
    """bucket URN -> every (selection, plan rule) that backs it up, over the whole stack (once)."""
    key = ("plans-by-bucket", "")
    if key not in resolution.memo:
        table: dict[str, list[tuple[Backed, Rule]]] = {}
        for backed in resolution.backed:
            for coverage in backed.coverage:
                table.setdefault(coverage.bucket.node.urn, []).extend((backed, rule) for rule in backed.rules)
        resolution.memo[key] = table
    return resolution.memo[key]  # type: ignore[no-any-return]


def _by(rule: Rule, backed: Backed, me: Backed) -> str:
    return rule.label if backed is me else f"{rule.label} (through {selection_label(backed).lower()})"


def _comparable(first: Rule, second: Rule) -> bool:
    """Whether two rules' vaults are both known the same way (by name, or both by their resource)."""
    if first.vault is None or second.vault is None:
        return False
    return first.vault.split(":", 1)[0] == second.vault.split(":", 1)[0]


def findings(resolution: Resolution, backed: Backed, config: ReadinessConfig) -> list[Finding]:
    mine = [rule for rule in backed.rules if rule.continuous is True]
    if not mine:
        return []
    label = selection_label(backed)
    table = _rules_by_bucket(resolution)
    found = []
    for coverage in coverage_of(backed, config):
        bucket = coverage.bucket
        entries = table.get(bucket.node.urn, [])
        head = (
            f"{label} backs up S3 bucket {bucket.label} ({coverage.how}) with continuous backup in "
            f"{mine[0].label}"
        )
        others = [(b, r) for b, r in entries if r.continuous is True and r.plan.urn != mine[0].plan.urn]
        if others:
            shown = ", ".join(dict.fromkeys(_by(r, b, backed) for b, r in others))
            text = (
                f"{head}, but {shown} also backs it up continuously. AWS Backup allows continuous backup of "
                "an S3 bucket in one backup plan only, so the other plan's continuous backup of it fails. "
                "Fix: keep enable_continuous_backup=True for this bucket in one plan only (set it to False "
                "in the other rule, or add the bucket's ARN to the not_resources of one selection)."
            )
            found.append(Finding(True, bucket, text))
        periodic = [(b, r) for b, r in entries if r.continuous is False]
        conflicts = [(c, b, p) for c in mine for b, p in periodic if _comparable(c, p) and c.vault != p.vault]
        if conflicts:
            c, b, p = conflicts[0]
            text = (
                f"{label} backs up S3 bucket {bucket.label} ({coverage.how}) continuously in {c.label}, "
                f"which goes to {c.vault_label}, but {_by(p, b, backed)} backs it up periodically to "
                f"{p.vault_label}. AWS Backup requires the continuous and periodic backups of an S3 bucket "
                "to be in the same backup vault. Fix: give both rules the same target_vault_name."
            )
            found.append(Finding(True, bucket, text))
        elif any(not _comparable(c, p) for c in mine for _, p in periodic) or any(
            r.continuous is UNKNOWN for _, r in entries
        ):
            text = (
                f"{head}, but a target vault or enable_continuous_backup of the rules that back it up is not "
                "known during preview, so the plan and vault rule cannot prove that its continuous and "
                "periodic backups go to the same vault. Make sure they do."
            )
            found.append(Finding(False, bucket, text))
    return found


def validate(args: StackValidationArgs, report_violation: ReportViolation) -> None:
    """The policy's rule: its blocking findings, one violation per selection."""
    run_rule(NAME, findings, True, args, report_violation)
