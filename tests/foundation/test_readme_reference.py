"""The README's command and configuration references are regenerated from the code; stale fails."""

from __future__ import annotations

import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_readme_references_are_current() -> None:
    spec = importlib.util.spec_from_file_location("readme_reference", REPO / "scripts/readme_reference.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    current = (REPO / "README.md").read_text(encoding="utf-8")
    assert module.render(current) == current, (
        "README.md command/configuration reference is stale: run `python scripts/readme_reference.py`"
    )
