"""The trust policy that lets AWS Backup assume the role.

Principal ``backup.amazonaws.com``, action ``sts:AssumeRole``. With an account id, a ``StringEquals
aws:SourceAccount`` condition limits AWS Backup to acting for that account: the usual confused-deputy
hardening for service principals. There is deliberately no ``aws:SourceArn`` option: whether AWS Backup
sends that key when it assumes its role is not documented, and a condition on a key that is absent
denies every backup job.
"""

import json
from typing import Any

from .constants import BACKUP_SERVICE_PRINCIPAL


def trust_policy_document(source_account_id: str | None = None) -> dict[str, Any]:
    """The trust policy as a dict, with the ``aws:SourceAccount`` condition when an account id is given."""
    statement: dict[str, Any] = {
        "Effect": "Allow",
        "Principal": {"Service": BACKUP_SERVICE_PRINCIPAL},
        "Action": "sts:AssumeRole",
    }
    if source_account_id is not None:
        statement["Condition"] = {"StringEquals": {"aws:SourceAccount": source_account_id}}
    return {"Version": "2012-10-17", "Statement": [statement]}


def trust_policy_json(source_account_id: str | None = None) -> str:
    """:func:`trust_policy_document` serialised as the compact JSON that ``aws.iam.Role`` takes.

    >>> trust_policy_json()
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"backup.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
    """
    return json.dumps(trust_policy_document(source_account_id), separators=(",", ":"))
