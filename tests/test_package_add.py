"""`pulumi package add` of a released version, for teams on TypeScript, Go, YAML...

What the CLI (3.274.1, pkg/cmd/pulumi/packageresolution and sdk/go/common/workspace/plugins.go) accepts:

- A git source is a URL: ``github.com/org/repo/component@v0.1.0``, ``https://host/org/repo.git/path@v0.1.0``
  or ``git://host/...``, which the CLI rewrites to ``https://`` and fetches with go-git over HTTPS (or SSH).
  There is no local git transport: ``git://localhost/<repo>`` is fetched from ``https://localhost:443``.
- ``file://<repo>/component@v0.1.0`` is not a URL to it: a source that does not parse as a plugin URL is a
  local directory, and ``stat file://...`` fails.
- A local path (``/``, ``./``, ``../``) is used as it is on disk: ``<repo>/component@v0.1.0`` is accepted and
  recorded, but the ``@v0.1.0`` is ignored; the CLI runs whatever the working tree holds.

So the release repository (a scratch clone of this one, tagged there and then moved on; this repository
gets no tag) is served the way a git host serves it: smart HTTP over TLS (tools/git_https.py), and the
CLI adds ``https://<host>/platform/backup-guardrails.git/component@v<version>``. The tests also prove the
refusals, the ignored version, and the fallback without a git host: clone the tag, add the directory.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tools.git_https import GitHttpsServer
from tools.pulumi_session import PulumiSession, Result, overlay_venv
from tools.release import sources
from tools.release.check import check

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[1]
VERSION = sources.package_version(REPO)
TAG = f"v{VERSION}"
GIT = ["git", "-c", "user.name=release-test", "-c", "user.email=release@test", "-c", "commit.gpgsign=false"]
NEXT = "99.0.0"  # what main says after the release


def git(*args: str) -> str:
    return subprocess.run([*GIT, *args], check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture(scope="module")
def release_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clone of this repository with this tree's files, tagged TAG, then moved on to NEXT (uncommitted)."""
    repo = tmp_path_factory.mktemp("release") / "backup-guardrails"
    git("clone", "--quiet", "--no-local", str(REPO), str(repo))
    for tracked in git(
        "-C", str(REPO), "ls-files", "component", "policypack", "examples", "CHANGELOG.md"
    ).split():
        target = repo / tracked
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / tracked, target)  # the tree under test, committed or not
    git("-C", str(repo), "add", "--all")
    git("-C", str(repo), "commit", "--quiet", "--allow-empty", "--message", f"Release {VERSION}")
    git("-C", str(repo), "tag", "--annotate", TAG, "--message", f"backup-guardrails {VERSION}")
    (repo / "component" / "backup_roles" / "_version.py").write_text(f'__version__ = "{NEXT}"\n')
    git("-C", str(repo), "commit", "--quiet", "--all", "--message", "Main moves on after the release")
    return repo


