"""The BackupServiceRole component: a thin layer that turns checked arguments into resources.

What to attach is decided in :mod:`backup_roles.policies`, what to accept in
:mod:`backup_roles.validation`, the trust policy in :mod:`backup_roles.trust`; this module only creates
the role (or looks up an existing one), one attachment per policy, and the outputs.
"""

from operator import itemgetter
from typing import Unpack

import pulumi
import pulumi_aws as aws

from .args import BackupServiceRoleArgs
from .constants import COMPONENT_TYPE
from .policies import policies_to_attach, required_policies
from .trust import trust_policy_json
from .validation import ArgumentError, validate_args


class BackupServiceRole(pulumi.ComponentResource):
    # The class and output docstrings become the schema's descriptions; see args.py for their style.
    __doc__ = (
        "An IAM role that AWS Backup can assume, with the AWS managed policies it needs to back up and "
        "restore the resource types it protects, S3 included: by default the general backup and restores "
        "policies plus both S3 policies, each attached by its own RolePolicyAttachment (never "
        "managedPolicyArns). In adopt mode (existingRoleName) it creates no role and attaches only the "
        "missing policies to an existing role, such as the AWS Backup console's AWSBackupDefaultServiceRole."
    )

    arn: pulumi.Output[str]
    (
        "The ARN of the role. It resolves only after every policy attachment exists, so a backup selection "
        "that uses it waits for IAM instead of failing with 'IAM Role cannot be assumed by AWS Backup', and "
        "its dependencies include the role and every attachment."
    )

    name: pulumi.Output[str]
    """The name of the role."""

    policy_arns: pulumi.Output[list[str]]
    (
        "The ARNs of the managed policies this component attached, in attachment order. In adopt mode, only "
        "the ones it added to the existing role."
    )

    def __init__(
        self,
        name: str,
        # Not `BackupServiceRoleArgs | None`: the schema analyzer reads this annotation and rejects unions.
        args: BackupServiceRoleArgs = None,  # type: ignore[assignment]
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Unpack[BackupServiceRoleArgs],
    ) -> None:
        # Like pulumi_aws resources: an args object or keyword arguments (the schema is read from `args`).
        if kwargs:
            if args is not None:
                keywords = ", ".join(sorted(kwargs))
                raise TypeError(
                    f"BackupServiceRole {name!r}: give the arguments either as a BackupServiceRoleArgs dict "
                    f"or as keyword arguments, not both (got args and the keywords {keywords})"
                )
            args = kwargs  # type: ignore[assignment]
        try:
            spec = validate_args(args)
        except (TypeError, ValueError) as error:
            raise ArgumentError.wrap(error, f"BackupServiceRole {name!r}: ") from None
        super().__init__(COMPONENT_TYPE, name, {}, opts)
        children = pulumi.ResourceOptions(parent=self)
        lookups = pulumi.InvokeOutputOptions(parent=self)  # inherits the component's AWS provider

        role_name: pulumi.Input[str]
        if spec.existing_role_name is None:
            source_account = spec.source_account_id
            role = aws.iam.Role(
                f"{name}-role",
                assume_role_policy=(
                    trust_policy_json(source_account)
                    if source_account is None or isinstance(source_account, str)
                    else pulumi.Output.from_input(source_account).apply(trust_policy_json)
                ),
                opts=children,
                **spec.role_args,
            )
            role_name, role_arn, role_name_output = role.name, role.arn, role.name
        else:
            # A lookup, not a guess from account and partition: it gives the role's real path
            # (/service-role/ for the console role) and fails the preview if the role does not exist.
            existing = aws.iam.get_role_output(name=spec.existing_role_name, opts=lookups)
            role_name, role_arn, role_name_output = spec.existing_role_name, existing.arn, existing.name

        policies = policies_to_attach(
            required_policies(spec.resource_types, spec.include_restores), spec.existing_role_name
        )
        attached: list[tuple[str, pulumi.Input[str]]]
        managed_arns: pulumi.Output[list[str]] | None = None
        if spec.partition is not None:
            attached = [(policy.key, policy.arn(spec.partition)) for policy in policies]
        else:
            # The ARNs in the provider's partition as one list (policyArns); each attachment takes its own.
            managed_arns = aws.get_partition_output(opts=lookups).apply(
                lambda found: [policy.arn(found.partition) for policy in policies]
            )
            attached = [(policy.key, managed_arns.apply(itemgetter(i))) for i, policy in enumerate(policies)]
        attached += [(f"extra-{key}", arn) for key, arn in spec.extra_policy_arns]
        attachments = []
        for key, arn in attached:  # a loop, not a comprehension: one frame less in every child's stack trace
            attachments.append(
                aws.iam.RolePolicyAttachment(f"{name}-{key}", role=role_name, policy_arn=arn, opts=children)
            )

        self.arn = pulumi.Output.all(role_arn, *(attachment.id for attachment in attachments)).apply(
            lambda values: values[0]
        )
        self.name = role_name_output
        self.policy_arns = (
            managed_arns
            if managed_arns is not None and not spec.extra_policy_arns
            else pulumi.Output.all(*(arn for _, arn in attached))
        )
        self.register_outputs({"arn": self.arn, "name": self.name, "policyArns": self.policy_arns})
