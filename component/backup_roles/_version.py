"""The package version, written once: pyproject.toml, ``__main__.py`` and the schema all read it here."""

__version__ = "0.1.0"
