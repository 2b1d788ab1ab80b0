"""Pulumi plugin entry point: serves BackupServiceRole to Pulumi programs in every language.

The Pulumi Python language host runs ``python <this directory>`` (see PulumiPlugin.yaml) for
``pulumi package add``, ``pulumi package get-schema``, ``pulumi package publish`` and programs in other
languages (see :mod:`backup_roles.host`). No logic here.
"""

from backup_roles.host import serve

if __name__ == "__main__":
    serve()
