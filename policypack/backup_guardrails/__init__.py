"""aws-backup-guardrails: a CrossGuard policy pack that stops S3 backup selections with roles that lack
the S3 managed policies, decided during ``pulumi preview`` even when every ARN is still unknown."""

from .config import SCHEMA, ConfigError, GuardrailConfig, TargetMode, parse_config
from .pack import PACK_NAME, POLICIES, serve

__all__ = [
    "PACK_NAME",
    "POLICIES",
    "SCHEMA",
    "ConfigError",
    "GuardrailConfig",
    "TargetMode",
    "parse_config",
    "serve",
]
