"""JSON Lines in, one JSON object per line out: the engine of ``ktpwatch classify``.

Kept in the library so scripts and tests use it without the CLI.  Every
non-blank input line yields exactly one output object, in order; a malformed
line yields an error object (``{"id", "line", "error"}``) and the rest go on.
Lines are scored in chunks with :func:`score_many` (identical listings scored once).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from matchers.result import Assessment, Reason
from matchers.score import score_many

CHUNK = 2000


_encode = json.JSONEncoder(ensure_ascii=False).encode


@dataclass(frozen=True)
class ClassifiedLine:
    """One output line: ``text`` is its JSON (no newline); ``error`` is set for a bad line."""

    line: int
    text: str
    error: str | None = None

    @property
    def record(self) -> dict[str, Any]:
        """The output object as a dict."""
        value: dict[str, Any] = json.loads(self.text)
        return value


def assessment_record(record_id: Any, assessment: Assessment) -> dict[str, Any]:
    """The output object for a scored line."""
    return {
        "id": record_id,
        "score": assessment.score,
        "verdict": assessment.verdict.value,
        "identifiers": [{"kind": i.kind, "value": i.value} for i in assessment.identifiers],
        "reasons": assessment.reasons_as_dicts(),
    }


_REASONS_CACHE_LIMIT = 4096
_reasons_json_cache: dict[int, tuple[tuple[Reason, ...], str]] = {}


def _reasons_json(reasons: tuple[Reason, ...]) -> str:
    """JSON of the reasons, reused for the very same tuple.

    Listings that fire the same rules share one reasons tuple (the scorer
    caches its judgements), and encoding a dozen reasons costs more than
    scoring.  The cache holds the tuple itself, so its ``id`` cannot be
    reused by another object while the entry lives.
    """
    hit = _reasons_json_cache.get(id(reasons))
    if hit is not None and hit[0] is reasons:
        return hit[1]
    if len(_reasons_json_cache) >= _REASONS_CACHE_LIMIT:
        _reasons_json_cache.clear()
    text = _encode([dict(vars(reason)) for reason in reasons])
    _reasons_json_cache[id(reasons)] = (reasons, text)
    return text


def assessment_json(record_id: Any, assessment: Assessment) -> str:
    """``json.dumps(assessment_record(...), ensure_ascii=False)``, built faster."""
    identifiers = _encode([{"kind": i.kind, "value": i.value} for i in assessment.identifiers])
    return (
        f'{{"id": {_encode(record_id)}, "score": {_encode(assessment.score)}, '
        f'"verdict": {_encode(assessment.verdict.value)}, "identifiers": {identifiers}, '
        f'"reasons": {_reasons_json(assessment.reasons)}}}'
    )


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
                yield ClassifiedLine(n, _encode({"id": _id_of(line), "line": n, "error": result}), result)
            else:
                yield ClassifiedLine(n, assessment_json(result[0], next(scored)))
