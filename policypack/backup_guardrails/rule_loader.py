"""Each policy's rule, imported on the policy's first call instead of when the pack starts.

The CLI starts the pack for every preview and update, and its first question (``GetAnalyzerInfo``) needs
only what the policies declare (:mod:`.declarations`). The rules and the machinery under them (the stack
index, role lookup, readiness resolution, buckets, plans, KMS key policies, IAM verification, messages:
some thirty modules) are imported when a policy first validates something, so a start neither compiles
nor runs them (issue 15, ``cold_start_ratio``). ``tests/test_policy_start.py`` proves the split holds.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from typing import Any, Final

from pulumi_policy import ReportViolation, ResourceValidationArgs, StackValidationArgs

Validate = Callable[[Any, ReportViolation], None]

RULE_FUNCTION: Final = "validate"
"""What every rule module exposes: ``validate(args, report_violation)``, which never raises."""


def load_failure(policy: str, module: str, error: BaseException) -> str:
    """The violation of a policy whose rule cannot be imported: the pack is broken, so it fails closed."""
    return (
        f'Policy "{policy}" could not load its rule ({module}: {type(error).__name__}: {error}), so it '
        "cannot prove any backup selection safe and fails closed. The policy pack's installation is "
        "incomplete or broken: reinstall its dependencies (pip install -r requirements.txt in the pack's "
        "virtualenv) and restore its files from the release."
    )


class DeferredRule:
    """A policy's ``validate``: ``backup_guardrails.<module>.validate``, imported on the first call.

    After that each call goes straight to the rule. A rule that cannot be imported (a missing file or
    dependency, a syntax error) reports one violation, on the first call, naming the module and the
    error (:func:`load_failure`), and never a traceback; later calls in the same process report nothing
    more (the CLI starts a new pack process for each preview and update, so every run gets the violation,
    and a resource policy does not repeat it for each resource).
    """

    def __init__(self, policy: str, module: str) -> None:
        self.policy = policy
        self.module = f"{__package__}.{module}"
        self._rule: Validate | None = None
        self._failed = False
        self._lock = threading.Lock()

    def __call__(self, args: ResourceValidationArgs | StackValidationArgs, report: ReportViolation) -> None:
        rule = self._rule or self._load(report)
        if rule is not None:
            rule(args, report)

    def _load(self, report: ReportViolation) -> Validate | None:
        with self._lock:  # the SDK serves calls on a thread pool: one import, one report
            if self._rule is None and not self._failed:
                try:
                    self._rule = getattr(importlib.import_module(self.module), RULE_FUNCTION)
                except Exception as error:
                    self._failed = True
                    report(load_failure(self.policy, self.module, error), None)
            return self._rule
