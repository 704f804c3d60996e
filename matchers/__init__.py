"""Matchers: a pure library that scores listing text and extracts identifiers.

Imports nothing of ours. Text in; a frozen verdict with reasons and identifiers out.
"""

from matchers.identifiers import chip_uid, extract_identifiers
from matchers.normalise import normalise
from matchers.result import MATCHER_VERSION, Assessment, IdentifierMatch, Reason, Verdict
from matchers.score import score_listing, score_many

__all__ = [
    "MATCHER_VERSION",
    "Assessment",
    "IdentifierMatch",
    "Reason",
    "Verdict",
    "chip_uid",
    "extract_identifiers",
    "normalise",
    "score_listing",
    "score_many",
]
