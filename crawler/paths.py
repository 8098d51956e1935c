"""Where CEU Scout keeps its files by default: the one place a path inside the project is built."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
DEFAULT_SOURCES = DATA_DIR / "sources.yml"
DEFAULT_DB = DATA_DIR / "catalog.db"
DEFAULT_SNAPSHOT = DATA_DIR / "public" / "catalog.db"
CREDENTIALS = DATA_DIR / "credentials.yml"
APPROVING_BODIES = DATA_DIR / "approving_bodies.yml"
PAGE_CLASSIFIER = DATA_DIR / "page_classifier.yml"
DEMO_DIR = DATA_DIR / "demo"
DATASETTE_DIR = ROOT / "datasette"
# Sites and pages labeled before any code ran on them: measured, never tuned on.
HELDOUT_WEB = ROOT / "tests" / "heldout" / "web"
HELDOUT_PAGES = ROOT / "tests" / "heldout" / "realpages"
# Third-party pages and records, checked out beside the project (absent for most users).
REALWORLD_DIR = ROOT.parent / "shared" / "realworld"
