"""Start a policy pack as the CLI does, and report what it imported by the time it answered.

``python tests/support/pack_start.py <pack dir>`` runs ``pulumi.policy`` (the module the CLI runs as
``python -u -m pulumi.policy <engine> <pack dir>``) on a thread of this process, reads the port the
pack prints, asks ``GetAnalyzerInfo`` over gRPC like the CLI's first call, and prints one JSON object:
the policy names it answered and every ``backup_guardrails`` module loaded at that moment. Run it with
``PYTHONDONTWRITEBYTECODE=1`` and the pack directory as working directory, as the CLI does.
"""

from __future__ import annotations

import io
import json
import os
import runpy
import sys
import threading

import grpc
from google.protobuf import empty_pb2
from pulumi.runtime.proto import analyzer_pb2_grpc


def main(pack_dir: str) -> None:
    answer = sys.stdout
    read_end, write_end = os.pipe()
    pack_stdout = io.TextIOWrapper(io.FileIO(write_end, "w"), write_through=True)
    sys.stdout = pack_stdout
    sys.argv = ["pulumi.policy", "127.0.0.1:1", pack_dir]

    def serve() -> None:
        try:
            runpy.run_module("pulumi.policy", run_name="__main__")
        finally:  # PolicyPack serves forever; a pack that fails ends the wait for its port
            pack_stdout.close()

    threading.Thread(target=serve, daemon=True).start()
    port = io.FileIO(read_end, "r").readline().decode().strip()
    if not port.isdigit():
        raise SystemExit(f"the pack printed {port!r} instead of its port")
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        info = analyzer_pb2_grpc.AnalyzerStub(channel).GetAnalyzerInfo(empty_pb2.Empty(), timeout=60)
    modules = sorted(name for name in sys.modules if name.split(".")[0] == "backup_guardrails")
    answer.write(json.dumps({"policies": [policy.name for policy in info.policies], "modules": modules}))
    answer.flush()
    os._exit(0)  # the server thread never returns


if __name__ == "__main__":
    main(sys.argv[1])