@pytest.fixture(scope="module")
def git_host(release_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[GitHttpsServer]:
    """The release repository on a git host, as platform/backup-guardrails (and without an owner)."""
    served = tmp_path_factory.mktemp("git-host")
    (served / "platform").mkdir()
    git("clone", "--quiet", "--bare", str(release_repo), str(served / "platform" / "backup-guardrails.git"))
    git("clone", "--quiet", "--bare", str(release_repo), str(served / "backup-guardrails.git"))
    try:
        server = GitHttpsServer(served).__enter__()
    except PermissionError as error:
        pytest.skip(f"serving git on port 443 needs root (CAP_NET_BIND_SERVICE): {error}")
    try:
        yield server
    finally:
        server.__exit__(None, None, None)


@pytest.fixture(scope="module")
def tag_checkout(release_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What a team does: a shallow clone of the release tag."""
    checkout = tmp_path_factory.mktemp("checkout") / "backup-guardrails"
    git("clone", "--quiet", "--depth", "1", "--branch", TAG, f"file://{release_repo}", str(checkout))
    overlay_venv(checkout / "component" / "venv")  # the plugin's venv, from the pinned dev environment
    return checkout


def consumer(session: PulumiSession, name: str) -> Path:
    """examples/yaml-consumer without its `packages:` entry: `pulumi package add` must write it."""
    project = session.project("yaml-consumer", name=name)
    config = project.directory / "Pulumi.yaml"
    program = yaml.safe_load(config.read_text())
    del program["packages"]
    config.write_text(yaml.safe_dump(program, sort_keys=False))
    return project.directory


def test_the_release_repository_passes_the_release_check(release_repo: Path, tag_checkout: Path) -> None:
    assert git("-C", str(tag_checkout), "describe", "--tags", "--exact-match") == TAG
    assert [f"{f.subject}: {f.detail}" for f in check(tag_checkout) if not f.ok] == []


@pytest.mark.parametrize("scheme", ["file", "git"])
def test_a_local_git_source_is_refused(session: PulumiSession, release_repo: Path, scheme: str) -> None:
    directory = consumer(session, f"git-source-{scheme}")
    host = "" if scheme == "file" else "localhost"
    source = f"{scheme}://{host}{release_repo}/component@{TAG}"
    result = session.run("package", "add", source, cwd=directory, timeout=120)
    assert result.returncode != 0, str(result)
    if scheme == "file":  # taken for a local directory named "file:..."
        assert f"stat file://{release_repo}/component: no such file or directory" in result.output
    else:  # rewritten to https://localhost (port 443): there is no local git transport
        assert "https://localhost" in result.output
        assert "connection refused" in result.output
    assert "packages" not in yaml.safe_load((directory / "Pulumi.yaml").read_text())


def test_a_local_path_ignores_the_version_suffix(session: PulumiSession, release_repo: Path) -> None:
    overlay_venv(release_repo / "component" / "venv")
    directory = consumer(session, "path-with-version")
    result = session.run(
        "package", "get-schema", f"{release_repo}/component@{TAG}", cwd=directory, timeout=300
    )
    assert result.returncode == 0, str(result)
    # the working tree's version, not the tag's
    assert f'"version": "{NEXT}"' in result.output


def test_package_add_of_the_checked_out_tag(session: PulumiSession, tag_checkout: Path) -> None:
    from tests.test_e2e import policies_block

    directory = consumer(session, "package-add-tag")
    added = session.run("package", "add", str(tag_checkout / "component"), cwd=directory, timeout=300)
    assert added.returncode == 0, str(added)
    assert "Added package backup-roles" in added.output
    program = yaml.safe_load((directory / "Pulumi.yaml").read_text())
    assert program["packages"] == {"backup-roles": str(tag_checkout / "component")}

    schema = session.run("package", "get-schema", str(tag_checkout / "component"), cwd=directory, timeout=300)
    assert schema.returncode == 0, str(schema)
    assert f'"version": "{VERSION}"' in schema.output

    preview = session.run("preview", "--policy-pack", str(session.pack_dir), cwd=directory, timeout=600)
    assert preview.returncode == 0, str(preview)
    assert "backup-roles:index:BackupServiceRole" in preview.output
    assert (
        policies_block(preview, session)
        == (REPO / "tests" / "e2e_expected" / "yaml-consumer.txt").read_text()
    )


def test_package_add_of_a_git_source_at_the_release_tag(
    session: PulumiSession, git_host: GitHttpsServer
) -> None:
    from tests.test_e2e import policies_block

    directory = consumer(session, "package-add-git")
    source = f"{git_host.url('platform/backup-guardrails')}/component@{TAG}"
    # Pulumi clones the tag and creates the plugin's venv from component/requirements.txt (PyPI)
    added = with_ca(session, git_host, "package", "add", source, cwd=directory)
    assert added.returncode == 0, str(added)
    assert "Added package platform/backup-roles" in added.output
    program = yaml.safe_load((directory / "Pulumi.yaml").read_text())
    assert program["packages"] == {"backup-roles": source.removeprefix("https://")}
    plugins = Path(session.env["PULUMI_HOME"]) / "plugins"
    (plugin,) = plugins.glob(f"resource-*platform_backup-guardrails.git_component-{TAG}")
    assert sources.package_version(plugin) == VERSION  # the tag's tree, though main says NEXT

    preview = with_ca(session, git_host, "preview", "--policy-pack", str(session.pack_dir), cwd=directory)
    assert preview.returncode == 0, str(preview)
    assert "backup-roles:index:BackupServiceRole" in preview.output
    assert (
        policies_block(preview, session)
        == (REPO / "tests" / "e2e_expected" / "yaml-consumer.txt").read_text()
    )
    assert any(
        request.startswith("POST /platform/backup-guardrails.git/git-upload-pack")
        for request in git_host.requests
    )


def with_ca(session: PulumiSession, host: GitHttpsServer, *args: str, cwd: Path) -> Result:
    env = session.env
    session.env = {**env, "SSL_CERT_FILE": str(host.ca_bundle)}
    try:
        return session.run(*args, cwd=cwd, timeout=600)
    finally:
        session.env = env


def test_a_git_source_without_an_owner_is_refused(session: PulumiSession, git_host: GitHttpsServer) -> None:
    directory = consumer(session, "git-no-owner")
    result = with_ca(
        session,
        git_host,
        "package",
        "add",
        f"{git_host.url('backup-guardrails')}/component@{TAG}",
        cwd=directory,
    )
    assert result.returncode != 0, str(result)
    assert "#/namespace: does not match pattern" in result.output, str(result)


def test_a_git_source_with_a_port_is_refused(session: PulumiSession, git_host: GitHttpsServer) -> None:
    directory = consumer(session, "git-port")
    with GitHttpsServer(git_host.root, port=0) as on_a_port:
        source = f"{on_a_port.url('platform/backup-guardrails')}/component@{TAG}"
        assert f":{on_a_port.port}/" in source
        result = with_ca(session, on_a_port, "package", "add", source, cwd=directory)
    assert result.returncode != 0, str(result)
    assert "because it contains the PATH separator :" in result.output, str(result)
