"""Drive the real Pulumi CLI against the examples, isolated from the user's own Pulumi setup.

Used by ``make demo`` (scripts/demo.py) and the end-to-end tests. A :class:`PulumiSession` owns one
scratch directory holding its own PULUMI_HOME and a file backend; each example and the policy pack are
copied into it, with their ``venv`` pointing at the repository's pinned ``.venv`` (which the CLI would
otherwise create from requirements.txt). The CLI comes from ``scripts/ensure-pulumi.sh``; the ``aws``
provider is the real one when ``pulumi-resource-aws`` is installed, else the stand-in in tools/bin.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
VENV = REPO / ".venv"
STANDIN_BIN = REPO / "tools" / "bin"


class CliUnavailableError(RuntimeError):
    """Neither a Pulumi CLI nor Go to build one is available (the reason is the message)."""


def ensure_cli(*, show_progress: bool = False, path: str | None = None) -> Path:
    """The directory holding ``pulumi`` and its language hosts (built and cached when needed).

    ``show_progress`` lets the build's progress (minutes on a first run) through to the terminal instead of
    keeping it for the error message; ``path`` is the ``PATH`` to look for a user's own CLI on.
    """
    env = {**os.environ, "PATH": path} if path is not None else None
    result = subprocess.run(
        ["bash", str(REPO / "scripts" / "ensure-pulumi.sh")],
        stdout=subprocess.PIPE,
        stderr=None if show_progress else subprocess.PIPE,
        env=env,
        text=True,
        check=False,
    )
    reason = (result.stderr or "").strip() or "see the messages above"
    if result.returncode == 3:
        raise CliUnavailableError(reason)
    if result.returncode != 0:
        raise RuntimeError(f"scripts/ensure-pulumi.sh failed ({result.returncode}):\n{reason}")
    return Path(result.stdout.strip().splitlines()[-1])


def real_aws_provider_dir() -> Path | None:
    """Where the real ``pulumi-resource-aws`` is: on PATH, or in the user's Pulumi plugin cache (newest).

    The session runs with a scratch PULUMI_HOME, so the user's installed plugins are put on PATH instead.
    """
    found = shutil.which("pulumi-resource-aws")
    if found and Path(found).resolve().parent != STANDIN_BIN.resolve():
        return Path(found).parent
    home = Path(os.environ.get("PULUMI_HOME") or Path.home() / ".pulumi")
    plugins = sorted(
        home.glob("plugins/resource-aws-v*/pulumi-resource-aws"),
        key=lambda binary: tuple(int(part) for part in re.findall(r"\d+", binary.parent.name)),
    )
    return plugins[-1].parent if plugins else None


def cli_environment(
    first_on_path: Sequence[Path], *, backend_url: str, home: Path | None = None, path: str | None = None
) -> dict[str, str]:
    """The environment every ``pulumi`` command runs in here: the CLI's and the ``aws`` plugin's directories
    first on ``PATH`` (then ``path``, by default this process's), a file backend, an empty passphrase unless
    the caller has one, no update check, no plugin download (nothing can be downloaded here), and
    PULUMI_HOME only when ``home`` is given."""
    path = os.pathsep.join([*map(str, first_on_path), os.environ.get("PATH", "") if path is None else path])
    env = {
        **os.environ,
        "PATH": path,
        "PULUMI_BACKEND_URL": backend_url,
        "PULUMI_SKIP_UPDATE_CHECK": "true",
        "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
        "PULUMI_SUPPRESS_COPILOT_LINK": "true",
    }
    if "PULUMI_CONFIG_PASSPHRASE" not in os.environ and "PULUMI_CONFIG_PASSPHRASE_FILE" not in os.environ:
        env["PULUMI_CONFIG_PASSPHRASE"] = ""
    if home is not None:
        env["PULUMI_HOME"] = str(home)
    return env


@dataclass
class Result:
    """One CLI invocation."""

    args: list[str]
    returncode: int
    output: str

    def __str__(self) -> str:
        return f"$ pulumi {' '.join(self.args)}  (exit {self.returncode})\n{self.output}"


class PulumiSession:
    """A scratch Pulumi environment: CLI, file backend, empty passphrase, no update checks or downloads."""

    def __init__(self, scratch: Path, cli_bin: Path | None = None) -> None:
        self.scratch = scratch
        self.cli_bin = cli_bin or ensure_cli()
        (scratch / "home").mkdir(parents=True, exist_ok=True)
        (scratch / "state").mkdir(parents=True, exist_ok=True)
        self.aws_provider_dir = real_aws_provider_dir() or STANDIN_BIN
        # The examples' virtualenvs see the pinned .venv; its python is also on PATH for the language host.
        env = cli_environment(
            [self.cli_bin, self.aws_provider_dir, VENV / "bin"],
            backend_url=f"file://{scratch / 'state'}",
            home=scratch / "home",
        )
        self.env = {**env, "PULUMI_CONFIG_PASSPHRASE": "", "NO_COLOR": "1"}
        self.pack_dir = self._copy(REPO / "policypack", scratch / "policypack")
        self.component_dir = self._copy(REPO / "component", scratch / "component")

    def _copy(self, source: Path, target: Path) -> Path:
        if target.exists():
            shutil.rmtree(target)
        ignore = shutil.ignore_patterns(
            "venv", ".venv", "__pycache__", "Pulumi.*.yaml", "*.egg-info", "build"
        )
        shutil.copytree(source, target, ignore=ignore)
        overlay_venv(target / "venv")
        return target

    def project(self, source: str | Path, stack: str | None = None, name: str | None = None) -> Project:
        """Copy a program (``examples/<name>`` or a path) into the scratch dir and create its stack.

        The stack is named after the copy (``name``), so one program can be deployed several times in
        one session's backend."""
        source = Path(source)
        if not source.is_absolute():
            source = REPO / "examples" / source
        # Keep the examples' layout, so `../../component` in an example still finds the component.
        target = self.scratch / "examples" / (name or source.name)
        project = Project(self, self._copy(source, target), stack or target.name)
        project.run("stack", "init", project.stack, check=True)
        return project

    def run(self, *args: str, cwd: Path | None = None, check: bool = False, timeout: float = 600) -> Result:
        completed = subprocess.run(
            [str(self.cli_bin / "pulumi"), *args, "--non-interactive", "--color", "never"],
            cwd=cwd or self.scratch,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        result = Result(list(args), completed.returncode, completed.stdout + completed.stderr)
        if check and result.returncode != 0:
            raise RuntimeError(str(result))
        return result


@dataclass
class Project:
    session: PulumiSession
    directory: Path
    stack: str

    def run(self, *args: str, check: bool = False, timeout: float = 600) -> Result:
        return self.session.run(*args, cwd=self.directory, check=check, timeout=timeout)

    def _policy_args(self, config: dict[str, Any] | Path | None) -> list[str]:
        args = ["--policy-pack", str(self.session.pack_dir)]
        if isinstance(config, dict):
            path = self.directory / "policy-config.json"
            path.write_text(json.dumps(config))
            config = path
        if config is not None:
            args += ["--policy-pack-config", str(config)]
        return args

    def preview(self, *, policy: bool = True, config: dict[str, Any] | Path | None = None) -> Result:
        return self.run("preview", *(self._policy_args(config) if policy else []))

    def up(
        self, *, policy: bool = True, config: dict[str, Any] | Path | None = None, skip_preview: bool = False
    ) -> Result:
        extra = ["--skip-preview"] if skip_preview else []
        return self.run("up", "--yes", *extra, *(self._policy_args(config) if policy else []))

    def resources(self) -> list[dict[str, Any]]:
        """The stack's resources (from ``pulumi stack export``)."""
        exported = self.export()
        return exported.get("deployment", {}).get("resources") or []

    def export(self) -> dict[str, Any]:
        path = self.directory / "state.json"
        self.run("stack", "export", "--file", str(path), check=True)
        return json.loads(path.read_text())

    def analyze_state(self, state_file: Path, config: dict[str, Any] | Path | None = None) -> Result:
        return self.run("policy", "analyze", "--file", str(state_file), *self._policy_args(config))


def overlay_venv(path: Path) -> None:
    """A real virtualenv at ``path`` that sees the repository's pinned ``.venv`` (nothing is downloaded).

    The CLI would create ``venv`` from requirements.txt on first use; a symlink to ``.venv`` is refused by
    ``python -m venv`` (which ``pulumi package`` commands always run), and installing into ``.venv`` itself
    would change the pinned environment. A ``.pth`` line adds ``.venv``'s site-packages as a site dir, so
    its own .pth files (the editable component) work too.
    """
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(path)], check=True)
    pinned = next((VENV / "lib").glob("python3*/site-packages"))
    (site_packages,) = (path / "lib").glob("python3*/site-packages")
    (site_packages / "_backup_guardrails_pinned.pth").write_text(
        f"import site; site.addsitedir({str(pinned)!r})\n"
    )
