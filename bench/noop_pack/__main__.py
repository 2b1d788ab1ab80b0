"""The floor of the stack benchmark: a pack whose one stack policy does nothing.

pulumi-policy still receives the AnalyzeStack request and wraps every resource (properties, provider,
parent, dependencies, property dependencies) before it calls the policy, exactly as for our pack; that
work is the floor our own evaluation is measured against.
"""

from pulumi_policy import EnforcementLevel, PolicyPack, StackValidationPolicy


def _nothing(args, report_violation):
    pass


PolicyPack(
    name="bench-noop",
    enforcement_level=EnforcementLevel.MANDATORY,
    policies=[StackValidationPolicy(name="bench-noop", description="Does nothing.", validate=_nothing)],
)
