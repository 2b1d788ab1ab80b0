"""End-to-end: `pulumi preview` through the real CLI, with verifyExternalRoles asking a real moto server.

The program (tests/programs/external-role-from-config) takes its backup role ARN from stack config, as a
program does whose IAM lives in a platform stack. The emulator is reached either through the environment
(``AWS_ENDPOINT_URL`` and fake credentials) or through the stack's own ``aws:`` provider config
(``aws:endpoints``, ``aws:accessKey``, ``aws:secretKey``) with no AWS variable in the environment.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.aws_emulator import ACCOUNT, FAKE_CREDENTIALS, Emulator, moto_server
from tools.pulumi_session import CliUnavailableError, Project, PulumiSession, Result

pytestmark = pytest.mark.e2e

PROGRAM = Path(__file__).parent / "programs" / "external-role-from-config"
MAIN = "aws-backup-selection-missing-s3-role-policies"
RESOURCE = "aws-backup-selection-disallow-default-role-for-s3"
VERIFY = {MAIN: {"verifyExternalRoles": True}, RESOURCE: {"verifyExternalRoles": True}}
S3_POLICIES = [
    "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup",
    "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore",
]
GENERAL = ["arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup"]
COMPLETE = f"arn:aws:iam::{ACCOUNT}:role/platform/backup-complete"
GENERAL_ONLY = f"arn:aws:iam::{ACCOUNT}:role/platform/backup-general"


@pytest.fixture(scope="module")
def emulator() -> Iterator[Emulator]:
    trust = json.dumps({"Version": "2012-10-17", "Statement": []})
    with moto_server() as running:
        iam = running.client("iam")
        for arn, policies in ((COMPLETE, GENERAL + S3_POLICIES), (GENERAL_ONLY, GENERAL)):
            name = arn.rsplit("/", 1)[-1]
            iam.create_role(RoleName=name, Path="/platform/", AssumeRolePolicyDocument=trust)
            for policy in policies:
                iam.attach_role_policy(RoleName=name, PolicyArn=policy)
        yield running


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PulumiSession]:
    try:
        running = PulumiSession(tmp_path_factory.mktemp("pulumi-iam"))
    except CliUnavailableError as reason:
        pytest.skip(f"no Pulumi CLI and no Go toolchain to build one: {reason}")
    # No AWS setting of the user's machine reaches the pack: each test says how to reach the emulator.
    running.env = {key: value for key, value in running.env.items() if not key.startswith("AWS_")}
    running.env |= {
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "AWS_EC2_METADATA_DISABLED": "true",
    }
    yield running


def program(session: PulumiSession, name: str, role_arn: str) -> Project:
    project = session.project(PROGRAM, name=name)
    project.run("config", "set", "backupRoleArn", role_arn, check=True)
    project.run("config", "set", "aws:region", "us-east-1", check=True)
    return project


def violations(result: Result) -> list[tuple[str, str]]:
    return re.findall(r"\[mandatory\].*?  (aws-backup-selection-[a-z0-9-]+)  \(\S+: ([^)]+)\)", result.output)


def flat(result: Result) -> str:
    """The CLI output with its line wrapping undone, for matching whole sentences."""
    return re.sub(r"\s*\n\s*", " ", result.output)


def test_preview_passes_and_blocks_on_what_iam_reports(emulator: Emulator, session: PulumiSession) -> None:
    saved = dict(session.env)
    session.env |= FAKE_CREDENTIALS | {"AWS_ENDPOINT_URL": emulator.endpoint}
    try:
        good = program(session, "iam-env-complete", COMPLETE).preview(config=VERIFY)
        assert good.returncode == 0, str(good)
        assert violations(good) == []

        bad = program(session, "iam-env-general", GENERAL_ONLY).preview(config=VERIFY)
        assert bad.returncode == 1, str(bad)
        assert violations(bad) == [(MAIN, "app-data-backup")]
        assert (
            f"IAM in account {ACCOUNT} reports that it carries {GENERAL[0]}, so it lacks "
            f"{S3_POLICIES[0]} and {S3_POLICIES[1]}"
        ) in flat(bad)
        assert "would fail" not in flat(bad), "messages must stay true after up --skip-preview"

        off = program(session, "iam-env-off", COMPLETE).preview()
        assert off.returncode == 1, str(off)
        assert violations(off) == [(MAIN, "app-data-backup")]
        assert "which is not managed in this stack, so this policy cannot prove" in flat(off)
    finally:
        session.env = saved


def test_preview_uses_the_stack_provider_config(emulator: Emulator, session: PulumiSession) -> None:
    """aws:endpoints / aws:accessKey / aws:secretKey from stack config; nothing AWS in the environment."""
    for name, role, code in (("iam-config-complete", COMPLETE, 0), ("iam-config-general", GENERAL_ONLY, 1)):
        project = program(session, name, role)
        project.run("config", "set", "--path", "aws:endpoints[0].iam", emulator.endpoint, check=True)
        project.run("config", "set", "aws:accessKey", "provider-key", check=True)
        project.run("config", "set", "--secret", "aws:secretKey", "provider-secret", check=True)
        result = project.preview(config=VERIFY)
        assert result.returncode == code, str(result)
        assert "verifyExternalRoles could not ask IAM" not in result.output, str(result)
        assert violations(result) == ([] if code == 0 else [(MAIN, "app-data-backup")])
        if code:
            assert f"IAM in account {ACCOUNT} reports that it carries {GENERAL[0]}" in flat(result)
