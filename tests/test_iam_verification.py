"""verifyExternalRoles against a real AWS API emulator (moto's server), through the real pack over gRPC.

Roles are created through the IAM API of a ``moto_server`` started on a free localhost port. The pack runs as
the CLI starts it, with the emulator reached either through the environment (``AWS_ENDPOINT_URL`` and fake
credentials) or through the selection's own provider settings (``endpoints``, keys, profile files,
``assumeRoles``) with an environment that holds no AWS setting at all. Every verdict is exact.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from pulumi.runtime.proto import analyzer_pb2

from tests.support.analyzer import REPO, PackProcess
from tests.support.aws_emulator import ACCOUNT, FAKE_CREDENTIALS, Emulator, moto_server, silent_endpoint
from tests.support.stacks import build_resources, urns_of

MAIN = "aws-backup-selection-missing-s3-role-policies"
COMPANION = "aws-backup-selection-disallow-default-role-for-s3"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/platform/"
S3_BACKUP = "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup"
S3_RESTORE = "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore"
GENERAL_BACKUP = "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup"
GENERAL_RESTORE = "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores"
PAGED_EXTRA = 120
"""Customer-managed policies attached before the S3 ones, so these are on the second page (100 a page)."""

ROLES = {
    "complete": [GENERAL_BACKUP, GENERAL_RESTORE, S3_BACKUP, S3_RESTORE],
    "general-only": [GENERAL_BACKUP, GENERAL_RESTORE],
    "backup-only": [S3_BACKUP],
    "nothing": [],
}
VERIFY = {MAIN: {"verifyExternalRoles": True}}
HEAD = f'{MAIN}: Backup selection "s3-selection" targets S3 (resources include arn:aws:s3:::app-data) with'
"""How every verdict on the test selection starts."""

# An environment with no AWS setting of the user's: no credentials, no config files, no metadata service.
ISOLATED = {
    "AWS_CONFIG_FILE": "/nonexistent/aws-config",
    "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/aws-credentials",
    "AWS_EC2_METADATA_DISABLED": "true",
}


def _base_env() -> dict[str, str]:
    import os

    return {key: value for key, value in os.environ.items() if not key.startswith("AWS_")} | ISOLATED


@pytest.fixture(scope="module")
def emulator() -> Iterator[Emulator]:
    with moto_server() as running:
        iam = running.client("iam")
        for name, policies in ROLES.items():
            iam.create_role(RoleName=name, Path="/platform/", AssumeRolePolicyDocument=_TRUST)
            for arn in policies:
                iam.attach_role_policy(RoleName=name, PolicyArn=arn)
        iam.create_role(RoleName="paged", Path="/platform/", AssumeRolePolicyDocument=_TRUST)
        for number in range(PAGED_EXTRA):
            # moto lists by policy name: these sort before "AWSBackup...".
            policy = iam.create_policy(PolicyName=f"AAA-extra-{number:03}", PolicyDocument=_DOCUMENT)
            iam.attach_role_policy(RoleName="paged", PolicyArn=policy["Policy"]["Arn"])
        for arn in (S3_BACKUP, S3_RESTORE):
            iam.attach_role_policy(RoleName="paged", PolicyArn=arn)
        first = iam.list_attached_role_policies(RoleName="paged")
        assert first["IsTruncated"], "the paged role must need more than one page"
        assert {S3_BACKUP, S3_RESTORE}.isdisjoint(p["PolicyArn"] for p in first["AttachedPolicies"])
        yield running


_TRUST = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "backup.amazonaws.com"}, "Action": "sts:AssumeRole"}
        ],
    }
)
_DOCUMENT = json.dumps(
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}
)


@pytest.fixture(scope="module")
def env_pack(emulator: Emulator) -> Iterator[PackProcess]:
    """The pack, reaching the emulator through the standard environment variables."""
    env = _base_env() | FAKE_CREDENTIALS | {"AWS_ENDPOINT_URL": emulator.endpoint, "AWS_REGION": "us-east-1"}
    with PackProcess(env=env) as running:
        yield running


@pytest.fixture(scope="module")
def bare_pack() -> Iterator[PackProcess]:
    """The pack with no AWS setting in its environment: only the provider's settings can reach IAM."""
    with PackProcess(env=_base_env()) as running:
        yield running


