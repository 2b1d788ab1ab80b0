"""The backup plan rules a selection runs under, with their continuous flag and target vault.

A selection belongs to the plans its ``planId`` (aws-native: ``backupPlanId``) depends on, or, when
that is a known id, to the plans of the stack with that id. A rule's vault is its known
``targetVaultName`` (aws-native: ``targetBackupVault``); when that is unknown during preview and the
plan's rules depend on exactly one vault of the stack, that vault (by its known name, else by itself).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .constants import NATIVE_PLAN, PLAN, VAULT_TYPES
from .props import MISSING, UNKNOWN
from .readiness import Node, SelectionNode, Stack

PLAN_TYPES = frozenset({PLAN, NATIVE_PLAN})


@dataclass(frozen=True)
class Rule:
    """One rule of a backup plan."""

    plan: Node
    index: int
    name: str | None
    continuous: Any
    """True, False or UNKNOWN (anything else counts as False: the provider would reject it)."""
    vault: str | None
    """Identity of the target vault (``name:<n>`` or ``urn:<u>``), ``None`` when unknown."""
    vault_label: str

    @property
    def label(self) -> str:
        kind = "aws_native.backup.BackupPlan" if self.plan.type == NATIVE_PLAN else "aws.backup.Plan"
        rule = f'rule "{self.name}"' if self.name else f"rule {self.index}"
        return f'{rule} of {kind} "{self.plan.name}"'


def plan_rules(stack: Stack, plan: Node) -> tuple[list[Rule], bool]:
    """The plan's rules, and whether its rule list could be read completely."""
    native = plan.type == NATIVE_PLAN
    if native:
        body = plan.get("backupPlan")
        rules = body.get("backupPlanRule", MISSING) if isinstance(body, Mapping) else body
        vault_deps = plan.dep_urns("backupPlan")
    else:
        rules = plan.get("rules")
        vault_deps = plan.dep_urns("rules")
    if not isinstance(rules, list):
        return [], rules is MISSING
    vaults = stack.resolve_deps(vault_deps, VAULT_TYPES)
    only_vault = _vault_identity(vaults[0]) if len(vaults) == 1 else None
    result: list[Rule] = []
    complete = True
    for index, rule in enumerate(rules):
        if not isinstance(rule, Mapping):
            complete = False
            continue
        name = rule.get("ruleName")
        target = rule.get("targetBackupVault" if native else "targetVaultName")
        if isinstance(target, str) and target:
            vault: str | None = f"name:{target}"
            shown = f'vault "{target}"'
        elif target is UNKNOWN and only_vault is not None:
            vault, shown = only_vault
        else:
            vault, shown = None, "an unknown vault"
        continuous = rule.get("enableContinuousBackup", False)
        result.append(
            Rule(
                plan=plan,
                index=index,
                name=name if isinstance(name, str) and name else None,
                continuous=continuous if continuous is UNKNOWN else continuous is True,
                vault=vault,
                vault_label=shown,
            )
        )
    return result, complete


def _vault_identity(vault: Node) -> tuple[str, str]:
    for key in ("name", "backupVaultName"):
        value = vault.get(key)
        if isinstance(value, str) and value:
            return f"name:{value}", f'vault "{value}"'
    return f"urn:{vault.urn}", f'vault "{vault.name}"'


def plans_of(stack: Stack, selection: SelectionNode) -> list[Node]:
    """The plans of the stack the selection belongs to."""
    plans = stack.resolve_deps(selection.plan_deps, PLAN_TYPES)
    if plans or not isinstance(selection.plan_id, str):
        return plans
    return [
        plan
        for plan in stack.of_types(PLAN_TYPES)
        if plan.get("backupPlanId" if plan.type == NATIVE_PLAN else "id") == selection.plan_id
    ]
