"""component/ is a pip-installable package and a Pulumi component package.

The wheel test builds component/ the way `pip wheel` would for a user, installs the wheel into a fresh
virtualenv, and imports it from there. Offline and fast: the wheel is built with this environment's
setuptools (--no-build-isolation) and installed with --no-deps; the fresh venv then sees the pinned
pulumi and pulumi-aws of this environment through a .pth file, which adds their directory to sys.path
without running the .pth files there (so not this environment's editable install of backup_roles).
"""

import json
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import backup_roles
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.support.dependencies import exact_pins

REPO = Path(__file__).resolve().parents[1]
COMPONENT_DIR = REPO / "component"
VERSION = backup_roles.__version__  # the release check (tests/test_release_check.py) ties it to the tag
# The ranges backup-roles declares: the floors are what `make test-lowest` runs these tests with.
DECLARED = ["pulumi<4,>=3.255.0", "pulumi-aws<8,>=7.40.0"]
MODULES = [
    "__init__",
    "_version",
    "args",
    "component",
    "constants",
    "host",
    "policies",
    "trust",
    "validation",
]

CHECK_INSTALLED = """
import importlib.metadata as metadata, importlib.resources as resources, json
import backup_roles
from pulumi.provider.experimental.component import ComponentProvider
provider = ComponentProvider(
    [backup_roles.BackupServiceRole], name="backup-roles", version=backup_roles.__version__
)
schema = json.loads(provider.schema)["resources"]["backup-roles:index:BackupServiceRole"]
print(json.dumps({
    "version": backup_roles.__version__,
    "metadata_version": metadata.version("backup-roles"),
    "requires": metadata.requires("backup-roles"),
    "file": backup_roles.__file__,
    "py_typed": resources.files("backup_roles").joinpath("py.typed").is_file(),
    "schema_version": json.loads(provider.schema)["version"],
    "include_s3_description": schema["inputProperties"]["includeS3"]["description"],
}))
"""


def test_wheel_installs_into_a_fresh_venv(tmp_path):
    source = tmp_path / "src"  # build from a copy: building in place leaves build/ and *.egg-info behind
    shutil.copytree(
        COMPONENT_DIR, source, ignore=shutil.ignore_patterns("venv", "build", "*.egg-info", "__pycache__")
    )
    quiet = ["--quiet", "--disable-pip-version-check", "--no-index"]
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            *quiet,
            "--no-deps",
            "--no-build-isolation",
            "-w",
            tmp_path / "dist",
            source,
        ],
        check=True,
    )
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    assert wheel.name == f"backup_roles-{VERSION}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    assert sorted(n for n in names if not n.startswith(f"backup_roles-{VERSION}.dist-info/")) == sorted(
        [f"backup_roles/{m}.py" for m in MODULES] + ["backup_roles/py.typed"]
    )

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True)
    python = venv / "bin" / "python"
    fresh_site = Path(
        subprocess.run(
            [python, "-I", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    (fresh_site / "pinned_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [python, "-I", "-m", "pip", "install", *quiet, "--no-deps", wheel], check=True, cwd=tmp_path
    )

    report = subprocess.run(
        [python, "-I", "-c", CHECK_INSTALLED], check=True, capture_output=True, text=True, cwd=tmp_path
    )
    installed = json.loads(report.stdout)
    assert installed["file"] == str(fresh_site / "backup_roles" / "__init__.py")
    assert installed["version"] == installed["metadata_version"] == installed["schema_version"] == VERSION
    assert installed["requires"] == DECLARED
    assert installed["py_typed"] is True
    assert installed["include_s3_description"].startswith("Whether the role can back up")


def test_version_is_written_once():
    """backup_roles/_version.py is the one place; the wheel test and the schema tests see it arrive."""
    project = tomllib.loads((COMPONENT_DIR / "pyproject.toml").read_text())
    assert project["project"]["dynamic"] == ["version"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {
        "attr": "backup_roles._version.__version__"
    }
    assert re.fullmatch(r"\d+\.\d+\.\d+", backup_roles.__version__)


def test_plugin_requirements_pin_the_tested_versions_inside_the_declared_ranges():
    """requirements.txt is what Pulumi installs into component/venv, the plugin's private virtualenv.

    Nobody installs next to it, so it pins exactly the versions `make test` runs with, pulumi, pulumi-aws
    and everything they require; the library's ranges in pyproject.toml are for teams that install
    backup-roles into their own program.
    """
    project = tomllib.loads((COMPONENT_DIR / "pyproject.toml").read_text())["project"]
    assert [str(Requirement(line)) for line in project["dependencies"]] == DECLARED
    plugin = exact_pins((COMPONENT_DIR / "requirements.txt").read_text().splitlines())
    dev_lock = exact_pins((REPO / "requirements-dev.txt").read_text().splitlines())
    # Every pin at the tested version; that they are the whole closure is tests/test_requirements_pins.py's
    # (this file also runs in the lowest-versions venv, whose installed closure is another).
    assert {"pulumi", "pulumi-aws"} <= plugin.keys()
    assert all(dev_lock[name] == version for name, version in plugin.items())
    for line in DECLARED:
        declared = Requirement(line)
        name = canonicalize_name(declared.name)
        assert declared.specifier.contains(plugin[name]), line
        assert plugin[name] == dev_lock[name], line


def test_the_lowest_versions_run_uses_the_declared_floors():
    """`make test-lowest` installs requirements-lowest.txt: exactly the floor of every declared range."""
    lowest = exact_pins((REPO / "requirements-lowest.txt").read_text().splitlines())
    for line in DECLARED:
        declared = Requirement(line)
        (floor,) = [spec.version for spec in declared.specifier if spec.operator == ">="]
        assert lowest[canonicalize_name(declared.name)] == floor, line


def test_pulumi_plugin_yaml_runs_python_with_pip_in_venv():
    plugin = yaml.safe_load((COMPONENT_DIR / "PulumiPlugin.yaml").read_text())
    assert plugin == {"runtime": {"name": "python", "options": {"toolchain": "pip", "virtualenv": "venv"}}}
