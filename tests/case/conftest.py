"""Case-file fixtures: Chromium's path as the evidence tests find it (skipped locally, required in CI)."""

from tests.evidence.conftest import chromium  # noqa: F401  (shared fixture)
