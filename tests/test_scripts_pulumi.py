"""End-to-end: ``scripts/pulumi`` used as a user uses it, on their own program in a directory of their own.

The user's program gets a virtualenv that sees the repository's pinned ``.venv`` (what ``pip install -r
requirements.txt`` would give it, without downloading pulumi_aws again); everything else is what
``scripts/pulumi`` sets up by itself. PULUMI_HOME is a scratch directory, so the tests leave the user's own
Pulumi settings alone.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tools.pulumi_session import CliUnavailableError, ensure_cli, overlay_venv, real_aws_provider_dir

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "pulumi"
PACK = REPO / "policypack"
ACCOUNT = "123456789012"

BAD_PROGRAM = '''\
"""An S3 backup selection that uses the role the AWS Backup console creates."""
import pulumi_aws as aws

bucket = aws.s3.Bucket("photos")
vault = aws.backup.Vault("vault")
plan = aws.backup.Plan(
    "daily",
    rules=[{"rule_name": "daily", "target_vault_name": vault.name, "schedule": "cron(0 5 * * ? *)"}],
)
aws.backup.Selection(
    "photos",
    plan_id=plan.id,
    iam_role_arn="arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole",
    resources=[bucket.arn],
)
'''


@pytest.fixture(scope="module")
def cli() -> Path:
    try:
        return ensure_cli()
    except CliUnavailableError as reason:
        pytest.skip(f"no Pulumi CLI and no Go toolchain to build one: {reason}")


@pytest.fixture
def user_env(tmp_path: Path, cli: Path) -> dict[str, str]:
    """The user's shell: no Pulumi backend or passphrase configured, a Pulumi home of their own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PULUMI_")}
    env["PULUMI_HOME"] = str(tmp_path / "pulumi-home")
    return env


def pulumi(program: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *args, "--non-interactive", "--color", "never"],
        cwd=program,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def new_program(directory: Path, main: str, name: str) -> Path:
    directory.mkdir(parents=True)
    (directory / "Pulumi.yaml").write_text(
        f"name: {name}\nruntime:\n  name: python\n  options:\n    toolchain: pip\n    virtualenv: venv\n"
    )
    (directory / "__main__.py").write_text(main)
    overlay_venv(directory / "venv")
    return directory


@pytest.fixture
def default_backend_stack() -> Iterator[str]:
    """A stack name unique to this run, removed from the repository's default backend afterwards."""
    stack = f"e2e-{uuid.uuid4().hex[:8]}"
    yield stack
    for leftover in (REPO / ".pulumi-state" / ".pulumi" / "stacks" / "my-own-program").glob(f"{stack}*"):
        leftover.unlink()


def test_a_user_previews_their_own_program_with_the_pack(
    tmp_path: Path, user_env: dict[str, str], default_backend_stack: str
) -> None:
    program = new_program(tmp_path / "my-own-program", BAD_PROGRAM, "my-own-program")

    init = pulumi(program, user_env, "stack", "init", default_backend_stack)
    assert init.returncode == 0, init.stdout + init.stderr
    # State goes under the repository unless PULUMI_BACKEND_URL says otherwise.
    stacks = REPO / ".pulumi-state" / ".pulumi" / "stacks" / "my-own-program"
    assert (stacks / f"{default_backend_stack}.json").exists() or (stacks / default_backend_stack).exists()

    preview = pulumi(program, user_env, "preview", "--policy-pack", str(PACK))
    output = preview.stdout + preview.stderr
    assert preview.returncode == 1, output
    assert "aws-backup-selection-disallow-default-role-for-s3" in output
    assert "can't run policy" not in output
    if real_aws_provider_dir() is None:
        assert output.count("aws provider: the local stand-in (tools/aws_standin), NOT AWS") == 1
    assert "PULUMI_ACCESS_TOKEN" not in output
    assert "passphrase" not in output.lower()


def test_pulumi_backend_url_is_respected(tmp_path: Path, user_env: dict[str, str]) -> None:
    program = new_program(tmp_path / "elsewhere", BAD_PROGRAM, "elsewhere")
    state = tmp_path / "state"
    state.mkdir()
    env = {**user_env, "PULUMI_BACKEND_URL": f"file://{state}"}
    init = pulumi(program, env, "stack", "init", "dev")
    assert init.returncode == 0, init.stdout + init.stderr
    assert list(state.glob(".pulumi/stacks/elsewhere/dev*"))
    assert not list((REPO / ".pulumi-state").glob(".pulumi/stacks/elsewhere/dev*"))


def test_dynamodb_kms_and_versioning_preview_and_up_with_the_stand_in(
    tmp_path: Path, user_env: dict[str, str]
) -> None:
    if real_aws_provider_dir() is not None:
        pytest.skip("the real pulumi-resource-aws is installed: `up` would create real AWS resources")
    program = tmp_path / "dynamodb-kms-s3"
    shutil.copytree(REPO / "examples" / "dynamodb-kms-s3", program, ignore=shutil.ignore_patterns("venv"))
    overlay_venv(program / "venv")
    state = tmp_path / "state"
    state.mkdir()
    env = {**user_env, "PULUMI_BACKEND_URL": f"file://{state}"}

    assert pulumi(program, env, "stack", "init", "dev").returncode == 0
    preview = pulumi(program, env, "preview", "--policy-pack", str(PACK))
    assert preview.returncode == 0, preview.stdout + preview.stderr
    assert re.search(r"^Policies:\n    ✅ aws-backup-guardrails@v[\d.]+ \(local: ", preview.stdout, re.M)
    assert "+ 17 to create" in preview.stdout

    up = pulumi(program, env, "up", "--yes", "--policy-pack", str(PACK))
    assert up.returncode == 0, up.stdout + up.stderr
    assert "+ 17 created" in up.stdout

    exported = pulumi(program, env, "stack", "export")
    resources = {
        r["urn"].rsplit("::", 1)[1] + " " + r["type"]: r
        for r in json.loads(exported.stdout)["deployment"]["resources"]
    }
    table = resources["orders aws:dynamodb/table:Table"]["outputs"]
    assert re.fullmatch(rf"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/orders-[0-9a-f]{{7}}", table["arn"])
    key = resources["backups aws:kms/key:Key"]["outputs"]
    assert re.fullmatch(rf"arn:aws:kms:us-east-1:{ACCOUNT}:key/[0-9a-f-]{{36}}", key["arn"])
    alias = resources["backups aws:kms/alias:Alias"]["outputs"]
    assert alias["arn"] == f"arn:aws:kms:us-east-1:{ACCOUNT}:alias/app-backups"
    bucket = resources["app-data aws:s3/bucket:Bucket"]["outputs"]["bucket"]
    versioning = resources["app-data aws:s3/bucketVersioning:BucketVersioning"]
    assert (versioning["id"], versioning["outputs"]["versioningConfiguration"]) == (
        bucket,
        {"status": "Enabled"},
    )
    selection = resources["app-data aws:backup/selection:Selection"]["outputs"]
    assert selection["resources"] == [f"arn:aws:s3:::{bucket}", table["arn"]]
