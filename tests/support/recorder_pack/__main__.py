"""A policy pack that records what the engine sends: every Analyze and AnalyzeStack request, as JSON lines in
the file named by ``RECORDER_OUT``. Its one policy never reports anything."""

import json
import os
from typing import Any

from google.protobuf import json_format
from pulumi_policy import EnforcementLevel, PolicyPack, StackValidationPolicy
from pulumi_policy import policy as sdk

_analyze = sdk._PolicyAnalyzerServicer.Analyze
_analyze_stack = sdk._PolicyAnalyzerServicer.AnalyzeStack


def _record(kind: str, request: Any) -> None:
    with open(os.environ["RECORDER_OUT"], "a", encoding="utf-8") as out:
        out.write(json.dumps({"kind": kind, "request": json_format.MessageToDict(request)}) + "\n")


def _recording_analyze(self: Any, request: Any, context: Any) -> Any:
    _record("analyze", request)
    return _analyze(self, request, context)


def _recording_analyze_stack(self: Any, request: Any, context: Any) -> Any:
    _record("stack", request)
    return _analyze_stack(self, request, context)


sdk._PolicyAnalyzerServicer.Analyze = _recording_analyze  # type: ignore[method-assign]
sdk._PolicyAnalyzerServicer.AnalyzeStack = _recording_analyze_stack  # type: ignore[method-assign]

PolicyPack(
    "request-recorder",
    policies=[
        StackValidationPolicy(
            name="record-only",
            description="Never reports; the pack exists to record the requests.",
            validate=lambda args, report_violation: None,
            enforcement_level=EnforcementLevel.ADVISORY,
        )
    ],
)
