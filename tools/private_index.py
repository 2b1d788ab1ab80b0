"""A real private Python package index on localhost, as a platform team would run one.

:class:`PrivateIndex` starts ``pypiserver`` (from PyPI, pinned in requirements-dev.txt) on a free
127.0.0.1 port with upload authentication on (an htpasswd file written with passlib; downloads stay
anonymous, as on most company indexes) and without its fallback redirect to PyPI, so the index serves
only what was uploaded to it. Everything it makes lives in one temporary directory, removed with the
server when the ``with`` block ends. :func:`build_component` builds the component's sdist and wheel the
way a release job would (``python -m build``).
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import warnings
from pathlib import Path
from types import TracebackType

REPO = Path(__file__).resolve().parents[1]


class PrivateIndex:
    """``with PrivateIndex() as index:`` a running index at ``index.url`` (upload) / ``index.simple_url``."""

    def __init__(self, user: str = "platform-team", password: str | None = None) -> None:
        self.user = user
        self.password = password or secrets.token_urlsafe(16)
        self.directory = Path()
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def simple_url(self) -> str:
        return f"{self.url}simple/"

    @property
    def packages(self) -> Path:
        return self.directory / "packages"

    @property
    def log(self) -> Path:
        return self.directory / "server.log"

    def __enter__(self) -> PrivateIndex:
        with warnings.catch_warnings():  # passlib imports the stdlib crypt module, deprecated since 3.11
            warnings.simplefilter("ignore", DeprecationWarning)
            from passlib.apache import HtpasswdFile

        self.directory = Path(tempfile.mkdtemp(prefix="backup-guardrails-index-"))
        self.packages.mkdir()
        passwords = HtpasswdFile(str(self.directory / "htpasswd"), new=True)
        passwords.set_password(self.user, self.password)
        passwords.save()
        self.port = _free_port()
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "pypiserver",
                    "run",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(self.port),
                    "--authenticate",
                    "update",  # uploads and removals need a password; listing and downloads do not
                    "--passwords",
                    str(self.directory / "htpasswd"),
                    "--disable-fallback",
                    str(self.packages),
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            self._wait_until_serving()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.directory, ignore_errors=True)

    def upload(
        self, dists: list[Path], user: str | None, password: str | None
    ) -> subprocess.CompletedProcess[str]:
        """``twine upload`` of ``dists`` with these credentials (``None``: the index's own)."""
        env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "twine",
                "upload",
                "--non-interactive",
                "--disable-progress-bar",
                "--repository-url",
                self.url,
                "--username",
                self.user if user is None else user,
                "--password",
                self.password if password is None else password,
                *map(str, dists),
            ],
            capture_output=True,
            text=True,
            env=env,
            check=False,
            timeout=120,
        )

    def _wait_until_serving(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"pypiserver exited ({self.process.returncode}):\n{self.log.read_text()}")
            try:
                with urllib.request.urlopen(self.simple_url, timeout=5):
                    return
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        raise RuntimeError(f"pypiserver did not answer on {self.simple_url} within {timeout} s")


def build_component(outdir: Path) -> list[Path]:
    """The component's sdist and wheel, built from a copy (building in place leaves build/ behind).

    ``--no-isolation`` builds with this environment's pinned setuptools instead of fetching one.
    """
    with tempfile.TemporaryDirectory(prefix="backup-roles-src-") as scratch:
        source = Path(scratch) / "component"
        ignore = shutil.ignore_patterns("venv", "build", "dist", "*.egg-info", "__pycache__")
        shutil.copytree(REPO / "component", source, ignore=ignore)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "build",
                "--no-isolation",
                "--sdist",
                "--wheel",
                "--outdir",
                str(outdir),
                str(source),
            ],
            check=True,
            capture_output=True,
            text=True,
        )
    return sorted(outdir.iterdir())


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
