"""`make release-check`: passes on this tree tagged as its version, fails on every deliberate mismatch.

Each case copies the files a release is made of (component/, the pack's PulumiPolicy.yaml, CHANGELOG.md,
examples/ci/) into a scratch git repository, commits and tags it, changes one thing, and compares the
check's whole list of failures with the expected one. The schema is asked from the copy's own plugin
over gRPC, as `pulumi package publish` does.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tools.release import sources
from tools.release.check import check

REPO = Path(__file__).resolve().parents[1]
VERSION = sources.package_version(REPO)
TAG = f"v{VERSION}"
GIT = ["git", "-c", "user.name=release-test", "-c", "user.email=release@test", "-c", "commit.gpgsign=false"]


def git(root: Path, *args: str) -> str:
    return subprocess.run([*GIT, "-C", str(root), *args], check=True, capture_output=True, text=True).stdout


def release_tree(target: Path, tag: str | None = TAG) -> Path:
    """A git repository holding this tree's release files, committed and (by default) tagged."""
    ignore = shutil.ignore_patterns("venv", "build", "*.egg-info", "__pycache__")
    shutil.copytree(REPO / "component", target / "component", ignore=ignore)
    shutil.copytree(REPO / "examples" / "ci", target / "examples" / "ci")
    (target / "policypack").mkdir()
    shutil.copy(REPO / "policypack" / "PulumiPolicy.yaml", target / "policypack")
    shutil.copy(REPO / "CHANGELOG.md", target)
    git(target, "init", "--quiet")
    commit(target)
    if tag:
        git(target, "tag", tag)
    return target


def commit(root: Path) -> None:
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "--allow-empty", "--message", "release")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def failures(root: Path, tag: str | None = None) -> list[str]:
    return [f"{f.subject}: {f.detail}" for f in check(root, tag) if not f.ok]


def test_the_tree_tagged_as_its_version_passes(tmp_path: Path) -> None:
    root = release_tree(tmp_path)
    assert [str(finding) for finding in check(root)] == [
        f"ok    package version: {VERSION} (component/backup_roles/_version.py, the one source of truth)",
        "ok    pip package version: read from backup_roles._version.__version__",
        f"ok    schema version: the plugin serves backup-roles {VERSION}",
        "ok    schema descriptions: every resource, input and output has one (the registry's API docs)",
        "ok    PulumiPlugin.yaml: runtime python (how Pulumi runs component/__main__.py)",
        "ok    component README: component/README.md (pulumi package publish --readme)",
        f"ok    policy pack version: policypack/PulumiPolicy.yaml says {VERSION}",
        "ok    changelog unreleased: CHANGELOG.md has an [Unreleased] section",
        f"ok    changelog release: [{VERSION}] - "
        + re.search(rf"^## \[{re.escape(VERSION)}\] - (\S+)$", (REPO / "CHANGELOG.md").read_text(), re.M)[1],  # type: ignore[index]
        f"ok    tag: {TAG}",
        f"ok    CI example: examples/ci checks the pack out at {TAG}",
    ]


def test_an_untagged_tree_passes_and_says_which_tag_to_create(tmp_path: Path) -> None:
    root = release_tree(tmp_path, tag=None)
    assert failures(root) == []
    assert f"ok    tag: none at HEAD yet; tag this commit {TAG} to release it" in map(str, check(root))


def serve_another_version(root: Path) -> None:
    """The plugin serves 99.0.0 while _version.py says otherwise (whichever module passes the version on)."""
    main = root / "component" / "__main__.py"
    main.write_text(
        "import backup_roles, backup_roles._version\n"
        'backup_roles.__version__ = backup_roles._version.__version__ = "99.0.0"\n' + main.read_text()
    )


def bump_package(root: Path) -> None:
    edit(root / "component" / "backup_roles" / "_version.py", f'"{VERSION}"', '"99.0.0"')


