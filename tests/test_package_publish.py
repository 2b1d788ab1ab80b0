"""`pulumi package publish ./component`: everything the CLI checks before the upload is in place.

The upload needs Pulumi Cloud's Private Registry, which the file backend here does not have. The CLI
(3.274.1, pkg/cmd/pulumi/packagecmd/package_publish.go) checks everything else first, in this order:
it runs the plugin (PulumiPlugin.yaml) to read the schema, finds a README, takes the publisher, and
requires the schema's name and a semver version. So a run that stops at "Private Registry is not
supported by diy backends" has passed every check of the package itself. tests/test_release_check.py
checks what the registry shows from the schema (descriptions, version).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tools.pulumi_session import PulumiSession, overlay_venv

pytestmark = pytest.mark.e2e

REGISTRY_ONLY = (
    "error: failed to get the Private Registry backend: Private Registry is not supported by diy backends"
)


def test_publish_passes_every_package_check_and_stops_only_at_the_registry(session: PulumiSession) -> None:
    result = session.run(
        "package", "publish", str(session.component_dir), "--publisher", "platform", timeout=300
    )
    assert result.returncode != 0
    assert result.output.rstrip().splitlines()[-1] == REGISTRY_ONLY, str(result)


def test_publish_without_a_readme_is_refused(session: PulumiSession, tmp_path: Path) -> None:
    component = tmp_path / "component"
    shutil.copytree(session.component_dir, component, ignore=shutil.ignore_patterns("venv", "README.md"))
    overlay_venv(component / "venv")
    result = session.run("package", "publish", str(component), "--publisher", "platform", timeout=300)
    assert result.returncode != 0
    assert "no README found" in result.output, str(result)
