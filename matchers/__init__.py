"""Matchers: a pure library that scores listing text and extracts identifiers.

Imports nothing of ours. Text in; a frozen verdict with reasons and identifiers out.

The public names load on first use (PEP 562): importing one submodule, as
:mod:`alerts.redaction` does for NIK validation in every command's output,
must not build the scoring lexicon and load rapidfuzz.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# ``normalise`` is bound at once: it shares its name with its submodule, and importing
# ``matchers.normalise`` anywhere would otherwise leave the module where the function
# belongs ("'module' object is not callable").  It imports only the standard library.
from matchers.normalise import normalise

if TYPE_CHECKING:
    from matchers.identifiers import (
        ChipReading,
        chip_readings,
        chip_uid,
        dedupe_identifiers,
        extract_identifiers,
    )
    from matchers.result import MATCHER_VERSION, Assessment, IdentifierMatch, Reason, Verdict
    from matchers.score import score_listing, score_many

#: public name -> the submodule that defines it
_HOMES = {
    "MATCHER_VERSION": "matchers.result",
    "Assessment": "matchers.result",
    "IdentifierMatch": "matchers.result",
    "Reason": "matchers.result",
    "Verdict": "matchers.result",
    "ChipReading": "matchers.identifiers",
    "chip_readings": "matchers.identifiers",
    "chip_uid": "matchers.identifiers",
    "dedupe_identifiers": "matchers.identifiers",
    "extract_identifiers": "matchers.identifiers",
    "score_listing": "matchers.score",
    "score_many": "matchers.score",
}

__all__ = [
    "MATCHER_VERSION",
    "Assessment",
    "ChipReading",
    "IdentifierMatch",
    "Reason",
    "Verdict",
    "chip_readings",
    "chip_uid",
    "dedupe_identifiers",
    "extract_identifiers",
    "normalise",
    "score_listing",
    "score_many",
]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'matchers' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOMES[name]), name)
    globals()[name] = value
    return value
