"""Contract: what the component attaches by default is exactly what the policy pack requires.

The component and the policy pack are published separately and each names its ARNs and type tokens once
(component/backup_roles/constants.py, policypack/backup_guardrails/constants.py). This test proves the two
copies agree, in every partition, and that a default BackupServiceRole passes the pack's own evidence check.
"""

import pytest
from backup_guardrails import constants as pack
from backup_guardrails.arns import S3Policy
from backup_guardrails.role_policies import evidence_from_arns
from backup_roles import PARTITIONS, policy_arns
from backup_roles.constants import BACKUP, RESTORES, S3_BACKUP, S3_RESTORE
from backup_roles.validation import validate_args


def test_both_packages_know_the_same_partitions() -> None:
    assert tuple(PARTITIONS) == pack.PARTITIONS


@pytest.mark.parametrize("partition", pack.PARTITIONS)
def test_default_role_carries_exactly_what_the_pack_requires(partition: str) -> None:
    defaults = validate_args(None)  # what BackupServiceRole(name) decides from no arguments
    attached = policy_arns(defaults.resource_types, defaults.include_restores, partition=partition)
    assert list(attached) == [
        pack.general_policy_arn(partition, pack.GENERAL_BACKUP_POLICY),
        pack.general_policy_arn(partition, pack.GENERAL_RESTORE_POLICY),
        pack.managed_policy_arn(partition, pack.S3_BACKUP_POLICY),
        pack.managed_policy_arn(partition, pack.S3_RESTORE_POLICY),
    ]
    assert evidence_from_arns(attached).granted == frozenset(S3Policy)


def test_policy_names_agree() -> None:
    assert S3_BACKUP.path_and_name == pack.S3_BACKUP_POLICY
    assert S3_RESTORE.path_and_name == pack.S3_RESTORE_POLICY
    assert BACKUP.path_and_name == f"service-role/{pack.GENERAL_BACKUP_POLICY}"
    assert RESTORES.path_and_name == f"service-role/{pack.GENERAL_RESTORE_POLICY}"
