"""The partition of the AWS provider a component uses, looked up once per provider and program.

Every ``BackupServiceRole`` under one provider lives in the same partition. One ``aws.getPartition`` per
instance, and one ``apply`` per policy ARN per instance, were a third of a 200-role program's time under
preview mocks (bench/README.md); here each provider gets one lookup, and each managed policy one ARN output,
that all its instances share.
"""

from dataclasses import dataclass, field

import pulumi
import pulumi_aws as aws

from .constants import ManagedPolicy


@dataclass
class ProviderPartition:
    """One provider's partition, and the managed policies' ARNs in it, as outputs."""

    partition: pulumi.Output[str]
    _arns: dict[ManagedPolicy, pulumi.Output[str]] = field(default_factory=dict)

    def arn(self, policy: ManagedPolicy) -> pulumi.Output[str]:
        """The ARN of ``policy`` in this partition."""
        arn = self._arns.get(policy)
        if arn is None:
            arn = self._arns[policy] = self.partition.apply(policy.arn)
        return arn


def provider_partition(component: pulumi.Resource, lookups: pulumi.InvokeOutputOptions) -> ProviderPartition:
    """The partition of the AWS provider ``component`` uses, looked up with ``lookups`` the first time."""
    monitor = pulumi.runtime.settings.get_monitor()
    provider = component.get_provider("aws:index/getPartition:getPartition")
    key = (id(monitor), id(provider))
    cached = _CACHE.get(key)
    if cached is None or cached[0] is not monitor or cached[1] is not provider:
        cached = (monitor, provider, ProviderPartition(aws.get_partition_output(opts=lookups).partition))
        _CACHE[key] = cached
    return cached[2]


# (monitor, provider) ids -> (monitor, provider, partition). Holding the monitor (one per program run) and
# the provider keeps their ids from being reused by a later run's objects.
_CACHE: dict[tuple[int, int], tuple[object, object, ProviderPartition]] = {}
