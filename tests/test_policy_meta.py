"""Meta-tests: every policy is described, documented, configurable, and covered by golden cases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from backup_guardrails import POLICIES
from backup_guardrails.docs import DOCS, END_MARKER, START_MARKER, render_markdown
from pulumi_policy import EnforcementLevel

REPO = Path(__file__).resolve().parents[1]
GOLDEN = sorted((REPO / "tests" / "golden").glob("*.json"))
NAMES = [policy.name for policy in POLICIES]


def _golden_verdicts() -> dict[str, tuple[int, int]]:
    """policy -> (cases where it blocks, cases with a selection where it stays silent)."""
    counts = {name: [0, 0] for name in NAMES}
    for path in GOLDEN:
        case = json.loads(path.read_text())
        has_selection = any("election" in entry["type"] for entry in case["resources"])
        blocking = {verdict["policy"] for verdict in case["expected"]}
        for name in NAMES:
            if name in blocking:
                counts[name][0] += 1
            elif has_selection:
                counts[name][1] += 1
    return {name: (block, passing) for name, (block, passing) in counts.items()}


@pytest.mark.parametrize("policy", POLICIES, ids=NAMES)
def test_policy_is_fully_described(policy: object) -> None:
    from pulumi_policy import Policy

    assert isinstance(policy, Policy)
    assert policy.name.startswith("aws-backup-selection-") and policy.name == policy.name.lower()
    assert policy.description.endswith(".") and len(policy.description) > 40
    # The S3 readiness notes (unknowns during preview) are advisory by design; every other policy blocks.
    advisory = policy.name == "aws-backup-selection-unverified-s3-prerequisites"
    assert policy.enforcement_level is (EnforcementLevel.ADVISORY if advisory else EnforcementLevel.MANDATORY)
    assert policy.remediation_steps and policy.url and policy.severity and policy.tags
    schema = policy.config_schema
    assert schema is not None and schema.properties
    for key, spec in schema.properties.items():
        assert spec.get("description"), f"{policy.name}: config key {key} is undocumented"
        assert "default" in spec, f"{policy.name}: config key {key} has no default"


@pytest.mark.parametrize("name", NAMES)
def test_policy_has_golden_cases_that_block_and_pass(name: str) -> None:
    blocking, passing = _golden_verdicts()[name]
    assert blocking >= 3, f"{name} blocks in only {blocking} golden cases"
    assert passing >= 3, f"{name} passes in only {passing} golden cases"


def test_every_policy_has_docs_and_no_doc_is_orphaned() -> None:
    assert [doc.name for doc in DOCS] == NAMES
    for doc in DOCS:
        assert doc.what and doc.why and doc.example.startswith("```") and doc.fix and doc.references


@pytest.mark.parametrize("readme", ["README.md", "policypack/README.md"])
def test_generated_docs_are_current(readme: str) -> None:
    text = (REPO / readme).read_text()
    section = text.split(START_MARKER, 1)[1].split(END_MARKER, 1)[0]
    assert section == "\n" + render_markdown(), f"run `python scripts/gen_policy_docs.py` to refresh {readme}"


def test_every_config_key_is_in_the_example() -> None:
    example = json.loads((REPO / "policypack" / "config.example.json").read_text())
    main = example["aws-backup-selection-missing-s3-role-policies"]
    assert set(main) == set(POLICIES[0].config_schema.properties)  # type: ignore[union-attr]
