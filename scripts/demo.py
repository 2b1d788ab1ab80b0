"""Entry point of `make demo` (see tools/demo.py)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tools.demo import main

sys.exit(main())
