"""Compare every place that states the release version, and what `pulumi package publish` needs.

:func:`check` returns one :class:`Finding` per rule; :func:`main` prints them and exits 1 on any failure.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools.release import sources

VERSION_ATTR = "backup_roles._version.__version__"
PACKAGE_NAME = "backup-roles"


@dataclass(frozen=True)
class Finding:
    ok: bool
    subject: str
    detail: str

    def __str__(self) -> str:
        return f"{'ok  ' if self.ok else 'FAIL'}  {self.subject}: {self.detail}"


def check(root: Path, tag: str | None = None) -> list[Finding]:
    """Every rule of the release check for the tree at ``root``; ``tag`` is the release tag to be (or
    already) pushed (default: the ``v*`` tags at HEAD)."""
    try:
        version = sources.package_version(root)
    except sources.SourceError as error:
        return [Finding(False, "package version", str(error))]
    findings = [_semver(version)]
    for rule in (_pyproject, _schema, _plugin, _pack, _changelog, _tag, _ci_example):
        try:
            findings += rule(root, version, tag)
        except sources.SourceError as error:
            findings.append(Finding(False, rule.__name__.strip("_").replace("_", " "), str(error)))
    return findings


def _semver(version: str) -> Finding:
    ok = bool(sources.SEMVER.fullmatch(version))
    return Finding(
        ok,
        "package version",
        f"{version} (component/backup_roles/_version.py, the one source of truth)"
        if ok
        else f"{version!r} in component/backup_roles/_version.py is not semver (MAJOR.MINOR.PATCH)",
    )


def _pyproject(root: Path, version: str, tag: str | None) -> list[Finding]:
    attr = sources.pyproject_version_attr(root)
    return [
        Finding(
            attr == VERSION_ATTR,
            "pip package version",
            f"read from {VERSION_ATTR}"
            if attr == VERSION_ATTR
            else f"component/pyproject.toml must set dynamic = ['version'] with version = {{ attr = "
            f"'{VERSION_ATTR}' }} (found {attr!r})",
        )
    ]


def _schema(root: Path, version: str, tag: str | None) -> list[Finding]:
    schema = sources.served_schema(root)
    served = (schema.get("name"), schema.get("version"))
    findings = [
        Finding(
            served == (PACKAGE_NAME, version),
            "schema version",
            f"the plugin serves {served[0]} {served[1]}"
            + ("" if served == (PACKAGE_NAME, version) else f", expected {PACKAGE_NAME} {version}"),
        )
    ]
    missing = _undescribed(schema)
    findings.append(
        Finding(
            not missing,
            "schema descriptions",
            "every resource, input and output has one (the registry's API docs)"
            if not missing
            else "missing for " + ", ".join(missing) + ": add a docstring to the field in backup_roles",
        )
    )
    return findings


def _undescribed(schema: dict[str, Any]) -> list[str]:
    missing = []
    for token, resource in (schema.get("resources") or {}).items():
        if not resource.get("description"):
            missing.append(token)
        for kind in ("inputProperties", "properties"):
            for name, prop in (resource.get(kind) or {}).items():
                if not prop.get("description"):
                    missing.append(f"{token}.{name}")
    return missing


def _plugin(root: Path, version: str, tag: str | None) -> list[Finding]:
    runtime = sources.plugin_runtime(root).get("runtime")
    name = runtime.get("name") if isinstance(runtime, dict) else runtime
    readme = root / "component" / "README.md"
    has_readme = readme.is_file() and readme.read_text().strip() != ""
    return [
        Finding(
            name == "python",
            "PulumiPlugin.yaml",
            "runtime python (how Pulumi runs component/__main__.py)"
            if name == "python"
            else f"component/PulumiPlugin.yaml runtime must be python, found {name!r}",
        ),
        Finding(
            has_readme,
            "component README",
            "component/README.md (pulumi package publish --readme)"
            if has_readme
            else "component/README.md is missing or empty; pulumi package publish needs a readme",
        ),
    ]


def _pack(root: Path, version: str, tag: str | None) -> list[Finding]:
    pack = sources.pack_version(root)
    return [
        Finding(
            pack == version,
            "policy pack version",
            f"policypack/PulumiPolicy.yaml says {pack}"
            + ("" if pack == version else f"; set it to {version}, the package version"),
        )
    ]


def _changelog(root: Path, version: str, tag: str | None) -> list[Finding]:
    unreleased, releases = sources.changelog(root)
    findings = [
        Finding(
            unreleased,
            "changelog unreleased",
            "CHANGELOG.md has an [Unreleased] section"
            if unreleased
            else "CHANGELOG.md needs a '## [Unreleased]' section above the releases (Keep a Changelog)",
        )
    ]
    newest = releases[0] if releases else None
    if newest is None:
        findings.append(
            Finding(False, "changelog release", f"CHANGELOG.md has no '## [{version}] - YYYY-MM-DD' section")
        )
    elif newest.version != version:
        findings.append(
            Finding(
                False,
                "changelog release",
                f"the newest CHANGELOG.md section is [{newest.version}], expected [{version}]: move the "
                f"[Unreleased] entries under '## [{version}] - YYYY-MM-DD'",
            )
        )
    else:
        findings.append(
            Finding(
                bool(newest.body),
                "changelog release",
                f"[{version}] - {newest.date}" if newest.body else f"the [{version}] section is empty",
            )
        )
    return findings


def _tag(root: Path, version: str, tag: str | None) -> list[Finding]:
    expected = f"v{version}"
    tags = [tag] if tag else sources.tags_at_head(root)
    if not tags:
        released_at = sources.tag_commit(root, expected)
        if released_at is None:
            return [Finding(True, "tag", f"none at HEAD yet; tag this commit {expected} to release it")]
        return [
            Finding(
                False,
                "tag",
                f"{expected} already names commit {released_at[:12]}, not HEAD: bump the version for a new "
                "release",
            )
        ]
    findings = []
    head = sources.head_commit(root)
    for name in tags:
        if name != expected:
            findings.append(
                Finding(
                    False, "tag", f"{name} does not match the package version {version} (expected {expected})"
                )
            )
            continue
        at = sources.tag_commit(root, name)
        if at is not None and at != head:
            findings.append(Finding(False, "tag", f"{name} names commit {at[:12]}, not HEAD"))
        else:
            findings.append(Finding(True, "tag", name))
    return findings


def _ci_example(root: Path, version: str, tag: str | None) -> list[Finding]:
    refs = [str(checkout.get("ref")) for checkout in sources.ci_example_checkouts(root)]
    expected = f"v{version}"
    ok = refs == [expected]
    return [
        Finding(
            ok,
            "CI example",
            f"examples/ci checks the pack out at {expected}"
            if ok
            else f"examples/ci/backup-guardrails.yml checks backup-guardrails out at {refs}, expected "
            f"ref: {expected}",
        )
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Check that the tag, package, schema, policy pack and changelog versions agree."
    )
    parser.add_argument("--tag", help="the release tag, v<semver> (default: the v* tags at HEAD)")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[2], help="the tree")
    args = parser.parse_args(argv)
    findings = check(args.root.resolve(), args.tag)
    for finding in findings:
        print(finding)
    failed = [finding for finding in findings if not finding.ok]
    print(f"release check {'FAILED' if failed else 'passed'}: {len(failed)} of {len(findings)} checks failed")
    return 1 if failed else 0
