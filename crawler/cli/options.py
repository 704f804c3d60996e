"""Options several commands share, declared once so their flag and help never drift apart.

``--as`` names who signs the audit trail (resolved by ``Runtime.analyst``:
``--as``, else ``KTPWATCH_ANALYST``, else the OS user); ``--reveal`` prints
NIKs unmasked and is itself written to the audit trail of what it showed.
"""

from __future__ import annotations

from typing import Annotated

import typer

AsOption = Annotated[str | None, typer.Option(
    "--as", help="Analyst name for the audit trail (default: $KTPWATCH_ANALYST, else the OS user).")]
RevealOption = Annotated[bool, typer.Option(
    "--reveal", help="Show NIKs unmasked (written to the audit trail with your name).")]
