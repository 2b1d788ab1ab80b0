"""``scripts/pulumi``: the ``pulumi`` command set up for this repository, for any arguments, from any dir.

- The CLI is the user's own ``pulumi`` when one is on PATH with its Python language host, else the one
  ``scripts/ensure-pulumi.sh`` builds (its progress shows on the terminal; minutes on a first run).
- The ``aws`` plugin is the real ``pulumi-resource-aws`` when one is installed (on PATH or in the Pulumi
  plugin cache), else the local stand-in (tools/aws_standin); one line on stderr says which, every run.
- State goes to a file backend in ``<repo>/.pulumi-state`` unless ``PULUMI_BACKEND_URL`` is set; secrets use
  an empty passphrase unless ``PULUMI_CONFIG_PASSPHRASE`` (or ``..._FILE``) is set; no update check, no
  plugin download. PULUMI_HOME is left as the user has it.
- The repository's policy pack gets a ``venv`` that sees the pinned ``.venv`` (nothing is downloaded).

The environment recipe itself lives in :func:`tools.pulumi_session.cli_environment`, shared with ``make demo``
and the end-to-end tests.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tools.pulumi_session import (
    REPO,
    STANDIN_BIN,
    CliUnavailableError,
    cli_environment,
    ensure_cli,
    overlay_venv,
    real_aws_provider_dir,
)

STATE = REPO / ".pulumi-state"
PACK_VENV = REPO / "policypack" / "venv"
SCRIPTS = REPO / "scripts"
PREFIX = "scripts/pulumi:"


def _path_without_this_script() -> str:
    """PATH minus ``scripts/``: with it on PATH, ``pulumi`` there is this script, not a user's CLI."""
    entries = os.environ.get("PATH", "").split(os.pathsep)
    return os.pathsep.join(e for e in entries if e and Path(e).resolve() != SCRIPTS.resolve())


def _ensure_standin_schema() -> None:
    """Derive the stand-in's schema now, with a message, rather than inside a plugin the engine waits on."""
    sys.path.insert(0, str(REPO / "tools"))
    from aws_standin import sdk_schema

    if not sdk_schema.cache_path().exists():
        sdk_schema.load()


def _ensure_pack_venv() -> None:
    if not (PACK_VENV / "bin" / "python").exists():
        print(f"{PREFIX} making policypack/venv from the pinned .venv (once)", file=sys.stderr)
        overlay_venv(PACK_VENV)


def main(argv: list[str]) -> int:
    path = _path_without_this_script()
    try:
        cli_bin = ensure_cli(show_progress=True, path=path)
    except CliUnavailableError as reason:
        print(f"{PREFIX} no Pulumi CLI, and no Go toolchain to build one: {reason}", file=sys.stderr)
        return 2
    except RuntimeError as err:
        print(f"{PREFIX} {err}", file=sys.stderr)
        return 2
    real = real_aws_provider_dir()
    if real is not None:
        print(f"{PREFIX} aws provider: the real pulumi-resource-aws in {real}", file=sys.stderr)
    else:
        print(
            f"{PREFIX} aws provider: the local stand-in (tools/aws_standin), NOT AWS: nothing is read "
            "from or created in any AWS account",
            file=sys.stderr,
        )
        _ensure_standin_schema()
    _ensure_pack_venv()
    backend = os.environ.get("PULUMI_BACKEND_URL")
    if not backend:
        STATE.mkdir(exist_ok=True)
        backend = f"file://{STATE}"
    env = cli_environment([cli_bin, real or STANDIN_BIN], backend_url=backend, path=path)
    pulumi = cli_bin / "pulumi"
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(pulumi, [str(pulumi), *argv], env)
    return 0  # not reached: the CLI replaced this process


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
