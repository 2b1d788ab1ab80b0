"""`make demo`: show the policy pack refusing a broken S3 backup, then passing the fixed one.

Runs the real Pulumi CLI (scripts/ensure-pulumi.sh) in a scratch backend under .cache/demo:
1. `pulumi preview --policy-pack policypack` of examples/s3-default-role: blocked, with the violation;
2. the same for examples/s3-with-component: passes;
3. `pulumi up` of examples/s3-with-component (only with the local aws stand-in, or when
   BACKUP_GUARDRAILS_DEMO_UP=1 with the real provider: that creates real AWS resources);
with the real provider and BACKUP_GUARDRAILS_DEMO_SKIP_CREDENTIALS=1 the stacks get the provider's
skip-credentials settings, for previews without AWS credentials;
and ends with a one-screen summary.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import textwrap
import time
from dataclasses import dataclass

from tools.pulumi_session import REPO, STANDIN_BIN, CliUnavailableError, PulumiSession, Result, ensure_cli

SCRATCH = REPO / ".cache" / "demo"

# The AWS provider's settings for a preview without credentials (and the account the examples use then).
SKIP_CREDENTIALS = {
    "aws:region": "us-east-1",
    "aws:skipCredentialsValidation": "true",
    "aws:skipRequestingAccountId": "true",
    "aws:skipMetadataApiCheck": "true",
    "aws:accessKey": "preview-only",
    "aws:secretKey": "preview-only",
    "accountId": "123456789012",
}


@dataclass
class Step:
    title: str
    command: str
    expected: str
    result: Result | None = None
    seconds: float = 0.0

    @property
    def outcome(self) -> str:
        if self.result is None:
            return "skipped"
        return "blocked" if self.result.returncode else "passed"


def _section(result: Result, heading: str) -> str:
    """The last ``heading:`` block of the output (`pulumi up` prints its preview's first), wrapped."""
    matches = re.findall(rf"^{heading}:\n.*?(?=^\S|\Z)", result.output, re.S | re.M)
    if not matches:
        return ""
    lines = []
    for line in matches[-1].rstrip().splitlines():
        indent = " " * (len(line) - len(line.lstrip()))
        lines += textwrap.wrap(line, 110, subsequent_indent=indent + "  ") or [""]
    return "\n".join(lines)


def _show(step: Step, session: PulumiSession) -> None:
    assert step.result is not None
    print(f"\n=== {step.title}\n$ {step.command}   (exit {step.result.returncode}, {step.seconds:.1f}s)")
    for heading in ("Policies", "Resources"):
        text = _section(step.result, heading).replace(str(session.pack_dir), "policypack")
        if text:
            print(text)


def _run(step: Step, session: PulumiSession, action: callable) -> None:  # type: ignore[valid-type]
    start = time.monotonic()
    step.result = action()
    step.seconds = time.monotonic() - start
    _show(step, session)


def main() -> int:
    shutil.rmtree(SCRATCH, ignore_errors=True)
    SCRATCH.mkdir(parents=True)
    try:
        # A first run builds the CLI (minutes): its progress shows instead of a silent terminal.
        session = PulumiSession(SCRATCH, cli_bin=ensure_cli(show_progress=True))
    except CliUnavailableError as reason:
        print(f"make demo needs the Pulumi CLI or Go to build it: {reason}", file=sys.stderr)
        return 2
    standin = session.aws_provider_dir == STANDIN_BIN
    provider = "local aws stand-in (tools/aws_standin)" if standin else "real pulumi-resource-aws"
    print(f"Pulumi CLI: {session.cli_bin / 'pulumi'}\naws provider: {provider}\nstate: {SCRATCH / 'state'}")

    bad = session.project("s3-default-role", name="s3-default-role")
    good = session.project("s3-with-component", name="s3-with-component")
    skip_credentials = not standin and os.environ.get("BACKUP_GUARDRAILS_DEMO_SKIP_CREDENTIALS") == "1"
    if skip_credentials:  # the real provider, previews only, no AWS credentials
        for project in (bad, good):
            for key, value in SKIP_CREDENTIALS.items():
                project.run("config", "set", key, value, check=True)
    steps = [
        Step(
            "The failure from the field: an S3 selection with the console default role",
            "pulumi preview --policy-pack policypack   # examples/s3-default-role",
            "blocked",
        ),
        Step(
            "The fix: the same setup with BackupServiceRole",
            "pulumi preview --policy-pack policypack   # examples/s3-with-component",
            "passed",
        ),
        Step(
            "Deploy it with the guardrails enforced",
            "pulumi up --yes --policy-pack policypack   # examples/s3-with-component",
            "passed",
        ),
    ]
    _run(steps[0], session, bad.preview)
    _run(steps[1], session, good.preview)
    if standin or (os.environ.get("BACKUP_GUARDRAILS_DEMO_UP") == "1" and not skip_credentials):
        _run(steps[2], session, good.up)
    else:
        print(
            "\n=== skipped `pulumi up`: it would create real AWS resources (set BACKUP_GUARDRAILS_DEMO_UP=1)"
        )

    print("\n" + "=" * 100 + "\nSummary\n")
    print(f"{'step':<72} {'expected':<9} {'outcome':<8} {'time':>6}")
    for step in steps:
        print(f"{step.command:<72} {step.expected:<9} {step.outcome:<8} {step.seconds:>5.1f}s")
    ok = all(step.outcome in (step.expected, "skipped") for step in steps)
    print(
        "\nThe pack blocked the console default role and passed BackupServiceRole."
        if ok
        else "\nUNEXPECTED OUTCOME: see the output above."
    )
    print(
        "Try it on your own program (see README, 'Try it on your own program'): in its directory, run\n"
        f"  {REPO / 'scripts' / 'pulumi'} preview --policy-pack {REPO / 'policypack'}"
    )
    return 0 if ok else 1
