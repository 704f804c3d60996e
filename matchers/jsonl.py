"""JSON Lines in, one JSON object per line out: the engine of ``ktpwatch classify``.

Kept in the library so scripts and tests use it without the CLI.  Every
non-blank input line yields exactly one output object, in order; a malformed
line yields an error object (``{"id", "line", "error"}``) and the rest go on.
Lines are scored in chunks so typo correction runs as one rapidfuzz batch.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from matchers.result import Assessment
from matchers.score import score_many

CHUNK = 2000


@dataclass(frozen=True)
class ClassifiedLine:
    """One output object; ``error`` is set (and ``record`` is an error object) for a bad line."""

    line: int
    record: dict[str, Any]
    error: str | None = None


def assessment_record(record_id: Any, assessment: Assessment) -> dict[str, Any]:
    """The output object for a scored line."""
    return {
        "id": record_id,
        "score": assessment.score,
        "verdict": assessment.verdict.value,
        "identifiers": [{"kind": i.kind, "value": i.value} for i in assessment.identifiers],
        "reasons": assessment.reasons_as_dicts(),
    }


def _parse(line: str) -> tuple[Any, str, str] | str:
    """(id, title, description) of a line, or the error message."""
    try:
        obj = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        return f"invalid JSON: {exc}"
    if not isinstance(obj, dict):
        return "expected a JSON object"
    if "id" not in obj or obj["id"] is None:
        return "missing 'id'"
    record_id = obj["id"]
    if not isinstance(record_id, str | int) or isinstance(record_id, bool):
        return "'id' must be a string or an integer"
    title = obj.get("title")
    if not isinstance(title, str):
        return "missing 'title'" if title is None else "'title' must be a string"
    description = obj.get("description")
    if description is None:
        description = ""
    if not isinstance(description, str):
        return "'description' must be a string"
    return record_id, title, description


def _id_of(line: str) -> Any:
    try:
        obj = json.loads(line)
    except (json.JSONDecodeError, RecursionError):
        return None
    value = obj.get("id") if isinstance(obj, dict) else None
    return value if isinstance(value, str | int) and not isinstance(value, bool) else None


def classify_lines(lines: Iterable[str], **opts: Any) -> Iterator[ClassifiedLine]:
    """Classify JSON Lines; blank lines are skipped, every other line gives one result."""
    numbered = ((n, line) for n, line in enumerate(lines, start=1) if line.strip())
    while chunk := list(islice(numbered, CHUNK)):
        parsed = [(n, line, _parse(line)) for n, line in chunk]
        good = [p for _, _, p in parsed if not isinstance(p, str)]
        scored = iter(score_many(((t, d) for _, t, d in good), **opts))
        for n, line, result in parsed:
            if isinstance(result, str):
                error = {"id": _id_of(line), "line": n, "error": result}
                yield ClassifiedLine(n, error, result)
            else:
                yield ClassifiedLine(n, assessment_record(result[0], next(scored)))
