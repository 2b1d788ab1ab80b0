"""The floor of the CLI preview benchmark: a Python pack of the same shape as ours that does nothing.

One resource policy and one stack policy, both mandatory and both empty, started by the CLI from a
``venv`` exactly as ``policypack/`` is: the engine sends it every resource (``Analyze``) and the whole
stack (``AnalyzeStack``), and pulumi-policy receives and wraps them, before a policy could run. No Python
pack can be cheaper than this.
"""

from pulumi_policy import EnforcementLevel, PolicyPack, ResourceValidationPolicy, StackValidationPolicy


def _nothing(args, report_violation):
    pass


PolicyPack(
    name="bench-noop",
    enforcement_level=EnforcementLevel.MANDATORY,
    policies=[
        ResourceValidationPolicy(name="bench-noop-resource", description="Does nothing.", validate=_nothing),
        StackValidationPolicy(name="bench-noop-stack", description="Does nothing.", validate=_nothing),
    ],
)
