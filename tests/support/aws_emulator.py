"""A real AWS API emulator (moto's server) on a free localhost port, and an endpoint that never answers.

``moto_server`` runs from the pinned ``.venv`` (``moto[server]``), with
``MOTO_IAM_LOAD_MANAGED_POLICIES=true`` so AWS managed policies such as
``AWSBackupServiceRolePolicyForS3Backup`` exist. Everything it writes goes into a temporary directory that
is removed with the server.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ACCOUNT = "123456789012"
"""The account moto serves."""

FAKE_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Emulator:
    """A running moto server."""

    endpoint: str
    process: subprocess.Popen[bytes]
    workdir: Path

    def client(self, service: str) -> Any:
        import boto3

        return boto3.client(
            service,
            endpoint_url=self.endpoint,
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )


@contextmanager
def moto_server(authorize_after: int | None = None) -> Iterator[Emulator]:
    """Start ``moto_server`` on a free port; stop it and remove its files afterwards.

    ``authorize_after``: moto's ``INITIAL_NO_AUTH_ACTION_COUNT``, the number of requests served before it
    starts enforcing IAM authorization (for real ``AccessDenied`` answers)."""
    binary = Path(sys.executable).parent / "moto_server"
    with tempfile.TemporaryDirectory(prefix="moto-") as workdir:
        port = free_port()
        env = {**os.environ, "MOTO_IAM_LOAD_MANAGED_POLICIES": "true", "HOME": workdir, "TMPDIR": workdir}
        if authorize_after is not None:
            env["INITIAL_NO_AUTH_ACTION_COUNT"] = str(authorize_after)
        log = Path(workdir) / "moto.log"
        with log.open("wb") as output:
            process = subprocess.Popen(
                [str(binary), "-H", "127.0.0.1", "-p", str(port)],
                cwd=workdir,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        emulator = Emulator(f"http://127.0.0.1:{port}", process, Path(workdir))
        try:
            _wait_until_ready(emulator, log)
            yield emulator
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def _wait_until_ready(emulator: Emulator, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if emulator.process.poll() is not None:
            raise RuntimeError(f"moto_server exited ({emulator.process.returncode}): {log.read_text()}")
        try:
            with urllib.request.urlopen(f"{emulator.endpoint}/moto-api/", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"moto_server did not answer within {timeout} s: {log.read_text()}")


@contextmanager
def silent_endpoint() -> Iterator[str]:
    """An HTTP endpoint that accepts connections and never replies (for time budgets)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except OSError:
                continue
            held.append(connection)  # never read, never answered

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(timeout=5)
        for connection in held:
            connection.close()
        server.close()