def stack(
    role_arn: str, provider: Mapping[str, Any] | None = None, extra: list[dict[str, Any]] | None = None
):
    selection: dict[str, Any] = {
        "type": "aws:backup/selection:Selection",
        "name": "s3-selection",
        "properties": {
            "name": "s3-selection",
            "planId": "<unknown>",
            "iamRoleArn": role_arn,
            "resources": ["arn:aws:s3:::app-data"],
        },
        "propertyDependencies": {"planId": ["plan"]},
    }
    resources: list[dict[str, Any]] = [
        {"type": "aws:backup/plan:Plan", "name": "plan", "properties": {"name": "daily", "id": "<unknown>"}}
    ]
    if provider is not None:
        resources.append({"type": "pulumi:providers:aws", "name": "platform", "properties": dict(provider)})
        selection["provider"] = "platform"
    return [*resources, *(extra or []), selection]


def verdicts(
    pack: PackProcess,
    resources: list[dict[str, Any]],
    config: Mapping[str, Any],
    enforcement: Mapping[str, int] | None = None,
) -> list[str]:
    pack.configure(config, enforcement)
    messages = []
    for diagnostic in pack.run(build_resources(resources, "iam")):
        assert "can't run policy" not in diagnostic.message, diagnostic.message
        assert diagnostic.urn == urns_of(resources, "iam")["s3-selection"]
        messages.append(f"{diagnostic.policyName}: {diagnostic.message.partition(chr(10))[2]}")
    return messages


def external(role: str, note: str = "") -> str:
    """The verdict without IAM (what the rule says when verification is off or fails), plus ``note``."""
    return (
        f"{HEAD} IAM role {role}, which is not managed in this stack, so this policy cannot prove that it "
        f"carries {S3_BACKUP} and {S3_RESTORE}; without them, {NO_S3}. Fix: attach {S3_BACKUP} and "
        f'{S3_RESTORE} in this stack with {ATTACHMENT[:-1]}, role "{role.rsplit("/", 1)[-1]}") and make the '
        "selection's iamRoleArn (iam_role_arn) depend on those attachments, or build the role with "
        f"{COMPONENT}, which attaches both; or, once you have verified the role, add its ARN to the "
        f'trustedRoleArns config of policy "{MAIN}".{note}'
    )


def unverified(role: str, cause: str) -> str:
    return (
        f" (verifyExternalRoles could not ask IAM about {role}: {cause}. The deployment's credentials need "
        "iam:GetRole and iam:ListAttachedRolePolicies on that role.)"
    )


def lacks(
    role: str, attached: str, missing: str, consequence: str, notes: str = "", fix_end: str = ""
) -> str:
    """IAM's verdict on a role that lacks S3 policies (``attached``: what IAM reports, and what this stack
    adds; ``notes``: the usual notes on this stack's evidence; ``fix_end``: the end of the fix)."""
    name = role.rsplit("/", 1)[-1]
    return (
        f"{HEAD} IAM role {role}, which is not managed in this stack. IAM in account {ACCOUNT} reports that "
        f"it carries {attached}, so it lacks {missing}: {consequence}.{notes} Fix: attach {missing} to "
        f"{name} where the role is managed (aws iam attach-role-policy --role-name {name} --policy-arn "
        f'<arn>, or {ATTACHMENT} in that stack), or in this stack with {ATTACHMENT[:-1]}, role "{name}"), '
        f"one per policy, and make the selection's iamRoleArn (iam_role_arn) depend on those "
        f"attachments{fix_end}."
    )


