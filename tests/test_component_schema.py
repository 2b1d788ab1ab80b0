"""The Pulumi package schema that TypeScript, Go, YAML... users get from `pulumi package add ./component`.

It is inferred from BackupServiceRoleArgs and the annotated outputs. The first test reads it in-process
(ComponentProvider, what component_provider_host serves); the last one starts the real entry point,
`python component/`, the way the Pulumi language host does, and asks it over gRPC like the CLI does.
"""

import json
import select
import subprocess
import sys
from pathlib import Path
from typing import Any

import backup_roles
import grpc
import pytest
from backup_roles import BackupServiceRole
from pulumi.provider.experimental.component import ComponentProvider
from pulumi.runtime.proto import provider_pb2, provider_pb2_grpc

COMPONENT_DIR = Path(__file__).resolve().parents[1] / "component"
TOKEN = "backup-roles:index:BackupServiceRole"
STRING = {"type": "string"}

# (schema name, schema type without the description, plain, start of the description)
INPUTS: list[tuple[str, dict[str, Any], bool, str]] = [
    (
        "includeS3",
        {"type": "boolean"},
        True,
        "Whether the role can back up (and, with includeRestores, restore)",
    ),
    (
        "resourceTypes",
        {"type": "array", "items": {"type": "string", "plain": True}},
        True,
        "The AWS Backup resource types",
    ),
    ("includeRestores", {"type": "boolean"}, True, "Whether the role can also restore what it backs up"),
    ("extraPolicyArns", {"type": "array", "items": STRING}, True, "More managed policy ARNs to attach"),
    ("partition", STRING, True, "The AWS partition of the policy ARNs: aws, aws-cn or aws-us-gov."),
    ("roleName", STRING, False, "The name of the IAM role"),
    ("roleNamePrefix", STRING, False, "A prefix (1 to 38 characters) for a unique generated role name."),
    ("path", STRING, False, "The IAM path of the role"),
    ("description", STRING, False, "The description of the role"),
    ("tags", {"type": "object", "additionalProperties": STRING}, False, "Tags for the role."),
    (
        "permissionsBoundary",
        STRING,
        False,
        "The ARN of a managed policy to set as the role's permissions boundary.",
    ),
    (
        "maxSessionDuration",
        {"type": "integer"},
        False,
        "The maximum session duration of the role, in seconds",
    ),
    ("sourceAccountId", STRING, False, "A 12-digit AWS account id."),
    ("existingRoleName", STRING, True, "Adopt mode: the name of an existing role"),
]

# (schema name, schema type without the description, start of the description); all are required
OUTPUTS: list[tuple[str, dict[str, Any], str]] = [
    ("arn", STRING, "The ARN of the role. It resolves only after every policy attachment exists"),
    ("name", STRING, "The name of the role."),
    (
        "policyArns",
        {"type": "array", "items": STRING},
        "The ARNs of the managed policies this component attached",
    ),
]


def without_descriptions(prop: dict[str, Any]) -> dict[str, Any]:
    return {
        k: without_descriptions(v) if isinstance(v, dict) else v
        for k, v in prop.items()
        if k != "description"
    }


def assert_readable(description: str) -> None:
    """What every generated SDK copies into its doc comments: one paragraph, no source indentation."""
    assert "\n" not in description
    assert "  " not in description
    assert description == description.strip()


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    provider = ComponentProvider([BackupServiceRole], name="backup-roles", version=backup_roles.__version__)
    return json.loads(provider.schema)


def test_package_name_and_version(schema):
    assert (schema["name"], schema["version"], schema["displayName"]) == (
        "backup-roles",
        backup_roles.__version__,  # tests/test_release_check.py ties it to the tag and the changelog
        "backup-roles",
    )
    assert list(schema["resources"]) == [TOKEN]
    assert schema["types"] == {}
    assert schema["dependencies"] == []


def test_component_resource(schema):
    resource = schema["resources"][TOKEN]
    assert resource["isComponent"] is True
    assert resource["description"].startswith("An IAM role that AWS Backup can assume")
    assert_readable(resource["description"])


def test_every_input(schema):
    resource = schema["resources"][TOKEN]
    assert list(resource["inputProperties"]) == [name for name, *_ in INPUTS]
    assert resource["requiredInputs"] == []  # every argument is optional
    for name, shape, plain, description in INPUTS:
        prop = resource["inputProperties"][name]
        assert without_descriptions(prop) == shape | ({"plain": True} if plain else {}), name
        assert prop["description"].startswith(description), name
        assert_readable(prop["description"])


def test_every_output(schema):
    resource = schema["resources"][TOKEN]
    assert list(resource["properties"]) == [name for name, *_ in OUTPUTS]
    assert resource["required"] == sorted(name for name, *_ in OUTPUTS)
    for name, shape, description in OUTPUTS:
        prop = resource["properties"][name]
        assert without_descriptions(prop) == shape, name
        assert prop["description"].startswith(description), name
        assert_readable(prop["description"])


def test_the_entry_point_serves_the_same_schema(schema):
    """`python component/ <engine>` is what `pulumi package add/get-schema/publish` run.

    (See PulumiPlugin.yaml; the engine address is unused for GetSchema.)
    """
    plugin = subprocess.Popen(
        [sys.executable, str(COMPONENT_DIR), "127.0.0.1:1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=COMPONENT_DIR,
    )
    try:
        ready, _, _ = select.select([plugin.stdout], [], [], 60)  # it prints its port, then serves
        assert ready, "the plugin printed no port within 60 s"
        port = plugin.stdout.readline().strip()  # type: ignore[union-attr]
        assert port.isdigit(), plugin.stderr.read()  # type: ignore[union-attr]
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            served = provider_pb2_grpc.ResourceProviderStub(channel).GetSchema(
                provider_pb2.GetSchemaRequest(version=0), timeout=30
            )
    finally:
        plugin.terminate()
        plugin.wait(timeout=30)
    assert json.loads(served.schema) == schema