# (case id, change to the committed and tagged tree, expected failures)
MISMATCHES: list[tuple[str, Callable[[Path], None], list[str]]] = [
    (
        "pack-version",
        lambda root: edit(
            root / "policypack" / "PulumiPolicy.yaml", f"version: {VERSION}", "version: 99.0.0"
        ),
        [
            "policy pack version: policypack/PulumiPolicy.yaml says 99.0.0; "
            f"set it to {VERSION}, the package version"
        ],
    ),
    (
        "package-version-alone",
        bump_package,
        [
            f"policy pack version: policypack/PulumiPolicy.yaml says {VERSION}; "
            "set it to 99.0.0, the package version",
            f"changelog release: the newest CHANGELOG.md section is [{VERSION}], expected [99.0.0]: move the "
            "[Unreleased] entries under '## [99.0.0] - YYYY-MM-DD'",
            f"tag: {TAG} does not match the package version 99.0.0 (expected v99.0.0)",
            "CI example: examples/ci/backup-guardrails.yml checks backup-guardrails out at "
            f"['{TAG}'], expected ref: v99.0.0",
        ],
    ),
    (
        "schema-version",
        serve_another_version,
        [f"schema version: the plugin serves backup-roles 99.0.0, expected backup-roles {VERSION}"],
    ),
    (
        "changelog-without-the-release",
        lambda root: edit(root / "CHANGELOG.md", f"## [{VERSION}]", "## [0.0.1]"),
        [
            f"changelog release: the newest CHANGELOG.md section is [0.0.1], expected [{VERSION}]: move the "
            f"[Unreleased] entries under '## [{VERSION}] - YYYY-MM-DD'"
        ],
    ),
    (
        "changelog-without-unreleased",
        lambda root: edit(root / "CHANGELOG.md", "## [Unreleased]\n", ""),
        [
            "changelog unreleased: CHANGELOG.md needs a '## [Unreleased]' section above the releases "
            "(Keep a Changelog)"
        ],
    ),
    (
        "ci-example-ref",
        lambda root: edit(root / "examples" / "ci" / "backup-guardrails.yml", f"ref: {TAG}", "ref: main"),
        [
            "CI example: examples/ci/backup-guardrails.yml checks backup-guardrails out at "
            f"['main'], expected ref: {TAG}"
        ],
    ),
    (
        "undescribed-output",
        lambda root: edit(
            root / "component" / "backup_roles" / "component.py", '"""The name of the role."""', ""
        ),
        [
            "schema descriptions: missing for backup-roles:index:BackupServiceRole.name: "
            "add a docstring to the field in backup_roles"
        ],
    ),
    (
        "plugin-runtime",
        lambda root: edit(root / "component" / "PulumiPlugin.yaml", "name: python", "name: nodejs"),
        ["PulumiPlugin.yaml: component/PulumiPlugin.yaml runtime must be python, found 'nodejs'"],
    ),
]


@pytest.mark.parametrize(("change", "expected"), [m[1:] for m in MISMATCHES], ids=[m[0] for m in MISMATCHES])
def test_a_deliberate_mismatch_fails(
    tmp_path: Path, change: Callable[[Path], None], expected: list[str]
) -> None:
    root = release_tree(tmp_path)
    assert failures(root) == []
    change(root)
    assert failures(root) == expected


def test_a_tag_that_is_not_the_version_fails(tmp_path: Path) -> None:
    root = release_tree(tmp_path, tag="v99.0.0")
    assert failures(root) == [f"tag: v99.0.0 does not match the package version {VERSION} (expected {TAG})"]
    assert failures(root, tag="0.1.0") == [
        f"tag: 0.1.0 does not match the package version {VERSION} (expected {TAG})"
    ]


def test_a_version_released_before_must_be_bumped(tmp_path: Path) -> None:
    root = release_tree(tmp_path)
    released = git(root, "rev-parse", "HEAD").strip()
    commit(root)  # a later commit, version unchanged
    assert failures(root) == [
        f"tag: {TAG} already names commit {released[:12]}, not HEAD: bump the version for a new release"
    ]
    assert failures(root, tag=TAG) == [f"tag: {TAG} names commit {released[:12]}, not HEAD"]


def test_a_missing_version_file_is_reported_not_raised(tmp_path: Path) -> None:
    root = release_tree(tmp_path)
    (root / "component" / "backup_roles" / "_version.py").unlink()
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "release_check.py"), "--root", str(root)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr == ""
    assert result.stdout == (
        f"FAIL  package version: {root}/component/backup_roles/_version.py: No such file or directory\n"
        "release check FAILED: 1 of 1 checks failed\n"
    )


def test_make_release_check_fails_on_a_tag_that_is_not_the_version() -> None:
    result = subprocess.run(
        ["make", "-s", "release-check", "TAG=v99.0.0"], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert (
        f"FAIL  tag: v99.0.0 does not match the package version {VERSION} (expected {TAG})" in result.stdout
    )
