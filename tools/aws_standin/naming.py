"""Names and identifiers shaped like the ones the bridge, the Terraform provider and AWS produce."""

from __future__ import annotations

import base64
import hashlib
import itertools
import secrets
import string
import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

HEX = "0123456789abcdef"
_ID_CHARS = string.ascii_uppercase + string.digits


class NameTooLongError(ValueError):
    """An autoname that cannot fit; the message is the one ``resource.NewUniqueName`` gives."""


@dataclass(frozen=True)
class AutoName:
    """How the bridge names a resource the program did not name (``tfbridge.AutoName`` and friends).

    The name is ``<resource name><separator><randlen random hex>``, transformed to lower case first when
    ``lower`` is set. A property that ConflictsWith a prefix property (``namePrefix``, ``bucketPrefix``) is
    not autonamed when the prefix is given: the Terraform provider then makes the name at create time.
    """

    prop: str
    maxlen: int = 255
    separator: str = "-"
    lower: bool = False
    prefix_prop: str | None = None
    randlen: int = 7

    def generate(self, resource_name: str, seed: bytes) -> str:
        """The autoname for a resource, a function of the engine's random seed when one is given
        (the engine sends the same seed for a resource in a preview and the update that follows it)."""
        base = resource_name.lower() if self.lower else resource_name
        prefix = base + self.separator
        if self.maxlen > 0 and len(prefix) + self.randlen > self.maxlen:
            raise NameTooLongError(
                f"name '{prefix}' plus {self.randlen} random chars is longer than maximum length "
                f"{self.maxlen}"
            )
        return prefix + random_hex(self.randlen, seed)


def random_hex(length: int, seed: bytes = b"") -> str:
    """``length`` hex digits, derived from ``seed`` when given (SHA-256 in counter mode), else random.
    Not byte-identical to the Go implementation (frand seeded with SHA-256(seed)), only as deterministic."""
    if not seed:
        return "".join(secrets.choice(HEX) for _ in range(length))
    stream = b"".join(hashlib.sha256(seed + i.to_bytes(4, "big")).digest() for i in range(length // 32 + 1))
    return "".join(HEX[b % 16] for b in stream[:length])


_counter = itertools.count(1)
_counter_lock = threading.Lock()


def prefixed_unique_id(prefix: str) -> str:
    """Terraform's ``id.PrefixedUniqueId``: the prefix, a UTC timestamp to 1/10000 s, then an 8-hex-digit
    process-wide counter (26 characters after the prefix), e.g. ``role-20250101120000123400000001``."""
    now = datetime.now(UTC)
    stamp = now.strftime("%Y%m%d%H%M%S") + f"{now.microsecond // 100:04d}"
    with _counter_lock:
        count = next(_counter)
    return f"{prefix}{stamp}{count:08x}"


def iam_unique_id(prefix: str) -> str:
    """An IAM unique id: a 4-letter type prefix (``AROA`` role, ``ANPA`` policy, ``AIDA`` user) and 17
    upper-case letters and digits."""
    return prefix + "".join(secrets.choice(_ID_CHARS) for _ in range(17))


def new_uuid() -> str:
    """A random lower-case UUID, the shape of backup plan and selection ids and KMS key ids."""
    return str(uuid.uuid4())


def backup_plan_version() -> str:
    """A backup plan version id: base64 of a UUID string (48 characters), as AWS Backup returns."""
    return base64.b64encode(str(uuid.uuid4()).encode()).decode()


def timestamp() -> str:
    """Now, in the RFC 3339 form the provider reports ``createDate`` in."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def snake_case(pulumi_name: str) -> str:
    """The Terraform attribute name of a Pulumi property name (``iamRoleArn`` -> ``iam_role_arn``)."""
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in pulumi_name)
