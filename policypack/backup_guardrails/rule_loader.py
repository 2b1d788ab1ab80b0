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
    dependency, a syntax error) is a violation naming the module and the error (:func:`load_failure`),
    never a traceback: at every call of a stack policy (one per run), and at the first call of a resource
    policy only, not once per resource (the CLI starts a new pack process for each preview and update,
    so every run gets it).
    """

    def __init__(self, policy: str, module: str) -> None:
        self.policy = policy
        self.module = f"{__package__}.{module}"
        self._rule: Validate | None = None
        self._failure: str | None = None
        self._lock = threading.Lock()

    def __call__(self, args: ResourceValidationArgs | StackValidationArgs, report: ReportViolation) -> None:
        rule = self._rule or self._load(args, report)
        if rule is not None:
            rule(args, report)

    def _load(
        self, args: ResourceValidationArgs | StackValidationArgs, report: ReportViolation
    ) -> Validate | None:
        with self._lock:  # the SDK serves calls on a thread pool: one import, one first report
            first = self._rule is None and self._failure is None
            if first:
                try:
                    self._rule = getattr(importlib.import_module(self.module), RULE_FUNCTION)
                except Exception as error:
                    self._failure = load_failure(self.policy, self.module, error)
        if self._failure is not None and (first or isinstance(args, StackValidationArgs)):
            report(self._failure, None)
        return self._rule
