"""Random stacks through the real pack over gRPC, judged against an independent oracle.

The oracle (``tests/support/oracle.py``) is a second, simple reading of README.md's "How the pack
decides"; it never imports the pack. For every selection of every generated stack, both policies'
verdicts (blocked or not) must agree with it, and so must the key facts of each message: which S3
policies are named as missing (and in which partition), which ``service-role/`` typos are named, and
whether the console default role gets its own message.

Profiles (``HYPOTHESIS_PROFILE``): ``ci`` (default) is derandomized with 2,000 examples; ``long``
(``make fuzz``) runs 20,000 random ones. A failure prints the shrunk stack in golden-case format.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, note, settings
from pulumi.runtime.proto import analyzer_pb2

from tests.support import oracle
from tests.support.analyzer import PackProcess
from tests.support.generate import RESOURCE_POLICY, STACK_POLICY, Case, stacks
from tests.support.stacks import build_analyzed, build_resources, urns_of

_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
settings.register_profile(
    "ci", derandomize=True, max_examples=2000, deadline=None, database=None, suppress_health_check=_HEALTH
)
settings.register_profile("long", max_examples=20000, deadline=None, suppress_health_check=_HEALTH)
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

_MISSING = re.compile(
    r"arn:([a-z0-9-]+):iam::aws:policy/(AWSBackupServiceRolePolicyForS3(?:Backup|Restore))\b"
)
_MISPLACED = re.compile(
    r"arn:[a-z0-9-]+:iam::aws:policy/[^ ]+/AWSBackupServiceRolePolicyForS3(?:Backup|Restore)\b"
)
_STACKS = itertools.count()
STATS = {"examples": 0, "selections": 0, "blocked": 0, "seconds": 0.0, "slowest": 0.0}


@pytest.fixture(scope="module")
def pack(request: pytest.FixtureRequest) -> Iterator[PackProcess]:
    with PackProcess() as running:
        yield running
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None and capture is not None and STATS["examples"]:
        with capture.global_and_fixture_disabled():
            reporter.write_line(
                f"property oracle ({os.environ.get('HYPOTHESIS_PROFILE', 'ci')} profile): "
                f"{STATS['examples']} stacks, {STATS['selections']} selections "
                f"({STATS['blocked']} blocked verdicts), {STATS['seconds']:.1f}s in the pack; "
                f"slowest preview {STATS['slowest'] * 1000:.1f} ms"
            )


def _describe(case: Case) -> str:
    return json.dumps(case.as_golden("<describe the counterexample>"), indent=2)


def _actual(
    diagnostics: list[analyzer_pb2.AnalyzeDiagnostic], ids: dict[str, str]
) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {STACK_POLICY: {}, RESOURCE_POLICY: {}}
    for diagnostic in diagnostics:
        message = diagnostic.message
        assert "can't run policy" not in message, message
        assert "could not evaluate" not in message, f"internal error: {message}"
        assert diagnostic.urn in ids, f"violation on {diagnostic.urn or 'the stack'}: {message}"
        key = ids[diagnostic.urn]
        assert key not in found[diagnostic.policyName], f"two violations for {key}"
        found[diagnostic.policyName][key] = message
    return found


def _compare(policy: str, key: str, expected: oracle.Verdict, message: str | None) -> None:
    where = f"{policy} on {key} ({expected.why})"
    assert (message is not None) == expected.blocked, (
        f"{where}: oracle says {'blocked' if expected.blocked else 'pass'}; pack says {message!r}"
    )
    if message is None:
        return
    named = {(m.group(1), m.group(2)) for m in _MISSING.finditer(message)}
    assert {name for _, name in named} == set(expected.missing), f"{where}: missing policies in {message!r}"
    assert {p for p, _ in named} <= set(expected.partitions), (
        f"{where}: partition, expected one of {sorted(expected.partitions)}: {message!r}"
    )
    assert set(_MISPLACED.findall(message)) == set(expected.misplaced), f"{where}: typos named in {message!r}"
    assert ("console default role" in message) == expected.default_role, f"{where}: {message!r}"


def check_case(pack: PackProcess, case: Case) -> None:
    """Run ``case`` as one preview and compare every selection's verdicts with the oracle's."""
    stack = f"prop{next(_STACKS)}"
    note(_describe(case))
    resources = build_resources(case.resources, stack)
    ids = {urn: key for key, urn in urns_of(case.resources, stack).items()}
    pack.configure(case.config)
    started = time.perf_counter()
    diagnostics = pack.run(resources, build_analyzed(case.resources, stack))
    elapsed = time.perf_counter() - started
    STATS["seconds"] += elapsed
    STATS["slowest"] = max(STATS["slowest"], elapsed)
    actual = _actual(diagnostics, ids)
    expected = {
        STACK_POLICY: oracle.stack_verdicts(
            case.resources, stack, case.config.get(STACK_POLICY), case.config.get(RESOURCE_POLICY)
        ),
        RESOURCE_POLICY: oracle.resource_verdicts(case.resources, stack, case.config.get(RESOURCE_POLICY)),
    }
    for policy, verdicts in expected.items():
        extra = set(actual[policy]) - set(verdicts)
        assert not extra, f"{policy}: violations on non-selections {extra}"
        for key, verdict in verdicts.items():
            _compare(policy, key, verdict, actual[policy].get(key))
    STATS["examples"] += 1
    STATS["selections"] += len(expected[STACK_POLICY])
    STATS["blocked"] += sum(v.blocked for vs in expected.values() for v in vs.values())


@PROFILE
@given(case=stacks())
def test_pack_agrees_with_the_oracle(pack: PackProcess, case: Case) -> None:
    check_case(pack, case)


def test_oracle_stands_alone() -> None:
    """The oracle is an independent reading: it must not import the pack."""
    source = Path(oracle.__file__ or "").read_text()
    assert "backup_guardrails" not in re.sub(r'""".*?"""', "", source, flags=re.DOTALL)


# --- what the AWS documentation says, pinned ---------------------------------------------------------
# These two once differed between the README's rules and AWS (the rules let both pass); the rules now
# follow AWS. Each states its source and expects a block: by the companion, which runs first and speaks
# for both (README: one cause, one violation).

_DEFAULT_ROLE = "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole"
_AWS_DISAGREES = [
    (
        "explicit-bucket-arn-with-s3-opted-out",
        "AWS Backup devguide, 'Assign resources with AWS CLI': a resource type assigned explicitly is "
        "backed up regardless of the opt-in setting (FACTS.md: opt-in matters for tag-only or '*' "
        "selections)",
        [
            {
                "type": "aws:backup/regionSettings:RegionSettings",
                "name": "region",
                "properties": {"resourceTypeOptInPreference": {"S3": False}},
            },
            {
                "type": "aws:backup/selection:Selection",
                "name": "sel",
                "properties": {"iamRoleArn": _DEFAULT_ROLE, "resources": ["arn:aws:s3:::app-data"]},
            },
        ],
    ),
    (
        "selection-without-resources-tags-or-conditions",
        "AWS Backup API reference, BackupSelection: without conditions, tags or resources to include or "
        "exclude, Backup selects all supported and opted-in storage resources",
        [
            {
                "type": "aws:backup/selection:Selection",
                "name": "sel",
                "properties": {"iamRoleArn": _DEFAULT_ROLE, "notResources": ["arn:aws:ec2:*:*:volume/*"]},
            }
        ],
    ),
]


@pytest.mark.parametrize(
    ("case", "source", "resources"), _AWS_DISAGREES, ids=[case for case, _, _ in _AWS_DISAGREES]
)
def test_what_aws_documents_as_an_s3_backup_is_blocked(
    pack: PackProcess, case: str, source: str, resources: list[dict[str, Any]]
) -> None:
    stack = f"aws-disagrees-{case}"
    pack.configure({})
    diagnostics = pack.run(build_resources(resources, stack))
    blocked = {d.policyName for d in diagnostics if d.urn == urns_of(resources, stack)["sel"]}
    assert blocked == {RESOURCE_POLICY}, source