ATTACHMENT = "aws.iam.RolePolicyAttachment (aws:iam/rolePolicyAttachment:RolePolicyAttachment)"
COMPONENT = "backup_roles.BackupServiceRole (backup-roles:index:BackupServiceRole)"
NO_S3 = (
    'S3 backup jobs that use this role fail with "AWS Backup does not have permission to describe resource '
    'arn:aws:s3:::<bucket>"'
)
NO_RESTORE = "S3 backups run, but every restore of the S3 data with this role fails"


def no_such_role(role: str, detail: str, partition: str = "aws") -> str:
    """IAM's verdict on a role that does not exist; the S3 policy ARNs in ``partition``."""
    return HEAD + (
        f" IAM role {role}, which does not exist: IAM in account {ACCOUNT} reports {detail}. AWS "
        "Backup cannot assume a role that does not exist, so no backup job of this selection can run. Fix: "
        f"set the selection's iamRoleArn (iam_role_arn) to the ARN of an existing role that carries "
        f"{S3_BACKUP} and {S3_RESTORE}, or create the role, e.g. with {COMPONENT}."
    ).replace("arn:aws:iam::aws:", f"arn:{partition}:iam::aws:")


ENV_CASES = [
    ("complete role passes", ROLE + "complete", VERIFY, []),
    ("paginated policy list passes", ROLE + "paged", VERIFY, []),
    (
        "general policies only blocks",
        ROLE + "general-only",
        VERIFY,
        [
            lacks(
                ROLE + "general-only",
                f"{GENERAL_BACKUP}, {GENERAL_RESTORE}",
                f"{S3_BACKUP} and {S3_RESTORE}",
                NO_S3,
            )
        ],
    ),
    (
        "restore policy missing blocks",
        ROLE + "backup-only",
        VERIFY,
        [lacks(ROLE + "backup-only", S3_BACKUP, S3_RESTORE, NO_RESTORE)],
    ),
    (
        "no managed policy blocks",
        ROLE + "nothing",
        VERIFY,
        [lacks(ROLE + "nothing", "no managed policy", f"{S3_BACKUP} and {S3_RESTORE}", NO_S3)],
    ),
    (
        "missing role blocks",
        ROLE + "no-such-role",
        VERIFY,
        [no_such_role(ROLE + "no-such-role", "NoSuchEntity: Role no-such-role not found")],
    ),
    (
        "role at another path blocks",
        f"arn:aws:iam::{ACCOUNT}:role/complete",
        VERIFY,
        [
            no_such_role(
                f"arn:aws:iam::{ACCOUNT}:role/complete", f"a role named complete only at {ROLE}complete"
            )
        ],
    ),
    (
        "role in another account falls back",
        "arn:aws:iam::210987654321:role/platform/complete",
        VERIFY,
        [
            external(
                "arn:aws:iam::210987654321:role/platform/complete",
                unverified(
                    "arn:aws:iam::210987654321:role/platform/complete",
                    f"the credentials reach account {ACCOUNT}, not the role's account 210987654321",
                ),
            )
        ],
    ),
    (
        # IAM is asked in the role's partition (moto serves each partition apart, and has no aws-cn role).
        "role in another partition is looked up there",
        f"arn:aws-cn:iam::{ACCOUNT}:role/platform/complete",
        VERIFY,
        [
            no_such_role(
                f"arn:aws-cn:iam::{ACCOUNT}:role/platform/complete",
                "NoSuchEntity: Role complete not found",
                partition="aws-cn",
            )
        ],
    ),
    (
        "trusted role is not looked up",
        ROLE + "no-such-role",
        {MAIN: {"verifyExternalRoles": True, "trustedRoleArns": [ROLE + "no-such-*"]}},
        [],
    ),
    ("off by default: today's verdict", ROLE + "complete", {}, [external(ROLE + "complete")]),
]


