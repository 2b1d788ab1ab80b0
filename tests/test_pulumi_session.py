"""The session driver uses the real aws provider plugin wherever one is installed, the stand-in otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.pulumi_session import STANDIN_BIN, real_aws_provider_dir


def _plugin(home: Path, version: str) -> Path:
    binary = home / "plugins" / f"resource-aws-v{version}" / "pulumi-resource-aws"
    binary.parent.mkdir(parents=True)
    binary.write_text("#!/bin/sh\n")
    binary.chmod(0o755)
    return binary.parent


def test_newest_installed_plugin_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    monkeypatch.setenv("PULUMI_HOME", str(tmp_path))
    _plugin(tmp_path, "7.9.0")
    newest = _plugin(tmp_path, "7.51.1")
    assert real_aws_provider_dir() == newest


def test_a_plugin_on_path_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    on_path = _plugin(tmp_path / "elsewhere", "7.51.1")
    monkeypatch.setenv("PATH", f"{on_path}:/usr/bin:/bin")
    monkeypatch.setenv("PULUMI_HOME", str(tmp_path / "empty"))
    assert real_aws_provider_dir() == on_path


def test_the_stand_in_on_path_is_not_the_real_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", f"{STANDIN_BIN}:/usr/bin:/bin")
    monkeypatch.setenv("PULUMI_HOME", str(tmp_path))
    assert real_aws_provider_dir() is None
