"""`make release-check`: the tag, package, schema, policy pack and changelog versions must agree."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tools.release.check import main

sys.exit(main())
