"""``python -m aws_standin``: start the stand-in provider (launched by tools/bin/pulumi-resource-aws)."""

from .server import main

main()
