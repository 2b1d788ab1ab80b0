"""The YAML examples: the component README shows the passing one verbatim, and the blocked one differs from it
only by ``includeS3: false`` (so its verdict is about that argument alone). Both are previewed end to end in
tests/test_e2e.py."""

from __future__ import annotations

from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
GOOD = REPO / "examples" / "yaml-consumer" / "Pulumi.yaml"
BAD = REPO / "examples" / "yaml-consumer-no-s3" / "Pulumi.yaml"


def test_the_component_readme_yaml_snippet_is_the_passing_example_verbatim() -> None:
    readme = (REPO / "component" / "README.md").read_text()
    assert f"```yaml\n{GOOD.read_text()}```\n" in readme


def test_the_blocked_example_is_the_passing_one_with_include_s3_false() -> None:
    good, bad = yaml.safe_load(GOOD.read_text()), yaml.safe_load(BAD.read_text())
    assert bad["resources"]["backupRole"]["properties"].pop("includeS3") is False
    assert (bad["name"], good["name"]) == ("yaml-consumer-no-s3", "yaml-consumer")
    for key in ("name", "description"):
        del bad[key], good[key]
    assert bad == good


def test_the_yaml_examples_select_an_s3_bucket_with_the_component_s_role() -> None:
    program = yaml.safe_load(GOOD.read_text())
    resources = program["resources"]
    assert resources["backupRole"]["type"] == "backup-roles:BackupServiceRole"
    assert resources["selection"]["properties"]["iamRoleArn"] == "${backupRole.arn}"
    assert resources["selection"]["properties"]["resources"] == ["${bucket.arn}"]