@pytest.mark.parametrize(("case", "role", "config", "expected"), ENV_CASES, ids=[row[0] for row in ENV_CASES])
def test_verdicts_with_the_environment(
    env_pack: PackProcess, case: str, role: str, config: Mapping[str, Any], expected: list[str]
) -> None:
    assert verdicts(env_pack, stack(role), config) == expected


def _by_name(role_name: str, policy: str) -> dict[str, Any]:
    return {
        "type": "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
        "name": f"attach-{policy.rsplit('/', 1)[-1]}",
        "properties": {"role": role_name, "policyArn": policy, "id": "<unknown>"},
    }


def test_this_stack_attachments_add_to_what_iam_reports(env_pack: PackProcess) -> None:
    """IAM has S3Backup; this stack attaches S3Restore by name: after the apply the role carries both."""
    resources = stack(ROLE + "backup-only", extra=[_by_name("backup-only", S3_RESTORE)])
    assert verdicts(env_pack, resources, VERIFY) == []


EXCLUSIVE_TOKEN = "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive"
ELSEWHERE = "210987654321"
"""The account of a provider that is provably not the selection's."""


def _exclusive(role_name: str, policies: list[str], provider: str | None = None) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "type": EXCLUSIVE_TOKEN,
        "name": "only-general",
        "properties": {"roleName": role_name, "policyArns": policies},
    }
    if provider:
        resource["provider"] = provider
    return resource


OTHER_ACCOUNT_PROVIDER = {
    "type": "pulumi:providers:aws",
    "name": "other-account",
    "properties": {"region": "us-east-1", "allowedAccountIds": json.dumps([ELSEWHERE])},
}


def test_an_exclusive_set_in_this_stack_overrides_iam(env_pack: PackProcess) -> None:
    """RolePolicyAttachmentsExclusive replaces the role's set on apply: what IAM has now proves nothing, is
    never combined with the set, and the message says why IAM was not asked."""
    role = ROLE + "complete"
    owner = f'aws.iam.RolePolicyAttachmentsExclusive "only-general" ({EXCLUSIVE_TOKEN})'
    assert verdicts(env_pack, stack(role, extra=[_exclusive("complete", [GENERAL_BACKUP])]), VERIFY) == [
        f"{HEAD} IAM role {role}, which is not managed in this stack, so this policy cannot prove that it "
        f"carries {S3_BACKUP} and {S3_RESTORE}; without them, {NO_S3}. Fix: add {S3_BACKUP} and {S3_RESTORE} "
        f"to {owner}; attachments outside an exclusive set are detached. Or stop managing the role's "
        f"policies exclusively and attach them with {ATTACHMENT}. (verifyExternalRoles did not ask IAM: "
        f"{owner} owns the role's managed policies exclusively and replaces them at the next apply, so what "
        "is attached now proves nothing.)"
    ]


def test_an_exclusive_set_of_another_account_does_not_stop_the_lookup(env_pack: PackProcess) -> None:
    """Issue 10's per-account rule: a set for a role of that name through a provider pinned to another
    account owns nothing here, so IAM is asked, and its answer decides."""
    extra = [OTHER_ACCOUNT_PROVIDER, _exclusive("complete", [GENERAL_BACKUP], "other-account")]
    assert verdicts(env_pack, stack(ROLE + "complete", extra=extra), VERIFY) == []


def test_attachments_of_another_account_are_not_added_to_what_iam_reports(env_pack: PackProcess) -> None:
    """IAM has S3Backup; the S3Restore attachment by name goes through a provider of another account, so it
    does not count for this role: the role lacks S3Restore, and the attachment is named."""
    role = ROLE + "backup-only"
    attachment = _by_name("backup-only", S3_RESTORE) | {"provider": "other-account"}
    label = (
        'aws.iam.RolePolicyAttachment "attach-AWSBackupServiceRolePolicyForS3Restore" '
        "(aws:iam/rolePolicyAttachment:RolePolicyAttachment)"
    )
    note = (
        f" Note: {label} name the role, but through a provider that is not provably in the selection's "
        "account (not the same provider, no same pinned account, or other settings than the region differ), "
        "so they may attach to another account's role of that name; register them with the selection's "
        "provider, or pin both providers to the one account (allowedAccountIds)."
    )
    resources = stack(role, extra=[OTHER_ACCOUNT_PROVIDER, attachment])
    assert verdicts(env_pack, resources, VERIFY) == [lacks(role, S3_BACKUP, S3_RESTORE, NO_RESTORE, note)]


