"""What the resource-level check saw in this run, for both policies.

The engine calls ``Analyze`` (resource policies) with each registered resource's INPUTS, changed or not,
in the same pack process that later gets ``AnalyzeStack`` with OUTPUTS (pulumi ``step_generator.go``;
``pulumi policy analyze`` does the same from exported state, ``analyze_snapshot.go``). So what only the
inputs can tell, such as whether a role CONFIGURES ``managedPolicyArns`` or the provider merely reports
it, is recorded here per stack and URN, and the stack rule reads it. Kept for the life of the analyzer
process (one ``pulumi preview``, ``pulumi up`` or ``pulumi policy analyze``).
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from .targets import S3OptIn


@dataclass(frozen=True)
class RoleInputs:
    """A role's ``managedPolicyArns`` as the program gave it."""

    configured: bool
    """Whether the inputs set it (an empty list counts: it detaches everything)."""
    value: Any
    """The configured value (plain; may hold UNKNOWN), or MISSING."""


@dataclass(frozen=True)
class NamedAttachment:
    """Policy ARNs an attachment gives a role it names, and the provider it is registered with."""

    policies: tuple[Any, ...]
    provider: Any
    """The attachment's ``PolicyProviderResource`` (or None)."""
    exclusive: bool
    """A ``RolePolicyAttachmentsExclusive``: it owns the role's whole set."""
    label: str


def stack_of(urn: str) -> str:
    """``urn:pulumi:<stack>::<project>`` - the part of a URN that names the stack."""
    return "::".join(urn.split("::")[:2])


class RunRecord:
    """Thread-safe record of one analyzer process, keyed by stack."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._attachments: dict[tuple[str, str], list[NamedAttachment]] = defaultdict(list)
        self._s3_preferences: dict[tuple[str, str | None], list[object]] = defaultdict(list)
        self._roles: dict[str, RoleInputs] = {}
        self._blocked: set[str] = set()
        self._stacks: set[str] = set()

    def record_attachment(self, stack: str, role_names: list[str], attachment: NamedAttachment) -> None:
        with self._lock:
            for name in role_names:
                self._attachments[(stack, name)].append(attachment)

    def attachments(self, stack: str, role_name: str) -> list[NamedAttachment]:
        with self._lock:
            return list(self._attachments.get((stack, role_name), ()))

    def record_region_settings(self, stack: str, provider: str | None, value: object) -> None:
        with self._lock:
            self._s3_preferences[(stack, provider)].append(value)

    def s3_opt_in(self, stack: str, provider: str | None) -> S3OptIn:
        with self._lock:
            return S3OptIn.from_preferences(list(self._s3_preferences.get((stack, provider), ())))

    def record_seen(self, stack: str) -> None:
        """``Analyze`` ran for a resource of ``stack`` in this process."""
        with self._lock:
            self._stacks.add(stack)

    def seen(self, stack: str) -> bool:
        """Whether ``Analyze`` ran for any resource of ``stack``: then a role it did not see was not
        registered but read (``Role.get``; the engine analyzes registrations only), so its
        ``managedPolicyArns`` is the provider's report."""
        with self._lock:
            return stack in self._stacks

    def record_role(self, urn: str, inputs: RoleInputs) -> None:
        with self._lock:
            self._roles[urn] = inputs

    def role(self, urn: str) -> RoleInputs | None:
        """The role's recorded inputs, or None when ``Analyze`` never saw it in this process."""
        with self._lock:
            return self._roles.get(urn)

    def record_blocked(self, urn: str) -> None:
        """The resource-level check blocked this selection (mandatory) for the console default role."""
        with self._lock:
            self._blocked.add(urn)

    def blocked(self, urn: str) -> bool:
        with self._lock:
            return urn in self._blocked


RECORD = RunRecord()
