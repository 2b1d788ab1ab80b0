"""Shared test setup: the policy pack's modules are importable as ``backup_guardrails``."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "policypack"))
