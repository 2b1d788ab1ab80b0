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
    if _CURRENT.monitor is not monitor:
        # A new program (each pulumi.runtime.set_mocks in a test suite starts one): forget the last one's
        # lookups, and with them every reference into its resources.
        _CURRENT.monitor, _CURRENT.by_provider = monitor, {}
    provider = component.get_provider("aws:index/getPartition:getPartition")
    found = _CURRENT.by_provider.get(provider)
    if found is None:
        found = _CURRENT.by_provider[provider] = ProviderPartition(
            aws.get_partition_output(opts=lookups).partition
        )
    return found


@dataclass
class _Program:
    """The lookups of the program that runs now; one program has one monitor for its whole life."""

    monitor: object = None
    by_provider: dict[pulumi.ProviderResource | None, ProviderPartition] = field(default_factory=dict)


_CURRENT = _Program()
