"""The frozen result of scoring one listing.

An assessment is part of the evidence: it records the rules that fired (with
the text they matched), the scorer, the thresholds in force and the matcher
version, so a verdict can be explained and reproduced later.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

#: Bump whenever a rule, weight, term list or threshold default changes.
MATCHER_VERSION = "ktpwatch-matchers/2.16"


class Verdict(StrEnum):
    BLANK = "blank"
    RELATED = "related"
    BENIGN = "benign"


@dataclass(frozen=True)
class Reason:
    """One rule that fired: which field, what text it matched, how much it weighed."""

    rule: str
    field: str
    matched: str
    weight: float
    detail: str = ""


@dataclass(frozen=True)
class IdentifierMatch:
    """An identifier found in listing text (``value`` normalised, ``raw`` as written)."""

    kind: str
    value: str
    source: str
    raw: str
    image_sha256: str | None = None
    #: chip UIDs: characters read from a lookalike letter (O→0 …); the ledger trace counts them
    #: as OCR substitutions, so such a reading is fuzzy, never exact (0 for other kinds)
    corrected: int = 0


@dataclass(frozen=True)
class Assessment:
    verdict: Verdict
    score: float
    reasons: tuple[Reason, ...]
    identifiers: tuple[IdentifierMatch, ...]
    matcher_version: str
    scorer: str
    thresholds: tuple[tuple[str, float], ...]

    def reasons_as_dicts(self) -> list[dict[str, Any]]:
        """JSON-ready reasons, as stored next to the assessment in the database.

        Equal to ``dataclasses.asdict`` of each reason (its fields are flat
        strings and numbers) at a fraction of the cost.
        """
        return [dict(vars(reason)) for reason in self.reasons]


def new_assessment(
    verdict: Verdict,
    score: float,
    reasons: tuple[Reason, ...],
    identifiers: tuple[IdentifierMatch, ...],
    matcher_version: str,
    scorer: str,
    thresholds: tuple[tuple[str, float], ...],
) -> Assessment:
    """``Assessment(...)`` built without the frozen dataclass's seven
    ``object.__setattr__`` calls (three quarters of its cost, a few per cent
    of scoring a listing); equal to it in every field (a test checks)."""
    assessment = object.__new__(Assessment)
    assessment.__dict__.update(
        verdict=verdict, score=score, reasons=reasons, identifiers=identifiers,
        matcher_version=matcher_version, scorer=scorer, thresholds=thresholds,
    )
    return assessment
