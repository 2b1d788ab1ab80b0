"""Pulumi plugin entry point: serves BackupServiceRole to Pulumi programs in every language.

The Pulumi Python language host runs ``python <this directory>`` (see PulumiPlugin.yaml) for
``pulumi package add``, ``pulumi package get-schema`` and ``pulumi package publish``. No logic here.
"""

from backup_roles import BackupServiceRole, __version__
from backup_roles.constants import PACKAGE_NAME
from pulumi.provider.experimental import component_provider_host

if __name__ == "__main__":
    component_provider_host(components=[BackupServiceRole], name=PACKAGE_NAME, version=__version__)
