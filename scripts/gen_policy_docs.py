"""Regenerate the policy docs in README.md and policypack/README.md from the pack's own tables."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "policypack"))

from backup_guardrails.docs import render_markdown, replace_section  # noqa: E402

for readme in (REPO / "README.md", REPO / "policypack" / "README.md"):
    readme.write_text(replace_section(readme.read_text(), render_markdown()))
    print(f"updated {readme.relative_to(REPO)}")