def test_what_this_stack_attaches_is_named_beside_what_iam_reports(env_pack: PackProcess) -> None:
    """IAM has only the general policies; this stack attaches S3Backup by name: S3Restore is still missing."""
    role = ROLE + "general-only"
    resources = stack(role, extra=[_by_name("general-only", S3_BACKUP)])
    attached = f"{GENERAL_BACKUP}, {GENERAL_RESTORE}, and this stack attaches {S3_BACKUP} to it"
    assert verdicts(env_pack, resources, VERIFY) == [lacks(role, attached, S3_RESTORE, NO_RESTORE)]


# --- the selection's provider settings, with nothing in the environment ---


def test_no_credentials_fall_back_and_name_the_error(emulator: Emulator, bare_pack: PackProcess) -> None:
    provider = {"region": "us-east-1", "endpoints": json.dumps([{"iam": emulator.endpoint}])}
    role = ROLE + "complete"
    expected = [external(role, unverified(role, "NoCredentialsError: Unable to locate credentials"))]
    assert verdicts(bare_pack, stack(role, provider), VERIFY) == expected


def test_provider_keys_and_iam_endpoint(emulator: Emulator, bare_pack: PackProcess) -> None:
    provider = {
        "region": "eu-west-1",
        "accessKey": {"<secret>": "provider-key"},
        "secretKey": {"<secret>": "provider-secret"},
        "endpoints": json.dumps([{"iam": emulator.endpoint}]),
    }
    assert verdicts(bare_pack, stack(ROLE + "complete", provider), VERIFY) == []
    lacking = [lacks(ROLE + "backup-only", S3_BACKUP, S3_RESTORE, NO_RESTORE)]
    assert verdicts(bare_pack, stack(ROLE + "backup-only", provider), VERIFY) == lacking


def test_provider_profile_from_shared_files(
    emulator: Emulator, bare_pack: PackProcess, tmp_path: Path
) -> None:
    config = tmp_path / "config"
    config.write_text("[profile platform]\nregion = us-east-1\n")
    credentials = tmp_path / "credentials"
    credentials.write_text("[platform]\naws_access_key_id = from-file\naws_secret_access_key = from-file\n")
    provider = {
        "profile": "platform",
        "sharedConfigFiles": json.dumps([str(config)]),
        "sharedCredentialsFiles": json.dumps([str(credentials)]),
        "endpoints": json.dumps([{"iam": emulator.endpoint}]),
    }
    assert verdicts(bare_pack, stack(ROLE + "complete", provider), VERIFY) == []
    provider["profile"] = "absent"
    role = ROLE + "complete"
    cause = "ProfileNotFound: The config profile (absent) could not be found"
    assert verdicts(bare_pack, stack(role, provider), VERIFY) == [external(role, unverified(role, cause))]


def test_provider_assume_role_through_sts(emulator: Emulator, bare_pack: PackProcess) -> None:
    provider = {
        "region": "us-east-1",
        "accessKey": "base-key",
        "secretKey": "base-secret",
        "assumeRoles": json.dumps([{"roleArn": f"arn:aws:iam::{ACCOUNT}:role/platform/complete"}]),
        "endpoints": json.dumps([{"iam": emulator.endpoint, "sts": emulator.endpoint}]),
    }
    assert verdicts(bare_pack, stack(ROLE + "complete", provider), VERIFY) == []


