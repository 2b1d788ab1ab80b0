"""The baseline of the cold-start benchmark: a pulumi-policy pack with one trivial policy.

What every Python pack pays to start: the interpreter, pulumi, pulumi_policy, grpc, the analyzer server.
"""

from pulumi_policy import EnforcementLevel, PolicyPack, ResourceValidationPolicy


def _nothing(args, report_violation):
    pass


PolicyPack(
    name="bench-empty",
    enforcement_level=EnforcementLevel.ADVISORY,
    policies=[ResourceValidationPolicy(name="bench-empty", description="Does nothing.", validate=_nothing)],
)
