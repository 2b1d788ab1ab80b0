"""The stand-in AWS provider (tools/aws_standin), started and spoken to exactly as the Pulumi engine does:
spawn ``tools/bin/pulumi-resource-aws <engine-address>``, read the port from its first stdout line, then call
the ResourceProvider gRPC service with pulumi's generated stubs."""

from __future__ import annotations

import json
import os
import re
import subprocess
import warnings
from collections.abc import Iterator, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

import grpc
import pytest
from google.protobuf import empty_pb2, json_format, struct_pb2
from pulumi.runtime.proto import provider_pb2 as rpc
from pulumi.runtime.proto import provider_pb2_grpc
from pulumi.type_token import get_type_token

REPO = Path(__file__).resolve().parents[1]
LAUNCHER = REPO / "tools" / "bin" / "pulumi-resource-aws"
UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
ACCOUNT = "123456789012"
OTHER_ACCOUNT = "210987654321"
S3_BACKUP = "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup"
TRUST = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "backup.amazonaws.com"}, "Action": "sts:AssumeRole"}
        ],
    }
)
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
PREFIXED_UNIQUE_ID = r"\d{18}[0-9a-f]{8}"  # Terraform's id.PrefixedUniqueId suffix


def struct(values: Mapping[str, Any]) -> struct_pb2.Struct:
    message = struct_pb2.Struct()
    message.update(dict(values))
    return message


def plain(message: struct_pb2.Struct) -> dict[str, Any]:
    return json_format.MessageToDict(message)


def urn(token: str, name: str) -> str:
    return f"urn:pulumi:dev::backup-guardrails::{token}::{name}"


