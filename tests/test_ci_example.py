"""examples/ci: the GitHub Actions gate refers only to things that exist, pinned as a team pins them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tools.pulumi_session import PulumiSession
from tools.release import sources

REPO = Path(__file__).resolve().parents[1]
CI = REPO / "examples" / "ci"
VERSION = sources.package_version(REPO)


def steps() -> list[dict[str, Any]]:
    workflow = yaml.safe_load((CI / "backup-guardrails.yml").read_text())
    return workflow["jobs"]["preview"]["steps"]


def step(uses: str) -> dict[str, Any]:
    """The ``with:`` of the one step that uses this action with inputs."""
    (found,) = [s["with"] for s in steps() if s.get("uses", "").startswith(uses) and "with" in s]
    return found


def test_the_pack_is_checked_out_at_the_release_tag_from_the_teams_repository() -> None:
    checkout = step("actions/checkout@")
    assert checkout == {
        "repository": "${{ vars.BACKUP_GUARDRAILS_REPOSITORY }}",
        "ref": f"v{VERSION}",
        "path": ".backup-guardrails",
    }


def test_the_paths_given_to_pulumi_actions_exist_in_the_checked_out_tree() -> None:
    pulumi = step("pulumi/actions@")
    prefix = step("actions/checkout@")["path"] + "/"
    pack = pulumi["policyPacks"]
    config = pulumi["policyPackConfigs"]
    assert pack.startswith(prefix) and config.startswith(prefix)
    assert (REPO / pack.removeprefix(prefix) / "PulumiPolicy.yaml").is_file()
    assert (REPO / config.removeprefix(prefix)).is_file()


def test_the_cli_and_python_are_pinned_to_what_is_tested_here() -> None:
    built = re.search(
        r"^readonly PULUMI_VERSION=(\S+)$", (REPO / "scripts" / "ensure-pulumi.sh").read_text(), re.M
    )
    assert built
    assert step("pulumi/actions@")["pulumi-version"] == built[1]
    assert step("actions/setup-python@")["python-version"] == "3.11"  # component: requires-python >= 3.11


@pytest.mark.e2e
def test_the_cli_accepts_the_ci_config(session: PulumiSession) -> None:
    """The CLI validates --policy-pack-config against the pack's schema before the program runs."""
    project = session.project("s3-with-component", name="ci-config")
    result = project.preview(config=CI / "policy-pack-config.json")
    assert result.returncode == 0, str(result)
    assert "✅ aws-backup-guardrails" in result.output
