"""Where a seller adds one line to a listing, for the lever tests: before or after its title or its description.

The lever tests (levers16, relrec15) put a line in each place and count the verdicts it moves; they must put it the
same way as each other and as the integrator's lever runs, so the counts they pin compare."""

from __future__ import annotations

#: before the title, after the title, before the description, after the description
PLACES = ("tp", "ta", "dp", "da")


def placed(row: dict, line: str, where: str) -> tuple[str, str]:
    """A row's (title, description) with ``line`` put in the place ``where`` names (one of :data:`PLACES`)."""
    title, description = row["title"], row["description"]
    if where == "tp":
        return f"{line} {title}", description
    if where == "ta":
        return f"{title} {line}", description
    if where == "dp":
        return title, f"{line}\n{description}"
    return title, f"{description}\n{line}"
