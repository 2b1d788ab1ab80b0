"""The corpus's expectations (``tests/corpus/<program>/expected.json``) and how a run is held against them.

``expected.json``::

    {
      "region": "us-east-1",                       # the provider's region (default us-east-1)
      "stack_references": {"core": {"out": "v"}},  # outputs of other stacks the program reads
      "selections": {                              # every selection the program creates, by logical name
        "<name>": {
          "first_preview": {"verdict": "blocked", "by": ["<policy>"], "fragments": ["..."], "reason": "..."},
          "re_preview":    {"verdict": "passes", "reason": "..."}
        }
      }
    }

A selection *passes* when no policy reports it. It is *blocked* when at least one mandatory violation names
it, including every policy in ``by``, and some message holds each of ``fragments``; every message must name
the selection by its logical name. ``reason`` states the AWS
fact the verdict is derived from (FACTS.md), never the pack's output.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
MODES = ("first_preview", "re_preview")
POLICIES = frozenset(
    {"aws-backup-selection-missing-s3-role-policies", "aws-backup-selection-disallow-default-role-for-s3"}
)


def programs() -> list[str]:
    """Every corpus program, by directory name."""
    return sorted(path.parent.name for path in CORPUS.glob("*/expected.json"))


def load(program: str) -> dict[str, Any]:
    """A program's expectations, checked for shape (a malformed file fails with the key that is wrong)."""
    expected = json.loads((CORPUS / program / "expected.json").read_text())
    for selection, modes in expected["selections"].items():
        where = f"{program}/{selection}"
        assert set(modes) == set(MODES), f"{where}: give exactly {list(MODES)}"
        for mode, verdict in modes.items():
            assert verdict["verdict"] in ("blocked", "passes"), f"{where}/{mode}: verdict"
            assert verdict.get("reason"), f"{where}/{mode}: every verdict states its AWS reason"
            assert set(verdict.get("by", [])) <= POLICIES, f"{where}/{mode}: unknown policy in 'by'"
            assert verdict["verdict"] == "blocked" or not verdict.get("by"), f"{where}/{mode}: 'by' on a pass"
    return expected


def mismatches(
    expected: Mapping[str, Any], mode: str, reported: Mapping[str, list[tuple[str, str]]]
) -> list[str]:
    """Every way the reported violations (selection -> [(policy, message)]) differ from the expectation."""
    wrong = []
    for selection, modes in expected["selections"].items():
        want = modes[mode]
        found = reported.get(selection, [])
        shown = "\n".join(f"    [{policy}] {message}" for policy, message in found) or "    (none)"
        if want["verdict"] == "passes":
            if found:
                wrong.append(f"{selection}: expected to pass ({want['reason']}); got\n{shown}")
            continue
        policies = {policy for policy, _ in found}
        if not policies or set(want.get("by", [])) - policies:
            wrong.append(
                f"{selection}: expected blocked by {want.get('by') or 'any policy'} ({want['reason']}); "
                f"got\n{shown}"
            )
        # the quality bar: every message names the selection (by the program's own name for it)
        for policy, message in found:
            if selection not in message:
                wrong.append(f"{selection}: the {policy} message does not name the selection:\n    {message}")
        for fragment in want.get("fragments", []):
            if not any(fragment in message for _, message in found):
                wrong.append(f"{selection}: no message names {fragment!r}; got\n{shown}")
    stray = sorted(set(reported) - set(expected["selections"]))
    wrong += [f"{name}: reported, but it is not a selection of the program" for name in stray]
    return wrong


__all__ = ["CORPUS", "MODES", "POLICIES", "load", "mismatches", "programs"]
