"""Run the policy pack exactly as the Pulumi CLI does, and talk to it over gRPC.

The CLI starts a Python pack as ``python -u -m pulumi.policy <engine-address> <pack-dir>`` with the
pack directory as working directory, reads the port from the first line of stdout, then calls
GetAnalyzerInfo, Configure (schema defaults overlaid with ``--policy-pack-config``), and Analyze /
AnalyzeStack. This module does the same, with the repository's pinned environment.
"""

from __future__ import annotations

import copy
import os
import subprocess
import sys
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import grpc
from google.protobuf import empty_pb2, json_format, struct_pb2
from pulumi.runtime.proto import analyzer_pb2, analyzer_pb2_grpc

REPO = Path(__file__).resolve().parents[2]
PACK_DIR = REPO / "policypack"


class PackProcess:
    """A running policy pack. Use as a context manager."""

    def __init__(self, pack_dir: Path = PACK_DIR, python: str = sys.executable) -> None:
        self.pack_dir = pack_dir
        self.python = python
        self.process: subprocess.Popen[bytes] | None = None
        self.channel: grpc.Channel | None = None
        self.stub: analyzer_pb2_grpc.AnalyzerStub | None = None
        self.stderr: list[bytes] = []
        self.info: analyzer_pb2.AnalyzerInfo | None = None

    def __enter__(self) -> PackProcess:
        self.process = subprocess.Popen(
            [self.python, "-u", "-m", "pulumi.policy", "127.0.0.1:1", str(self.pack_dir)],
            cwd=self.pack_dir,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        )
        assert self.process.stdout is not None and self.process.stderr is not None
        threading.Thread(target=self._drain, args=(self.process.stderr,), daemon=True).start()
        line = self.process.stdout.readline().decode().strip()
        if not line.isdigit():
            self.close()
            raise RuntimeError(
                f"policy pack printed {line!r} instead of its port; stderr: {self.error_output}"
            )
        self.channel = grpc.insecure_channel(
            f"127.0.0.1:{line}",
            options=[
                ("grpc.max_receive_message_length", 400 * 1024 * 1024),
                ("grpc.max_send_message_length", 400 * 1024 * 1024),
            ],
        )
        self.stub = analyzer_pb2_grpc.AnalyzerStub(self.channel)
        self.info = self.stub.GetAnalyzerInfo(empty_pb2.Empty(), timeout=30)
        self.configure({})
        return self

    def _drain(self, stream: Any) -> None:
        for chunk in iter(lambda: stream.read(4096), b""):
            self.stderr.append(chunk)

    @property
    def error_output(self) -> str:
        return b"".join(self.stderr).decode(errors="replace")

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.channel is not None:
            self.channel.close()
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)

    # --- configuration, as the CLI does it ---------------------------------------------------------

    def schema_defaults(self) -> dict[str, dict[str, Any]]:
        """Each policy's config schema defaults, as the CLI applies them."""
        assert self.info is not None
        defaults: dict[str, dict[str, Any]] = {}
        for policy in self.info.policies:
            schema = json_format.MessageToDict(policy.configSchema.properties)
            defaults[policy.name] = {
                key: copy.deepcopy(spec["default"]) for key, spec in schema.items() if "default" in spec
            }
        return defaults

    def configure(
        self, config: Mapping[str, Mapping[str, Any]], enforcement: Mapping[str, int] | None = None
    ) -> None:
        """Send schema defaults overlaid with ``config`` (policy name -> properties); ``enforcement``
        overrides policies' enforcement levels (``analyzer_pb2.ADVISORY`` ...), as a pack config can."""
        assert self.info is not None and self.stub is not None
        request = analyzer_pb2.ConfigureAnalyzerRequest()
        defaults = self.schema_defaults()
        for policy in self.info.policies:
            properties = {**defaults.get(policy.name, {}), **config.get(policy.name, {})}
            entry = request.policyConfig[policy.name]
            entry.enforcementLevel = (enforcement or {}).get(policy.name, policy.enforcementLevel)
            entry.properties.update(properties)
        self.stub.Configure(request, timeout=30)

    # --- analysis -----------------------------------------------------------------------------------

    def analyze(self, resource: analyzer_pb2.AnalyzerResource) -> list[analyzer_pb2.AnalyzeDiagnostic]:
        """Analyze one resource (inputs), as the engine does at registration."""
        assert self.stub is not None
        request = analyzer_pb2.AnalyzeRequest(
            type=resource.type,
            properties=resource.properties,
            urn=resource.urn,
            name=resource.name,
            options=resource.options,
        )
        if resource.HasField("provider"):
            request.provider.CopyFrom(resource.provider)
        return list(self.stub.Analyze(request, timeout=60).diagnostics)

    def analyze_stack(
        self, resources: list[analyzer_pb2.AnalyzerResource], timeout: float = 120
    ) -> list[analyzer_pb2.AnalyzeDiagnostic]:
        assert self.stub is not None
        response = self.stub.AnalyzeStack(
            analyzer_pb2.AnalyzeStackRequest(resources=resources), timeout=timeout
        )
        return list(response.diagnostics)

    def run(
        self,
        resources: list[analyzer_pb2.AnalyzerResource],
        analyzed: list[analyzer_pb2.AnalyzerResource] | None = None,
    ) -> list[analyzer_pb2.AnalyzeDiagnostic]:
        """What one preview does: Analyze each resource in registration order, then AnalyzeStack.

        ``analyzed``: what Analyze gets (the engine sends INPUTS there and OUTPUTS to AnalyzeStack), when
        it differs from ``resources``; resources missing from it are not analyzed at all.
        """
        diagnostics: list[analyzer_pb2.AnalyzeDiagnostic] = []
        for resource in resources if analyzed is None else analyzed:
            diagnostics += self.analyze(resource)
        return diagnostics + self.analyze_stack(resources)


def to_struct(properties: Mapping[str, Any]) -> struct_pb2.Struct:
    struct = struct_pb2.Struct()
    struct.update(properties)
    return struct


__all__ = ["PACK_DIR", "REPO", "PackProcess", "to_struct"]
