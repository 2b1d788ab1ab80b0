"""Where a release's version is written, read without importing the tree (it may be any checkout).

The one source of truth is ``component/backup_roles/_version.py``. Everything else either reads it at build
time (pyproject.toml's dynamic version, the component's ``__main__.py`` and therefore its schema) or is a
copy that a file format forces on us and the release check compares: ``policypack/PulumiPolicy.yaml``
(the CLI reads it as YAML), the ``CHANGELOG.md`` heading, the tag, and the ref in ``examples/ci``.
"""

from __future__ import annotations

import ast
import json
import re
import select
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

SEMVER = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?")
# Keep a Changelog 1.1.0: "## [1.2.3] - 2026-12-02" for a release, "## [Unreleased]" above them.
CHANGELOG_RELEASE = re.compile(r"^## \[(?P<version>[^\]]+)\] - (?P<date>\d{4}-\d{2}-\d{2})\s*$", re.M)
CHANGELOG_UNRELEASED = re.compile(r"^## \[Unreleased\]\s*$", re.M)


class SourceError(Exception):
    """A version source is missing or unreadable (the message names the file and what was expected)."""


@dataclass(frozen=True)
class ChangelogRelease:
    version: str
    date: str
    body: str  # the text under the heading, up to the next release heading


def package_version(root: Path) -> str:
    """``__version__`` of component/backup_roles/_version.py, as a literal string."""
    path = root / "component" / "backup_roles" / "_version.py"
    module = _parse_python(path)
    for node in module.body:
        if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == ["__version__"]:
            if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                return node.value.value
            raise SourceError(f"{path}: __version__ must be a string literal")
    raise SourceError(f"{path}: no __version__ = '...' assignment")


def pyproject_version_attr(root: Path) -> str | None:
    """Where pyproject.toml's dynamic version comes from (``None`` when it is not dynamic)."""
    path = root / "component" / "pyproject.toml"
    try:
        project = tomllib.loads(path.read_text())
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise SourceError(f"{path}: {error}") from error
    if "version" not in project.get("project", {}).get("dynamic", []):
        return None
    dynamic = project.get("tool", {}).get("setuptools", {}).get("dynamic", {}).get("version", {})
    return dynamic.get("attr") if isinstance(dynamic, dict) else None


def pack_version(root: Path) -> str:
    """``version`` of policypack/PulumiPolicy.yaml, as the CLI reads it."""
    data = _load_yaml(root / "policypack" / "PulumiPolicy.yaml")
    version = data.get("version") if isinstance(data, dict) else None
    if not isinstance(version, str):
        raise SourceError(f"{root / 'policypack' / 'PulumiPolicy.yaml'}: no string 'version' key")
    return version


def plugin_runtime(root: Path) -> dict[str, Any]:
    """component/PulumiPlugin.yaml, which `pulumi package publish` needs to run the component."""
    data = _load_yaml(root / "component" / "PulumiPlugin.yaml")
    if not isinstance(data, dict):
        raise SourceError(f"{root / 'component' / 'PulumiPlugin.yaml'}: not a mapping")
    return data


def changelog(root: Path) -> tuple[bool, list[ChangelogRelease]]:
    """(has an ``[Unreleased]`` section, the released sections newest first) of CHANGELOG.md."""
    path = root / "CHANGELOG.md"
    try:
        text = path.read_text()
    except OSError as error:
        raise SourceError(f"{path}: {error.strerror}") from error
    matches = list(CHANGELOG_RELEASE.finditer(text))
    releases = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        body = re.split(r"^\[[^\]]+\]: ", text[match.end() : end], maxsplit=1, flags=re.M)[0]
        releases.append(ChangelogRelease(match["version"], match["date"], body.strip()))
    return bool(CHANGELOG_UNRELEASED.search(text)), releases


def ci_example_checkouts(root: Path) -> list[dict[str, Any]]:
    """The ``with:`` of every step in examples/ci/backup-guardrails.yml that checks out another repository
    (backup-guardrails itself)."""
    workflow = _load_yaml(root / "examples" / "ci" / "backup-guardrails.yml")
    checkouts = []
    for job in (workflow.get("jobs") or {}).values() if isinstance(workflow, dict) else []:
        for step in job.get("steps") or []:
            with_ = step.get("with") or {}
            if str(step.get("uses", "")).startswith("actions/checkout@") and "repository" in with_:
                checkouts.append(with_)
    return checkouts


def tags_at_head(root: Path) -> list[str]:
    """The ``v*`` tags on HEAD (empty outside a git repository)."""
    return _git(root, "tag", "--points-at", "HEAD", "--list", "v*")


def tag_commit(root: Path, tag: str) -> str | None:
    """The commit a tag names, or ``None`` when there is no such tag."""
    found = _git(root, "rev-parse", "--verify", "--quiet", f"refs/tags/{tag}^{{commit}}")
    return found[0] if found else None


def head_commit(root: Path) -> str | None:
    found = _git(root, "rev-parse", "--verify", "--quiet", "HEAD")
    return found[0] if found else None


def served_schema(root: Path, timeout: float = 60) -> dict[str, Any]:
    """The schema the component's entry point serves, asked over gRPC as `pulumi package publish` does.

    Runs ``python component/`` of this tree with the tree's own ``backup_roles`` first on ``sys.path``.
    """
    import grpc
    from pulumi.runtime.proto import provider_pb2, provider_pb2_grpc

    component = root / "component"
    plugin = subprocess.Popen(
        [sys.executable, "-c", _SERVE, str(component)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=component,
    )
    try:
        ready, _, _ = select.select([plugin.stdout], [], [], timeout)
        port = plugin.stdout.readline().strip() if ready else ""  # type: ignore[union-attr]
        if not port.isdigit():
            plugin.kill()
            raise SourceError(f"{component}: the plugin did not start: {plugin.stderr.read()}")  # type: ignore[union-attr]
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            served = provider_pb2_grpc.ResourceProviderStub(channel).GetSchema(
                provider_pb2.GetSchemaRequest(version=0), timeout=timeout
            )
        return json.loads(served.schema)
    finally:
        if plugin.poll() is None:
            plugin.terminate()
        plugin.wait(timeout=30)


# `python component/ <engine>`, as the language host runs it, but with this tree's package imported first
# (an editable install of another checkout would otherwise win).
_SERVE = """
import runpy, sys
component = sys.argv[1]
sys.path.insert(0, component)
sys.argv = [component, "127.0.0.1:1"]
runpy.run_path(component, run_name="__main__")
"""


def _parse_python(path: Path) -> ast.Module:
    try:
        return ast.parse(path.read_text(), str(path))
    except OSError as error:
        raise SourceError(f"{path}: {error.strerror}") from error
    except SyntaxError as error:
        raise SourceError(f"{path}: {error}") from error


def _load_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text())
    except OSError as error:
        raise SourceError(f"{path}: {error.strerror}") from error
    except yaml.YAMLError as error:
        raise SourceError(f"{path}: {error}") from error


def _git(root: Path, *args: str) -> list[str]:
    result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=False)
    return result.stdout.split() if result.returncode == 0 else []