def test_unknown_provider_setting_falls_back(bare_pack: PackProcess) -> None:
    role = ROLE + "complete"
    provider = {"region": "<unknown>"}
    cause = "the provider's region is unknown during preview"
    assert verdicts(bare_pack, stack(role, provider), VERIFY) == [external(role, unverified(role, cause))]


def test_an_endpoint_that_never_answers_stays_within_the_budget(bare_pack: PackProcess) -> None:
    role = ROLE + "complete"
    config = {MAIN: {"verifyExternalRoles": True, "verifyExternalRolesTimeoutSeconds": 1}}
    with silent_endpoint() as endpoint:
        provider = {
            "region": "us-east-1",
            "accessKey": "k",
            "secretKey": "s",
            "endpoints": json.dumps([{"iam": endpoint}]),
        }
        started = time.monotonic()
        actual = verdicts(bare_pack, stack(role, provider), config)
        elapsed = time.monotonic() - started
    cause = "IAM did not answer within the 1 s budget (verifyExternalRolesTimeoutSeconds)"
    assert actual == [external(role, unverified(role, cause))]
    assert elapsed < 3, f"the preview waited {elapsed:.1f} s on a 1 s budget"


# --- off by default: nothing imports boto3 ---


def test_importing_the_pack_loads_no_aws_sdk() -> None:
    code = (
        "import sys; sys.path.insert(0, 'policypack'); import backup_guardrails.pack; "
        "loaded = {m.split('.')[0] for m in sys.modules}; "
        "print(sorted(loaded & {'boto3', 'botocore', 's3transfer', 'urllib3'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_with_the_setting_off_boto3_is_never_imported(tmp_path: Path) -> None:
    """A boto3 that fails on import: verdicts with the setting off are unchanged; on, the error is named."""
    for package in ("boto3", "botocore"):
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text(f"raise ImportError('{package} was imported')\n")
    env = _base_env() | {"PYTHONPATH": str(tmp_path)}
    role = ROLE + "complete"
    with PackProcess(env=env) as pack:
        assert verdicts(pack, stack(role), {}) == [external(role)]
        cause = "boto3 is not installed (boto3 was imported)"
        assert verdicts(pack, stack(role), VERIFY) == [external(role, unverified(role, cause))]


# --- the console default role, managed elsewhere: both policies ask IAM ---


DEFAULT_ROLE = f"arn:aws:iam::{ACCOUNT}:role/service-role/AWSBackupDefaultServiceRole"


def test_default_role_verified_by_iam(emulator: Emulator) -> None:
    """The resource-level companion and the main rule both pass the default role once IAM shows the S3
    policies on it. While it carries only the general ones, the companion blocks it at registration and
    names what IAM reported; the main rule does not repeat that cause (one cause, one violation), and
    speaks with IAM's verdict when the companion is only advisory."""
    iam = emulator.client("iam")
    name = "AWSBackupDefaultServiceRole"
    iam.create_role(RoleName=name, Path="/service-role/", AssumeRolePolicyDocument=_TRUST)
    for arn in (GENERAL_BACKUP, GENERAL_RESTORE):
        iam.attach_role_policy(RoleName=name, PolicyArn=arn)
    env = _base_env() | FAKE_CREDENTIALS | {"AWS_ENDPOINT_URL": emulator.endpoint, "AWS_REGION": "us-east-1"}
    both = {MAIN: {"verifyExternalRoles": True}, COMPANION: {"verifyExternalRoles": True}}
    with PackProcess(env=env) as pack:
        blocked = verdicts(pack, stack(DEFAULT_ROLE), both)
    with PackProcess(env=env) as pack:
        advisory = verdicts(pack, stack(DEFAULT_ROLE), both, {COMPANION: analyzer_pb2.ADVISORY})
    for arn in (S3_BACKUP, S3_RESTORE):
        iam.attach_role_policy(RoleName=name, PolicyArn=arn)
    with PackProcess(env=env) as pack:
        assert verdicts(pack, stack(DEFAULT_ROLE), both) == []
    general = f"{GENERAL_BACKUP}, {GENERAL_RESTORE}"
    adopt = f' ({COMPONENT} in adopt mode, existing_role_name / existingRoleName "{name}", does exactly that)'
    companion = (
        f"{COMPANION}: {HEAD.partition(': ')[2]} the console default role {DEFAULT_ROLE}. "
        f"{name} carries only AWSBackupServiceRolePolicyForBackup and AWSBackupServiceRolePolicyForRestores, "
        f"which grant no S3 action, so {NO_S3}. Fix: attach {S3_BACKUP} and {S3_RESTORE} to {name} with "
        f'{ATTACHMENT[:-1]}, role "{name}") and make the selection\'s iamRoleArn (iam_role_arn) depend on '
        f"those attachments{adopt}, or use a dedicated role built with BackupServiceRole. (This check runs "
        "as each resource is registered, so the attachments must be registered before the selection: pass "
        "them in the selection's depends_on, or use BackupServiceRole(...).arn, which waits for them.) "
        f"(verifyExternalRoles: IAM in account {ACCOUNT} reports that {DEFAULT_ROLE} carries {general}.)"
    )
    assert blocked == [companion]
    main = lacks(DEFAULT_ROLE, general, f"{S3_BACKUP} and {S3_RESTORE}", NO_S3, "", adopt)
    assert advisory == [companion, main]


# --- in process: settings parsing and the debug log of a pass ---


def test_provider_settings_are_read_from_json_text_and_plain_values() -> None:
    from backup_guardrails.iam_verification import AssumeRole, ClientSettings, settings_for

    class Provider:
        def __init__(self, props: dict[str, Any]) -> None:
            self.props = props

    assert settings_for(None) == ClientSettings()
    text = Provider(
        {
            "region": "eu-west-1",
            "profile": "ops",
            "assumeRoles": '[{"roleArn": "arn:aws:iam::111111111111:role/deploy", "externalId": "x"}]',
            "endpoints": '[{"iam": "http://iam.local"}, {"sts": "http://sts.local"}]',
            "sharedConfigFiles": '["~/cfg"]',
            "insecure": "true",
        }
    )
    settings = settings_for(text)
    assert settings.region == "eu-west-1" and settings.profile == "ops" and settings.insecure
    assert settings.assume_roles == (AssumeRole("arn:aws:iam::111111111111:role/deploy", None, "x"),)
    assert (settings.iam_endpoint, settings.sts_endpoint) == ("http://iam.local", "http://sts.local")
    assert settings.shared_config_files == (str(Path("~/cfg").expanduser()),)
    plain_values = Provider({"assumeRoles": [{"role_arn": "arn:aws:iam::111111111111:role/deploy"}]})
    assert settings_for(plain_values).assume_roles == (AssumeRole("arn:aws:iam::111111111111:role/deploy"),)
    problems = {
        "endpoints": ("not json", "the provider's endpoints is not valid JSON"),
        "assumeRoles": ('[{"sessionName": "x"}]', "the provider's assumeRoles has an entry without roleArn"),
        "assumeRoleWithWebIdentity": ('{"roleArn": "x"}', "is not supported by this check"),
        "sharedConfigFiles": ("[1]", "the provider's sharedConfigFiles is not a list of paths"),
    }
    for key, (value, problem) in problems.items():
        found = settings_for(Provider({key: value if key != "endpoints" else "[" + value})).problem
        assert found and problem in found, (key, found)


def test_a_pass_is_logged_at_debug_level(emulator: Emulator, caplog: pytest.LogCaptureFixture) -> None:
    from backup_guardrails.iam_verification import Attached, ClientSettings, verify_roles

    settings = ClientSettings(
        region="us-east-1", access_key="k", secret_key="s", iam_endpoint=emulator.endpoint
    )
    with caplog.at_level(logging.DEBUG, logger="backup_guardrails.iam_verification"):
        outcome = verify_roles([(settings, ROLE + "complete")], budget=10)[(settings, ROLE + "complete")]
    assert isinstance(outcome, Attached)
    assert set(outcome.policy_arns) == set(ROLES["complete"])
    assert [record.levelno for record in caplog.records] == [logging.DEBUG]
    assert f"{ROLE}complete carries" in caplog.records[0].getMessage()


def test_access_denied_falls_back_and_names_the_permissions(bare_pack: PackProcess) -> None:
    """A moto server that enforces IAM authorization after the setup: a CI user without IAM read access."""
    role = f"arn:aws:iam::{ACCOUNT}:role/r"
    with moto_server(authorize_after=4) as strict:
        iam = strict.client("iam")
        iam.create_user(UserName="ci")
        key = iam.create_access_key(UserName="ci")["AccessKey"]
        iam.create_role(RoleName="r", AssumeRolePolicyDocument=_TRUST)
        iam.attach_role_policy(RoleName="r", PolicyArn=S3_BACKUP)
        provider = {
            "region": "us-east-1",
            "accessKey": key["AccessKeyId"],
            "secretKey": key["SecretAccessKey"],
            "endpoints": json.dumps([{"iam": strict.endpoint}]),
        }
        actual = verdicts(bare_pack, stack(role, provider), VERIFY)
    cause = f"AccessDenied: User: arn:aws:iam::{ACCOUNT}:user/ci is not authorized to perform: iam:GetRole"
    assert actual == [external(role, unverified(role, cause))]


def test_the_emulator_leaves_nothing_behind() -> None:
    with moto_server() as running:
        workdir, process = running.workdir, running.process
        assert workdir.is_dir() and process.poll() is None
    assert process.poll() is not None
    assert not workdir.exists()


def test_a_known_stack_reference_output_is_looked_up(env_pack: PackProcess) -> None:
    """iamRoleArn from a StackReference output, known during the preview (the usual case once the platform
    stack is deployed): the same lookup as a literal ARN."""
    reference = {
        "type": "pulumi:pulumi:StackReference",
        "name": "platform",
        "properties": {"name": "org/platform/prod", "outputs": {"backupRoleArn": ROLE + "general-only"}},
    }
    for role, expected in (
        (ROLE + "complete", []),
        (
            ROLE + "general-only",
            [
                lacks(
                    ROLE + "general-only",
                    f"{GENERAL_BACKUP}, {GENERAL_RESTORE}",
                    f"{S3_BACKUP} and {S3_RESTORE}",
                    NO_S3,
                )
            ],
        ),
    ):
        resources = stack(role, extra=[reference])
        resources[-1]["propertyDependencies"]["iamRoleArn"] = ["platform"]
        assert verdicts(env_pack, resources, VERIFY) == expected


def test_a_silent_endpoint_never_holds_up_the_process_exit() -> None:
    """The lookup thread stuck on the socket is abandoned at the deadline; the process exits at once."""
    code = (
        "import sys, time; sys.path.insert(0, 'policypack'); "
        "from backup_guardrails.iam_verification import ClientSettings, verify_roles; "
        "s = ClientSettings(region='us-east-1', access_key='k', secret_key='s', iam_endpoint=sys.argv[1]); "
        "arn = 'arn:aws:iam::123456789012:role/r'; "
        "print(type(verify_roles([(s, arn)], 1)[(s, arn)]).__name__, flush=True); "
        "print(time.time(), flush=True)"
    )
    with silent_endpoint() as endpoint:
        result = subprocess.run(
            [sys.executable, "-c", code, endpoint], cwd=REPO, capture_output=True, text=True, check=True
        )
        exited = time.time()
    outcome, returned = result.stdout.split()
    assert outcome == "Unverified"
    # A joined lookup thread would hold the exit for its socket timeouts (2 attempts of 2 s).
    assert exited - float(returned) < 1.0, f"the process exited {exited - float(returned):.1f} s after"
