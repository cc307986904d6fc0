# bench/ is not part of the installed package: make the repository root importable so
# tests can `import bench.generate` the way `python -m bench.run_all` does from the root.
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
