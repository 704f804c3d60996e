"""`ktpwatch scan`: not built yet (see the issue that owns it)."""

from __future__ import annotations

import typer


def register(root: typer.Typer) -> None:
    """Adds nothing until this command group is built."""