class Plugin:
    """One provider process, as the engine runs one per provider configuration. The process starts at once;
    the port is read on first use, so several plugins start in parallel."""

    def __init__(self, env: Mapping[str, str]) -> None:
        self.process = subprocess.Popen(
            [str(LAUNCHER), "127.0.0.1:1"], stdout=subprocess.PIPE, env=dict(env), text=True
        )
        self._stub: provider_pb2_grpc.ResourceProviderStub | None = None
        self.first_line = ""

    @property
    def stub(self) -> provider_pb2_grpc.ResourceProviderStub:
        if self._stub is None:
            assert self.process.stdout is not None
            self.first_line = self.process.stdout.readline()
            # As the engine's plugin client (rpcutil.GrpcChannelOptions): the schema is bigger than 4 MB.
            options = [("grpc.max_receive_message_length", 400 * 1024 * 1024)]
            self.channel = grpc.insecure_channel(f"127.0.0.1:{self.first_line.strip()}", options=options)
            self._stub = provider_pb2_grpc.ResourceProviderStub(self.channel)
        return self._stub

    def close(self) -> None:
        if self._stub is not None:
            self.channel.close()
        self.process.kill()
        self.process.wait()

    def configure(self, **args: Any) -> None:
        self.stub.Configure(rpc.ConfigureRequest(args=struct(args), acceptSecrets=True, acceptResources=True))

    def check(self, token: str, name: str, news: Mapping[str, Any], **kw: Any) -> rpc.CheckResponse:
        seed = kw.pop("seed", name.encode())
        return self.stub.Check(
            rpc.CheckRequest(urn=urn(token, name), news=struct(news), randomSeed=seed, **kw)
        )

    def create(self, token: str, name: str, props: struct_pb2.Struct, *, preview: bool) -> rpc.CreateResponse:
        return self.stub.Create(rpc.CreateRequest(urn=urn(token, name), properties=props, preview=preview))

    def checked(self, token: str, name: str, news: Mapping[str, Any]) -> struct_pb2.Struct:
        response = self.check(token, name, news)
        assert list(response.failures) == []
        return response.inputs

    def up(self, token: str, name: str, news: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
        created = self.create(token, name, self.checked(token, name, news), preview=False)
        return created.id, plain(created.properties)

    def invoke(self, token: str, **args: Any) -> rpc.InvokeResponse:
        return self.stub.Invoke(rpc.InvokeRequest(tok=token, args=struct(args)))


REGIONS = [
    # (plugin, region, partition, account)
    ("default", "us-east-1", "aws", ACCOUNT),
    ("cn-north-1", "cn-north-1", "aws-cn", OTHER_ACCOUNT),
    ("us-gov-west-1", "us-gov-west-1", "aws-us-gov", OTHER_ACCOUNT),
]

PLUGINS: dict[str, tuple[dict[str, str], dict[str, Any] | None]] = {
    # name: (environment variables, Configure args or None to leave unconfigured)
    "default": ({}, {"region": "us-east-1", "skipCredentialsValidation": "true", "version": "7.51.1"}),
    "cn-north-1": (
        {"BACKUP_GUARDRAILS_ACCOUNT_ID": OTHER_ACCOUNT},
        {"region": "cn-north-1", "defaultTags": '{"tags": {"team": "backup", "env": "dev"}}'},
    ),
    "us-gov-west-1": ({"BACKUP_GUARDRAILS_ACCOUNT_ID": OTHER_ACCOUNT}, {"region": "us-gov-west-1"}),
    # Left unconfigured; a Configure that is refused leaves it so.
    "environment-only": ({"BACKUP_GUARDRAILS_ACCOUNT_ID": OTHER_ACCOUNT, "AWS_REGION": "eu-central-1"}, None),
}


@pytest.fixture(scope="module")
def derived_schema() -> None:
    """Derive the SDK schema into the cache once, before any plugin needs it (as scripts/pulumi does)."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "tools")}
    subprocess.run([str(REPO / ".venv/bin/python"), "-m", "aws_standin.sdk_schema"], env=env, check=True)


@pytest.fixture(scope="module")
def plugins(derived_schema: None) -> Iterator[dict[str, Plugin]]:
    """Every plugin the tests use, started together from a clean environment and configured as the engine
    does; all are stopped at the end."""
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("AWS_") and k not in {"BACKUP_GUARDRAILS_ACCOUNT_ID", "BACKUP_GUARDRAILS_PYTHON"}
    }
    started = {name: Plugin({**base, **env}) for name, (env, _) in PLUGINS.items()}
    try:
        for name, (_, config) in PLUGINS.items():
            if config is not None:
                started[name].configure(**config)
        yield started
    finally:
        for plugin in started.values():
            plugin.close()


@pytest.fixture(scope="module")
def aws(plugins: dict[str, Plugin]) -> Plugin:
    """The default provider of a stack with ``aws:region`` us-east-1."""
    return plugins["default"]


# --- process and plugin info ----------------------------------------------------------------------------


def test_prints_only_its_port_and_reports_the_sdk_plugin_version(aws: Plugin) -> None:
    assert re.fullmatch(r"\d+\n", aws.first_line)
    info = aws.stub.GetPluginInfo(empty_pb2.Empty())
    assert info.version == "7.51.1" == metadata.version("pulumi_aws")


def test_refuses_an_account_the_configuration_does_not_allow(plugins: dict[str, Plugin]) -> None:
    with pytest.raises(grpc.RpcError) as raised:
        plugins["environment-only"].configure(region="us-east-1", allowedAccountIds='["111111111111"]')
    assert raised.value.details() == f"AWS account ID not allowed: {OTHER_ACCOUNT}"


# --- Check -------------------------------------------------------------------------------------------------


def test_check_autonames_a_role_like_the_bridge(aws: Plugin) -> None:
    checked = aws.check("aws:iam/role:Role", "backup-role", {"assumeRolePolicy": TRUST}, seed=b"seed-1")
    inputs = plain(checked.inputs)
    assert list(checked.failures) == []
    assert re.fullmatch(r"backup-role-[0-9a-f]{7}", inputs["name"])
    assert inputs["__defaults"] == ["name"]
    assert inputs["tagsAll"] == {}
    again = aws.check("aws:iam/role:Role", "backup-role", {"assumeRolePolicy": TRUST}, seed=b"seed-1")
    assert plain(again.inputs)["name"] == inputs["name"], "the same engine seed gives the same name"


def test_check_keeps_an_earlier_autoname_on_update(aws: Plugin) -> None:
    first = aws.checked("aws:iam/role:Role", "backup-role", {"assumeRolePolicy": TRUST})
    update = aws.check(
        "aws:iam/role:Role", "backup-role", {"assumeRolePolicy": "{}"}, olds=first, seed=b"another seed"
    )
    assert plain(update.inputs)["name"] == plain(first)["name"]


def test_check_leaves_the_name_to_create_when_a_prefix_is_given(aws: Plugin) -> None:
    news = {"assumeRolePolicy": TRUST, "namePrefix": "backup-", "path": "/service-role/"}
    inputs = aws.checked("aws:iam/role:Role", "prefixed", news)
    assert "name" not in plain(inputs)
    assert plain(inputs)["__defaults"] == []

    preview = plain(aws.create("aws:iam/role:Role", "prefixed", inputs, preview=True).properties)
    assert preview["name"] == UNKNOWN

    created = aws.create("aws:iam/role:Role", "prefixed", inputs, preview=False)
    name = plain(created.properties)["name"]
    assert re.fullmatch(f"backup-{PREFIXED_UNIQUE_ID}", name)
    assert created.id == name
    assert plain(created.properties)["arn"] == f"arn:aws:iam::{ACCOUNT}:role/service-role/{name}"


def test_check_refuses_both_a_name_and_a_prefix(aws: Plugin) -> None:
    checked = aws.check("aws:iam/role:Role", "r", {"assumeRolePolicy": TRUST, "name": "a", "namePrefix": "b"})
    assert [f.reason for f in checked.failures] == [
        'Conflicting configuration arguments. "name": conflicts with name_prefix. '
        "Examine values at 'r.name'.",
        'Conflicting configuration arguments. "name_prefix": conflicts with name. '
        "Examine values at 'r.namePrefix'.",
    ]


@pytest.mark.parametrize(
    ("token", "name", "pattern"),
    [
        ("aws:s3/bucket:Bucket", "Backup-Source", r"backup-source-[0-9a-f]{7}"),
        ("aws:s3/bucketV2:BucketV2", "legacy", r"legacy-[0-9a-f]{7}"),
        ("aws:backup/vault:Vault", "vault", r"vault-[0-9a-f]{7}"),
        ("aws:backup/restoreTestingPlan:RestoreTestingPlan", "restore_tests", r"restore_tests_[0-9a-f]{7}"),
    ],
    ids=["bucket-lower-cased", "bucket-v2", "vault-name", "restore-testing-plan-underscore"],
)
def test_check_autonames_the_property_each_type_names_itself_by(
    aws: Plugin, token: str, name: str, pattern: str
) -> None:
    inputs = plain(aws.check(token, name, {}).inputs)
    named_by = "bucket" if token.startswith("aws:s3/") else "name"
    assert re.fullmatch(pattern, inputs[named_by])


def test_check_refuses_a_name_too_long_to_autoname(aws: Plugin) -> None:
    with pytest.raises(grpc.RpcError) as raised:
        aws.check("aws:iam/role:Role", "r" * 60, {"assumeRolePolicy": TRUST})
    assert raised.value.details() == (
        f"could not make instance of 'aws:iam/role:Role': name '{'r' * 60}-' plus 7 random chars is longer "
        "than maximum length 64"
    )


@pytest.mark.parametrize(
    ("token", "news", "missing"),
    [
        (
            "aws:backup/selection:Selection",
            {"resources": ["*"]},
            {"iamRoleArn": "iam_role_arn", "planId": "plan_id"},
        ),
        (
            "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
            {},
            {"policyArn": "policy_arn", "role": "role"},
        ),
        ("aws:iam/role:Role", {}, {"assumeRolePolicy": "assume_role_policy"}),
        (
            "aws:s3/bucketVersioning:BucketVersioning",
            {"bucket": "b"},
            {"versioningConfiguration": "versioning_configuration"},
        ),
    ],
    ids=["selection", "role-policy-attachment", "role", "bucket-versioning"],
)
def test_check_reports_missing_required_arguments_like_the_bridge(
    aws: Plugin, token: str, news: dict[str, Any], missing: dict[str, str]
) -> None:
    checked = aws.check(token, "it", news)
    assert [(f.property, f.reason) for f in checked.failures] == [
        (
            "",
            f'Missing required argument. The argument "{tf}" is required, but no definition was found.. '
            f"Examine values at 'it.{prop}'.",
        )
        for prop, tf in missing.items()
    ]


def test_check_names_a_type_the_sdk_does_not_have_instead_of_crashing(aws: Plugin) -> None:
    checked = aws.check("aws:ec2/noSuchThing:NoSuchThing", "vpc", {"cidrBlock": "10.0.0.0/16"})
    [failure] = checked.failures
    assert failure.reason == (
        "the AWS stand-in provider (tools/aws_standin) does not serve resource type "
        "'aws:ec2/noSuchThing:NoSuchThing': the pulumi_aws 7.51.1 SDK it is derived from has no such resource"
    )


def test_check_merges_default_tags_into_tags_all(plugins: dict[str, Plugin]) -> None:
    plugin = plugins["cn-north-1"]
    inputs = plain(plugin.checked("aws:backup/vault:Vault", "v", {"tags": {"env": "prod"}}))
    assert inputs["tagsAll"] == {"team": "backup", "env": "prod"}
    unknown_tag = plain(plugin.checked("aws:backup/vault:Vault", "v", {"tags": {"env": UNKNOWN}}))
    assert unknown_tag["tagsAll"] == UNKNOWN


# --- Create ------------------------------------------------------------------------------------------------


def test_preview_returns_inputs_defaults_and_unknown_computed_outputs(aws: Plugin) -> None:
    inputs = aws.checked("aws:iam/role:Role", "backup-role", {"assumeRolePolicy": TRUST})
    preview = aws.create("aws:iam/role:Role", "backup-role", inputs, preview=True)
    props = preview.properties.fields
    assert preview.id == ""
    for output in ("arn", "id", "uniqueId", "createDate"):
        assert props[output] == struct_pb2.Value(string_value=UNKNOWN), output
    got = plain(preview.properties)
    assert got["name"] == plain(inputs)["name"]
    assert {k: got[k] for k in ("path", "maxSessionDuration", "forceDetachPolicies", "assumeRolePolicy")} == {
        "path": "/",
        "maxSessionDuration": 3600,
        "forceDetachPolicies": False,
        "assumeRolePolicy": TRUST,
    }


def test_preview_passes_unknown_inputs_through(aws: Plugin) -> None:
    news = {"iamRoleArn": UNKNOWN, "planId": UNKNOWN, "resources": ["arn:aws:s3:::data"]}
    inputs = aws.checked("aws:backup/selection:Selection", "s3", news)
    got = plain(aws.create("aws:backup/selection:Selection", "s3", inputs, preview=True).properties)
    assert (got["iamRoleArn"], got["planId"], got["id"]) == (UNKNOWN, UNKNOWN, UNKNOWN)
    assert got["region"] == "us-east-1"


@pytest.mark.parametrize(("plugin", "region", "partition", "account"), REGIONS, ids=[r[1] for r in REGIONS])
def test_up_returns_arns_in_the_region_partition(
    plugins: dict[str, Plugin], plugin: str, region: str, partition: str, account: str
) -> None:
    aws = plugins[plugin]
    role_id, role = aws.up(
        "aws:iam/role:Role", "backup", {"assumeRolePolicy": TRUST, "path": "/service-role/", "name": "backup"}
    )
    assert (role_id, role["arn"]) == ("backup", f"arn:{partition}:iam::{account}:role/service-role/backup")
    assert re.fullmatch(r"AROA[A-Z0-9]{17}", role["uniqueId"])
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", role["createDate"])
    bucket_id, bucket = aws.up("aws:s3/bucket:Bucket", "data", {"bucket": "backup-data"})
    assert (bucket_id, bucket["arn"], bucket["region"]) == (
        "backup-data",
        f"arn:{partition}:s3:::backup-data",
        region,
    )


def test_up_returns_ids_in_the_real_formats(aws: Plugin) -> None:
    _, role = aws.up("aws:iam/role:Role", "role", {"assumeRolePolicy": TRUST})
    assert role["arn"] == f"arn:aws:iam::{ACCOUNT}:role/{role['name']}"

    attachment_id, _ = aws.up(
        "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
        "s3",
        {"role": role["name"], "policyArn": S3_BACKUP},
    )
    assert re.fullmatch(f"{re.escape(role['name'])}-{PREFIXED_UNIQUE_ID}", attachment_id)

    vault_id, vault = aws.up("aws:backup/vault:Vault", "vault", {"name": "main"})
    assert (vault_id, vault["arn"]) == ("main", f"arn:aws:backup:us-east-1:{ACCOUNT}:backup-vault:main")

    plan_id, plan = aws.up("aws:backup/plan:Plan", "plan", {"rules": [{"ruleName": "daily"}]})
    assert re.fullmatch(UUID, plan_id)
    assert plan["arn"] == f"arn:aws:backup:us-east-1:{ACCOUNT}:backup-plan:{plan_id}"

    selection_id, _ = aws.up(
        "aws:backup/selection:Selection",
        "sel",
        {"iamRoleArn": role["arn"], "planId": plan_id, "resources": ["*"]},
    )
    assert re.fullmatch(UUID, selection_id)


MINIMAL_INPUTS: dict[str, dict[str, Any]] = {
    "aws:iam/role:Role": {"assumeRolePolicy": TRUST},
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": {"role": "r", "policyArn": S3_BACKUP},
    "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive": {
        "roleName": "r",
        "policyArns": [S3_BACKUP],
    },
    "aws:iam/policyAttachment:PolicyAttachment": {"roles": ["r"], "policyArn": S3_BACKUP},
    "aws:iam/policy:Policy": {"policy": "{}"},
    "aws:backup/vault:Vault": {},
    "aws:backup/plan:Plan": {"rules": [{"ruleName": "daily", "targetVaultName": "v"}]},
    "aws:backup/selection:Selection": {"iamRoleArn": "arn:aws:iam::123456789012:role/r", "planId": "p"},
    "aws:backup/restoreTestingPlan:RestoreTestingPlan": {
        "recoveryPointSelection": {"algorithm": "LATEST_WITHIN_WINDOW"},
        "scheduleExpression": "cron(0 1 ? * * *)",
    },
    "aws:backup/restoreTestingSelection:RestoreTestingSelection": {
        "iamRoleArn": "arn:aws:iam::123456789012:role/r",
        "protectedResourceType": "S3",
        "restoreTestingPlanName": "plan",
    },
    "aws:backup/regionSettings:RegionSettings": {"resourceTypeOptInPreference": {"S3": True}},
    "aws:s3/bucket:Bucket": {},
    "aws:s3/bucketV2:BucketV2": {},
    "aws:s3/bucketVersioning:BucketVersioning": {
        "bucket": "b",
        "versioningConfiguration": {"status": "Enabled"},
    },
    "aws:s3/bucketVersioningV2:BucketVersioningV2": {
        "bucket": "b",
        "versioningConfiguration": {"status": "Enabled"},
    },
    "aws:kms/key:Key": {},
}


@pytest.mark.parametrize("token", sorted(MINIMAL_INPUTS))
def test_every_served_type_previews_and_creates(aws: Plugin, token: str) -> None:
    inputs = aws.checked(token, "it", MINIMAL_INPUTS[token])
    preview = plain(aws.create(token, "it", inputs, preview=True).properties)
    assert preview["id"] == UNKNOWN
    assert "__defaults" not in preview
    created = aws.create(token, "it", inputs, preview=False)
    assert created.id
    assert plain(created.properties)["id"] == created.id
    assert UNKNOWN not in json.dumps(plain(created.properties)), "nothing stays unknown once created"


def test_the_served_types_are_the_python_sdk_classes_our_programs_use() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # BucketV2 and BucketVersioningV2 are deprecated
        import pulumi_aws as sdk

        sdk_classes = (
            *(sdk.iam.Role, sdk.iam.RolePolicyAttachment, sdk.iam.RolePolicyAttachmentsExclusive),
            *(sdk.iam.PolicyAttachment, sdk.iam.Policy, sdk.kms.Key),
            *(sdk.backup.Vault, sdk.backup.Plan, sdk.backup.Selection, sdk.backup.RegionSettings),
            *(sdk.backup.RestoreTestingPlan, sdk.backup.RestoreTestingSelection),
            *(sdk.s3.Bucket, sdk.s3.BucketV2, sdk.s3.BucketVersioning, sdk.s3.BucketVersioningV2),
        )
    assert {get_type_token(cls) for cls in sdk_classes} == set(MINIMAL_INPUTS)


# --- Diff, Update, Read, Delete ----------------------------------------------------------------------------


def _diff(plugin: Plugin, token: str, olds: Mapping[str, Any], news: Mapping[str, Any]) -> rpc.DiffResponse:
    return plugin.stub.Diff(
        rpc.DiffRequest(urn=urn(token, "it"), id="x", olds=struct(olds), news=struct(news))
    )


def test_diff_replaces_on_force_new_arguments_and_updates_the_rest(aws: Plugin) -> None:
    token = "aws:iam/role:Role"
    _, olds = aws.up(token, "it", {"assumeRolePolicy": TRUST, "name": "keep"})
    same = plain(aws.checked(token, "it", {"assumeRolePolicy": TRUST, "name": "keep"}))
    assert _diff(aws, token, olds, same).changes == rpc.DiffResponse.DIFF_NONE

    described = _diff(aws, token, olds, {**same, "description": "backups"})
    assert (described.changes, list(described.replaces)) == (rpc.DiffResponse.DIFF_SOME, [])
    assert described.detailedDiff["description"].kind == rpc.PropertyDiff.ADD

    renamed = _diff(aws, token, olds, {**same, "name": "other"})
    assert list(renamed.replaces) == ["name"]
    assert renamed.deleteBeforeReplace, "a name the program chose cannot exist twice"


def test_diff_replaces_a_selection_on_any_change(aws: Plugin) -> None:
    token = "aws:backup/selection:Selection"
    news = {"iamRoleArn": "arn:aws:iam::123456789012:role/a", "planId": "p", "resources": ["*"]}
    _, olds = aws.up(token, "it", news)
    changed = plain(aws.checked(token, "it", {**news, "iamRoleArn": "arn:aws:iam::123456789012:role/b"}))
    changed["name"] = olds["name"]
    diff = _diff(aws, token, olds, changed)
    assert list(diff.replaces) == ["iamRoleArn"]
    assert not diff.deleteBeforeReplace


def test_update_keeps_computed_outputs_and_refresh_and_delete_succeed(aws: Plugin) -> None:
    token = "aws:iam/role:Role"
    role_id, olds = aws.up(token, "it", {"assumeRolePolicy": TRUST})
    news = aws.checked(token, "it", {"assumeRolePolicy": TRUST, "description": "d", "name": olds["name"]})
    updated = aws.stub.Update(
        rpc.UpdateRequest(urn=urn(token, "it"), id=role_id, olds=struct(olds), news=news)
    )
    got = plain(updated.properties)
    assert {k: got[k] for k in ("arn", "uniqueId", "description")} == {
        "arn": olds["arn"],
        "uniqueId": olds["uniqueId"],
        "description": "d",
    }
    read = aws.stub.Read(rpc.ReadRequest(urn=urn(token, "it"), id=role_id, properties=updated.properties))
    assert (read.id, plain(read.properties)) == (role_id, got)
    aws.stub.Delete(rpc.DeleteRequest(urn=urn(token, "it"), id=role_id, properties=updated.properties))


def test_read_by_id_finds_only_the_console_default_role(aws: Plugin) -> None:
    token = "aws:iam/role:Role"
    found = plain(
        aws.stub.Read(rpc.ReadRequest(urn=urn(token, "default"), id="AWSBackupDefaultServiceRole")).properties
    )
    assert found["arn"] == f"arn:aws:iam::{ACCOUNT}:role/service-role/AWSBackupDefaultServiceRole"
    assert found["managedPolicyArns"] == [
        "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
        "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
    ]
    assert aws.stub.Read(rpc.ReadRequest(urn=urn(token, "other"), id="SomeOtherRole")).id == ""


# --- Invoke ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("plugin", "region", "partition", "account"), REGIONS, ids=[r[1] for r in REGIONS])
def test_get_partition_follows_the_configured_region(
    plugins: dict[str, Plugin], plugin: str, region: str, partition: str, account: str
) -> None:
    got = plain(getattr(plugins[plugin].invoke("aws:index/getPartition:getPartition"), "return"))
    dns_suffix = "amazonaws.com.cn" if partition == "aws-cn" else "amazonaws.com"
    assert got == {
        "dnsSuffix": dns_suffix,
        "id": partition,
        "partition": partition,
        "reverseDnsPrefix": "cn.com.amazonaws" if partition == "aws-cn" else "com.amazonaws",
    }


def test_unconfigured_provider_takes_account_and_region_from_the_environment(
    plugins: dict[str, Plugin],
) -> None:
    plugin = plugins["environment-only"]
    identity = plain(getattr(plugin.invoke("aws:index/getCallerIdentity:getCallerIdentity"), "return"))
    assert (identity["accountId"], identity["id"]) == (OTHER_ACCOUNT, OTHER_ACCOUNT)
    assert identity["arn"].startswith(f"arn:aws:iam::{OTHER_ACCOUNT}:user/")
    assert re.fullmatch(r"AIDA[A-Z0-9]{17}", identity["userId"])
    region = plain(getattr(plugin.invoke("aws:index/getRegion:getRegion"), "return"))
    assert region == {
        "description": "Europe (Frankfurt)",
        "endpoint": "ec2.eu-central-1.amazonaws.com",
        "id": "eu-central-1",
        "name": "eu-central-1",
        "region": "eu-central-1",
    }


def test_get_role_returns_the_console_default_role(aws: Plugin) -> None:
    got = plain(getattr(aws.invoke("aws:iam/getRole:getRole", name="AWSBackupDefaultServiceRole"), "return"))
    assert set(got) == {
        "arn",
        "assumeRolePolicy",
        "createDate",
        "description",
        "id",
        "maxSessionDuration",
        "name",
        "path",
        "permissionsBoundary",
        "roleLastUseds",
        "tags",
        "uniqueId",
    }
    assert got["arn"] == f"arn:aws:iam::{ACCOUNT}:role/service-role/AWSBackupDefaultServiceRole"
    assert (got["id"], got["name"], got["path"]) == (
        "AWSBackupDefaultServiceRole",
        "AWSBackupDefaultServiceRole",
        "/service-role/",
    )
    trust = json.loads(got["assumeRolePolicy"])
    assert trust["Statement"][0]["Principal"] == {"Service": "backup.amazonaws.com"}


def test_get_role_fails_for_an_unknown_role_like_the_real_provider(aws: Plugin) -> None:
    with pytest.raises(grpc.RpcError) as raised:
        aws.invoke("aws:iam/getRole:getRole", name="NoSuchRole")
    assert raised.value.code() == grpc.StatusCode.UNKNOWN
    assert raised.value.details() == (
        "invoking aws:iam/getRole:getRole: 1 error occurred:\n"
        "\t* reading IAM Role (NoSuchRole): couldn't find resource\n\n"
    )


def test_serves_children_of_components_whose_urn_carries_the_parent_type(aws: Plugin) -> None:
    # The engine addresses a component's child by a URN whose type part is the parent chain
    # (`backup-roles:index:BackupServiceRole$aws:iam/role:Role`); the provider serves the last segment.
    child_urn = (
        "urn:pulumi:dev::backup-guardrails::backup-roles:index:BackupServiceRole$aws:iam/role:Role::b-role"
    )
    response = aws.stub.Check(
        rpc.CheckRequest(urn=child_urn, news=struct({"assumeRolePolicy": "{}"}), randomSeed=b"\x00" * 32)
    )
    assert list(response.failures) == []
    assert plain(response.inputs)["name"].startswith("b-role-")


# --- every type and function of the SDK ---------------------------------------------------------------------

# Types with no hand-written refinement, derived from the SDK: (token, minimal inputs, ARN pattern after up).
DERIVED = [
    (
        "aws:dynamodb/table:Table",
        {"hashKey": "pk", "attributes": [{"name": "pk", "type": "S"}], "billingMode": "PAY_PER_REQUEST"},
        rf"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/it-[0-9a-f]{{7}}",
    ),
    ("aws:kms/alias:Alias", {"name": "alias/backups", "targetKeyId": "k"}, None),
    ("aws:sns/topic:Topic", {}, rf"arn:aws:sns:us-east-1:{ACCOUNT}:it-[0-9a-f]{{7}}"),
    ("aws:sqs/queue:Queue", {}, rf"arn:aws:sqs:us-east-1:{ACCOUNT}:it-[0-9a-f]{{7}}"),
    (
        "aws:ec2/vpc:Vpc",
        {"cidrBlock": "10.0.0.0/16"},
        rf"arn:aws:ec2:us-east-1:{ACCOUNT}:vpc/vpc-[0-9a-f]{{17}}",
    ),
    ("aws:s3/bucketNotification:BucketNotification", {"bucket": "b", "eventbridge": True}, None),
    (
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        {"bucket": "b", "rules": [{"applyServerSideEncryptionByDefault": {"sseAlgorithm": "aws:kms"}}]},
        None,
    ),
    ("aws:backup/vaultPolicy:VaultPolicy", {"backupVaultName": "v", "policy": "{}"}, None),
]


@pytest.mark.parametrize(("token", "news", "arn"), DERIVED, ids=[d[0].rsplit(":", 1)[1] for d in DERIVED])
def test_types_without_a_refinement_preview_unknown_and_up_realistic(
    aws: Plugin, token: str, news: dict[str, Any], arn: str | None
) -> None:
    inputs = aws.checked(token, "it", news)
    preview = plain(aws.create(token, "it", inputs, preview=True).properties)
    assert preview["id"] == UNKNOWN
    assert preview["region"] == "us-east-1"
    if arn is not None:
        assert preview["arn"] == UNKNOWN
    created = aws.create(token, "it", inputs, preview=False)
    outputs = plain(created.properties)
    assert outputs["id"] == created.id
    assert UNKNOWN not in json.dumps(outputs)
    assert {k: outputs[k] for k in news} == news
    if arn is not None:
        assert re.fullmatch(arn, outputs["arn"]), outputs["arn"]


def test_types_without_a_refinement_autoname_and_require_what_the_sdk_requires(aws: Plugin) -> None:
    table = plain(aws.checked("aws:dynamodb/table:Table", "orders", {}))
    assert re.fullmatch(r"orders-[0-9a-f]{7}", table["name"])
    missing = aws.check("aws:s3/bucketNotification:BucketNotification", "n", {})
    assert [f.reason for f in missing.failures] == [
        'Missing required argument. The argument "bucket" is required, but no definition was found.. '
        "Examine values at 'n.bucket'."
    ]


def test_get_schema_is_the_sdk_s_types_with_their_properties(aws: Plugin) -> None:
    import pulumi_aws
    from pulumi import _types

    schema = json.loads(aws.stub.GetSchema(rpc.GetSchemaRequest(version=0)).schema)
    assert (schema["name"], schema["version"]) == ("aws", "7.51.1")
    assert len(schema["resources"]) > 1700
    assert len(schema["functions"]) > 600
    selection = schema["resources"]["aws:backup/selection:Selection"]
    assert selection["requiredInputs"] == ["iamRoleArn", "planId"]
    assert selection["inputProperties"]["selectionTags"] == {
        "type": "array",
        "items": {"$ref": "#/types/aws:backup/SelectionSelectionTag:SelectionSelectionTag"},
    }
    tag = schema["types"]["aws:backup/SelectionSelectionTag:SelectionSelectionTag"]
    assert tag == {
        "type": "object",
        "properties": {k: {"type": "string"} for k in ("key", "type", "value")},
        "required": ["key", "type", "value"],
    }
    table = schema["resources"]["aws:dynamodb/table:Table"]
    sdk_inputs = _types.input_type_py_to_pulumi_names(pulumi_aws.dynamodb.TableArgs).values()
    assert set(table["inputProperties"]) == set(sdk_inputs)
    assert {"arn", "streamArn", "tagsAll"} <= set(table["properties"]) - set(table["inputProperties"])
    versioning = schema["resources"]["aws:s3/bucketVersioning:BucketVersioning"]
    assert versioning["requiredInputs"] == ["bucket", "versioningConfiguration"]
    get_role = schema["functions"]["aws:iam/getRole:getRole"]
    assert set(get_role["inputs"]["properties"]) == {"name", "tags"}
    assert {"arn", "assumeRolePolicy", "uniqueId"} <= set(get_role["outputs"]["properties"])


def test_functions_without_a_refinement_answer_for_the_fake_account(aws: Plugin) -> None:
    got = plain(getattr(aws.invoke("aws:dynamodb/getTable:getTable", name="orders"), "return"))
    assert (got["name"], got["id"]) == ("orders", "orders")
    assert got["arn"] == f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/orders"
    key = plain(getattr(aws.invoke("aws:kms/getKey:getKey", keyId="alias/aws/backup"), "return"))
    assert key["keyId"] == "alias/aws/backup"
    with pytest.raises(grpc.RpcError) as raised:
        aws.invoke("aws:dynamodb/getNoSuchThing:getNoSuchThing")
    assert "has no such function" in raised.value.details()
