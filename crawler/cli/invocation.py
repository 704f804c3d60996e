"""How the user can run this ktpwatch again from their shell, for the hints commands print.

A hint such as ``ktpwatch alerts list`` is only useful if the user can paste
it: after ``make install`` the command lives in ``.venv/bin/`` and is not on
the ``PATH`` unless the virtualenv is activated.
"""

from __future__ import annotations

import shlex
import shutil
import sys
from collections.abc import Callable
from pathlib import Path


def runnable_command(
    argv0: str | None = None,
    *,
    which: Callable[[str], str | None] = shutil.which,
    cwd: Path | None = None,
) -> str:
    """The shortest words that start this ktpwatch from the user's shell.

    ``ktpwatch`` when the ``PATH`` finds the very script that is running;
    else that script's path (relative to the working directory when it lies
    below it, e.g. ``.venv/bin/ktpwatch``); else, when ktpwatch was started as
    ``python -m crawler.cli``, the same interpreter with ``-m crawler.cli``.
    """
    script = Path(argv0 if argv0 is not None else sys.argv[0])
    if script.name != "ktpwatch" or not script.is_file():
        return f"{shlex.quote(sys.executable)} -m crawler.cli"
    found = which("ktpwatch")
    if found is not None and Path(found).resolve() == script.resolve():
        return "ktpwatch"
    here = (cwd or Path.cwd()).absolute()
    path = script if script.is_absolute() else here / script
    if not path.is_relative_to(here):
        return shlex.quote(str(path))
    relative = path.relative_to(here)
    return shlex.quote(str(relative) if len(relative.parts) > 1 else f"./{relative}")
