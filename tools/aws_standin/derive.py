"""``python -m aws_standin.derive``: derive the SDK schema into the cache now (see :mod:`.sdk_schema`)."""

from .sdk_schema import main

main()
