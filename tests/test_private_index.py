"""The component through a real private package index, the way a platform team shares it.

The release job builds the sdist and wheel (`python -m build`) and uploads them with `twine` to a real
`pypiserver` on localhost with upload authentication (tools/private_index.py). A product team's fresh
virtualenv then installs its own pinned `pulumi` / `pulumi-aws` from PyPI, and `backup-roles` from the
private index only:

    pip install -c <team lock> pulumi pulumi-aws                        # PyPI: the dependencies
    pip install --index-url <private>/simple/ --no-deps backup-roles==<version>
    pip check                                                          # the ranges admit the team's pins

Why not one `pip install --extra-index-url`: pip then asks both indexes for every name and takes the
highest version, so anyone who publishes a `backup-roles` on PyPI could replace the team's package
(dependency confusion). With `--index-url` alone and `--no-deps`, PyPI is never asked for
`backup-roles`, and `pip check` still proves the dependencies fit. The team's pins here are the floors
of the declared ranges (requirements-lowest.txt), not this repository's dev pins.

Then the real CLI previews programs against that virtualenv, with the policy pack, and gets the same
`Policies:` block as from the checkout.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tools.private_index import PrivateIndex, build_component
from tools.pulumi_session import PulumiSession
from tools.release import sources

REPO = Path(__file__).resolve().parents[1]
VERSION = sources.package_version(REPO)
TEAM_DEPENDENCIES = ["pulumi", "pulumi-aws"]


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return build_component(tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="module")
def index(dists: list[Path]) -> Iterator[PrivateIndex]:
    with PrivateIndex() as running:
        uploaded = running.upload(dists, user=None, password=None)
        assert uploaded.returncode == 0, uploaded.stdout + uploaded.stderr
        yield running


@pytest.fixture(scope="module")
def team_venv(index: PrivateIndex, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A product team's fresh virtualenv: dependencies from PyPI, backup-roles from the private index."""
    venv = tmp_path_factory.mktemp("team") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    pip = [python, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    lock = REPO / "requirements-lowest.txt"
    subprocess.run([*pip, "install", "-c", str(lock), *TEAM_DEPENDENCIES], check=True)
    # Only the private index: no PyPI, no find-links directory, no index the machine's pip config names.
    only_private = {k: v for k, v in os.environ.items() if not k.startswith("PIP_") or k == "PIP_CERT"}
    installed = subprocess.run(
        [*pip[:-1], "install", "--no-deps", "--index-url", index.simple_url, f"backup-roles=={VERSION}"],
        env={**only_private, "PIP_CONFIG_FILE": os.devnull},
        check=True,
        capture_output=True,
        text=True,
    )
    assert f"{index.url}packages/backup_roles-{VERSION}-py3-none-any.whl" in installed.stdout, (
        installed.stdout
    )
    subprocess.run([*pip, "check"], check=True)
    return venv


def test_build_makes_an_sdist_and_a_wheel(dists: list[Path]) -> None:
    assert [dist.name for dist in dists] == [
        f"backup_roles-{VERSION}-py3-none-any.whl",
        f"backup_roles-{VERSION}.tar.gz",
    ]


def test_uploads_without_valid_credentials_are_refused(dists: list[Path]) -> None:
    with PrivateIndex() as running:
        wrong = running.upload(dists, user=None, password="not-the-password")
        assert wrong.returncode != 0
        assert "403 Forbidden" in wrong.stdout + wrong.stderr
        anonymous = urllib.request.Request(running.url, data=b":action=file_upload", method="POST")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(anonymous, timeout=30)
        assert refused.value.code in (401, 403)
        assert list(running.packages.iterdir()) == []


def test_the_index_lists_both_files_with_hashes(index: PrivateIndex) -> None:
    with urllib.request.urlopen(f"{index.simple_url}backup-roles/", timeout=30) as page:
        html = page.read().decode()
    for name in (f"backup_roles-{VERSION}-py3-none-any.whl", f"backup_roles-{VERSION}.tar.gz"):
        assert f'href="/packages/{name}#sha256=' in html


def test_the_team_venv_holds_the_index_copy_at_the_teams_versions(team_venv: Path) -> None:
    report = subprocess.run(
        [
            str(team_venv / "bin" / "python"),
            "-I",
            "-c",
            "import json, importlib.metadata as m, backup_roles; print(json.dumps({"
            "'file': backup_roles.__file__, 'version': backup_roles.__version__,"
            "'pulumi': m.version('pulumi'), 'pulumi-aws': m.version('pulumi-aws'),"
            "'direct_url': m.distribution('backup-roles').read_text('direct_url.json')}))",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    installed = json.loads(report.stdout)
    assert Path(installed["file"]).is_relative_to(team_venv)
    assert installed["version"] == VERSION
    assert (installed["pulumi"], installed["pulumi-aws"]) == ("3.255.0", "7.40.0")
    assert installed["direct_url"] is None  # installed from an index, not from a path or URL


def test_the_server_and_its_files_are_gone_afterwards(dists: list[Path]) -> None:
    with PrivateIndex() as running:
        assert running.upload(dists, user=None, password=None).returncode == 0
        directory, port, process = running.directory, running.port, running.process
        assert sorted(path.name for path in running.packages.iterdir()) == [d.name for d in dists]
    assert process is not None and process.poll() is not None
    assert not directory.exists()
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0


def use_venv(project_dir: Path, venv: Path) -> None:
    """Point the copied program at the team's virtualenv instead of the checkout's."""
    config = project_dir / "Pulumi.yaml"
    config.write_text(config.read_text().replace("virtualenv: venv", f"virtualenv: {venv}"))
    (project_dir / "requirements.txt").write_text(
        f"pulumi==3.255.0\npulumi-aws==7.40.0\nbackup-roles=={VERSION}\n"
    )


PROGRAMS = {
    "s3-with-component": REPO / "examples" / "s3-with-component",
    "adopt-default-role": REPO / "examples" / "adopt-default-role",
    "component-without-s3": REPO / "tests" / "programs" / "component-without-s3",
}
BLOCKED = {"component-without-s3"}


@pytest.mark.e2e
@pytest.mark.parametrize("name", PROGRAMS)
def test_the_cli_gives_the_same_verdicts_with_the_index_copy(
    session: PulumiSession, team_venv: Path, name: str
) -> None:
    from tests.test_e2e import policies_block

    checkout = session.project(PROGRAMS[name], name=f"checkout-{name}").preview()  # the editable checkout
    project = session.project(PROGRAMS[name], name=f"index-{name}")
    use_venv(project.directory, team_venv)
    result = project.preview()
    assert "can't run policy" not in result.output
    assert result.returncode == checkout.returncode == (1 if name in BLOCKED else 0), str(result)
    # The stack name is part of every URN in a message; the two stacks differ only by it.
    from_index = policies_block(result, session).replace(f"index-{name}", "<stack>")
    assert from_index == policies_block(checkout, session).replace(f"checkout-{name}", "<stack>")
    # tests/e2e_expected holds every block (UPDATE_GOLDEN=1 rewrites this program's; review the diff).
    expected = REPO / "tests" / "e2e_expected" / f"{name}.txt"
    if os.environ.get("UPDATE_GOLDEN") and name in BLOCKED:
        expected.write_text(from_index)
    assert from_index == expected.read_text()
