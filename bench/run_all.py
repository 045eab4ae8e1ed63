"""Run every benchmark in bench/ (``make bench``), one after the other.

Each ``bench_*.py`` prints its figures with a ratio against a baseline measured in the
same run and records them in bench/results.json and docs/BENCHMARKS.md.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def main() -> int:
    here = Path(__file__).resolve().parent
    failures = 0
    for script in sorted(here.glob("bench_*.py")):
        print(f"== {script.name}", flush=True)
        failures += subprocess.call([sys.executable, str(script)], cwd=here.parent) != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
