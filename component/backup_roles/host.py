"""Serving BackupServiceRole to every Pulumi language (the component package's plugin, see ``__main__.py``).

This is ``component_provider_host`` with one change: a mistake in the arguments a YAML, TypeScript, Go, ...
program gives reaches that program as an invalid input property, named as its schema spells it
(``resourceTypes``, not ``resource_types``), instead of a Python exception with a traceback.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from pulumi.errors import InputPropertyError
from pulumi.provider import main
from pulumi.provider.experimental.component import ComponentProvider
from pulumi.provider.server import ComponentInitError

from ._version import __version__
from .component import BackupServiceRole
from .constants import PACKAGE_NAME
from .validation import ARGUMENTS, ArgumentError

_COMPONENT = BackupServiceRole.__name__


class BackupRolesProvider(ComponentProvider):
    """The component provider, reporting argument errors by schema property."""

    def __init__(self) -> None:
        super().__init__([BackupServiceRole], PACKAGE_NAME, None, __version__)
        mapping = self._component_defs[_COMPONENT].inputs_mapping  # schema name -> Python name
        self.schema_names = {python: schema for schema, python in mapping.items()}
        names = sorted((n for n in ARGUMENTS if n in self.schema_names), key=len, reverse=True)
        self._names = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b")

    def in_schema_terms(self, reason: str) -> tuple[str, str]:
        """(property path, reason) of an argument error, with every Python argument name in the reason
        replaced by its schema name; the path is the argument the reason starts with, else empty."""
        translated = self._names.sub(lambda m: self.schema_names[m.group(1)], reason)
        leading = re.match(r"(\w+)(\[[^\]]*\])?", reason)
        path = ""
        if leading and leading.group(1) in self.schema_names:
            path = self.schema_names[leading.group(1)] + (leading.group(2) or "")
        return path, translated

    def construct(self, name: str, resource_type: str, inputs: Any, options: Any = None) -> Any:
        try:
            return super().construct(name, resource_type, inputs, options)
        except ComponentInitError as err:
            if not isinstance(err.inner, ArgumentError):
                raise
            path, reason = self.in_schema_terms(err.inner.reason)
            raise InputPropertyError(path, f"{_COMPONENT} {name!r}: {reason}") from None


def serve() -> None:
    """Run the plugin: ``python <component dir> <engine address> ...`` (PulumiPlugin.yaml)."""
    main(BackupRolesProvider(), sys.argv[1:])
