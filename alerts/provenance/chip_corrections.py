"""How many characters of each chip UID were read from a lookalike letter, kept with the identifier.

The matcher reads "04A3O1…" after a chip cue as ``04A301…`` (O→0) and stores the
digits; :func:`matchers.chip_readings` says how many characters it corrected.
That count goes with the identifier (``identifiers.corrected``) so the ledger
trace counts those characters as OCR substitutions: such a reading is matched
as fuzzy, with its confidence, never as exact (see
:func:`alerts.provenance.matching.match_chip`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from matchers import chip_readings
from storage.listings import AssessmentData, IdentifierData

#: where an identifier was read: (source, photo SHA-256 or None) → that text
Texts = Mapping[tuple[str, str | None], str]


def corrections_in(text: str, *, context: str = "") -> dict[str, int]:
    """Chip UID → the fewest characters read from a lookalike letter wherever ``text`` names it
    (``context``: the listing's other field, which may cue chip numbers, as the matcher reads it)."""
    found: dict[str, int] = {}
    for reading in chip_readings(text, context=context):
        found[reading.uid] = min(reading.corrected, found.get(reading.uid, reading.corrected))
    return found


def listing_texts(title: str, description: str | None, photos: Mapping[str, str] | None = None) -> Texts:
    """The texts a listing's identifiers are read from, keyed as its identifiers name their place."""
    texts: dict[tuple[str, str | None], str] = {("title", None): title, ("description", None): description or ""}
    texts.update({("image", sha): text for sha, text in (photos or {}).items()})
    return texts


def with_chip_corrections(data: AssessmentData, texts: Texts) -> AssessmentData:
    """``data`` with each chip identifier's ``corrected`` read from the text it was found in
    (``texts``: :func:`listing_texts`)."""
    if not any(found.kind == "chip_uid" for found in data.identifiers):
        return data
    cache: dict[tuple[str, str | None], dict[str, int]] = {}
    identifiers: list[IdentifierData] = []
    for found in data.identifiers:
        key = (found.source, found.image_sha256)
        if found.kind != "chip_uid" or key not in texts:
            identifiers.append(found)
            continue
        if key not in cache:
            other = ("description", None) if key[0] == "title" else ("title", None)
            cache[key] = corrections_in(texts[key], context=texts.get(other, ""))
        identifiers.append(replace(found, corrected=cache[key].get(found.value, 0)))
    return replace(data, identifiers=tuple(identifiers))
