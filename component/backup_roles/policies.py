"""Which AWS managed policies a backup service role needs: pure functions, no Pulumi.

AWS maintains two pairs of policies for AWS Backup service roles. The general pair
(``service-role/AWSBackupServiceRolePolicyForBackup`` and ``...ForRestores``) covers every supported
resource type except S3, and grants no ``s3:`` action at all. S3 has its own pair at the root path
(``AWSBackupServiceRolePolicyForS3Backup`` and ``...ForS3Restore``). So the answer depends only on two
questions: does the role protect S3, does it protect anything else; and, for each, does it restore too.
"""

from collections.abc import Iterable

from .constants import (
    BACKUP,
    CONSOLE_DEFAULT_ROLE_NAME,
    CONSOLE_DEFAULT_ROLE_POLICIES,
    RESTORES,
    S3,
    S3_BACKUP,
    S3_RESTORE,
    ManagedPolicy,
)
from .validation import check_partition, check_resource_type_names


def required_policies(resource_types: Iterable[str], restores: bool) -> tuple[ManagedPolicy, ...]:
    """The managed policies a role needs to back up (and, with ``restores``, restore) ``resource_types``.

    Returned in a fixed order: general backup, general restores, S3 backup, S3 restore, each only when
    needed. Raises ``ValueError`` for a name that is not an AWS Backup resource type.
    """
    types = check_resource_type_names(tuple(resource_types), argument="resource_types")
    needed: list[ManagedPolicy] = []
    if any(t != S3 for t in types):
        needed += [BACKUP, RESTORES] if restores else [BACKUP]
    if S3 in types:
        needed += [S3_BACKUP, S3_RESTORE] if restores else [S3_BACKUP]
    return tuple(needed)


def policy_arns(resource_types: Iterable[str], restores: bool, partition: str) -> tuple[str, ...]:
    """The ARNs of :func:`required_policies` in ``partition`` (``aws``, ``aws-cn`` or ``aws-us-gov``).

    >>> policy_arns(["S3"], restores=False, partition="aws-us-gov")
    ('arn:aws-us-gov:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup',)
    """
    check_partition(partition, argument="partition")
    return tuple(p.arn(partition) for p in required_policies(resource_types, restores))


def policies_to_attach(
    required: Iterable[ManagedPolicy], existing_role_name: str | None
) -> tuple[ManagedPolicy, ...]:
    """The subset of ``required`` that this component must attach itself.

    A role the component creates gets everything. An existing role (adopt mode) gets everything except
    what it is known to carry already: for the console's ``AWSBackupDefaultServiceRole`` that is the general
    pair, which the console attached and which must stay attached when this stack is destroyed. Any other
    existing role is assumed to carry nothing; narrow ``resource_types`` to skip what it already has.
    """
    already = (
        CONSOLE_DEFAULT_ROLE_POLICIES if existing_role_name == CONSOLE_DEFAULT_ROLE_NAME else frozenset()
    )
    return tuple(p for p in required if p not in already)
