"""End-to-end through the real Pulumi CLI: the S3 readiness examples (issue 11), each previewed with the
pack, with its exact `Policies:` block in tests/e2e_expected/<example>.txt (``UPDATE_GOLDEN=1`` rewrites
them). Each bad example must block in a first preview and in a re-preview after a deployment without
the pack; each fixed one must pass both.
"""

from __future__ import annotations

import re

import pytest

from tests.test_e2e import check_expected, policies_block, session, verdicts
from tools.pulumi_session import PulumiSession

pytestmark = pytest.mark.e2e

VERSIONING = "aws-backup-selection-missing-s3-bucket-versioning"
ONE_PLAN = "aws-backup-selection-enforce-one-plan-one-vault-for-continuous-s3"
EVENTBRIDGE = "aws-backup-selection-disallow-s3-notification-without-eventbridge"
KMS = "aws-backup-selection-missing-s3-kms-key-access"
BAD = {
    "s3-unversioned-bucket": [(VERSIONING, "app-data-backup")],
    "s3-continuous-notification-without-eventbridge": [(EVENTBRIDGE, "app-data-backup")],
    "s3-kms-key-without-iam-delegation": [(KMS, "app-data-backup")],
    "s3-continuous-in-two-plans": [(ONE_PLAN, "platform-app-data"), (ONE_PLAN, "app-app-data")],
}
GOOD = [
    "s3-versioned-bucket",
    "s3-continuous-notification-with-eventbridge",
    "s3-kms-key-default-policy",
    "s3-continuous-in-one-plan",
]

__all__ = ["session"]


def _autonames_stable(block: str) -> str:
    """The provider autonames buckets and selections with a random 7-hex suffix; pin it for the golden."""
    return re.sub(r'(name|bucket) "([^"]*)-[0-9a-f]{7}"', r'\1 "\2-<random>"', block)


@pytest.mark.parametrize("example", [*BAD, *GOOD])
def test_readiness_example_first_preview_and_re_preview(session: PulumiSession, example: str) -> None:
    project = session.project(example, name=f"readiness-{example}")
    first = project.preview()
    assert "can't run policy" not in first.output
    assert first.returncode == (1 if example in BAD else 0), str(first)
    assert sorted(set(verdicts(first))) == sorted(BAD.get(example, []))
    check_expected(example, _autonames_stable(policies_block(first, session)))
    deployed = project.up(policy=False)  # deployed without the pack: the re-preview sees known outputs
    assert deployed.returncode == 0, str(deployed)
    again = project.preview()
    assert again.returncode == first.returncode, str(again)
    assert sorted(set(verdicts(again))) == sorted(BAD.get(example, []))
