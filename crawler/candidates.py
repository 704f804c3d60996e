"""Which search results deserve a detail-page fetch.

A search result carries a title and rarely a description; sellers hide the
telling words in the description. Anything the matcher scores above the low
candidate bar gets its detail page read, so a vague title ("kartu chip
original dinas") with "blangko e-KTP" in its description is still caught.

The bar looks at the positive evidence as well as the net score: a title
such as "Kartu KTP el Chip NFC Ready Stok" nets almost nothing (NFC cards are
a hard negative) but says "KTP el" and "chip", which is exactly how a seller
disguises a blank. A detail page costs one polite request; a missed blank
costs a crime left online.
"""

from __future__ import annotations

from dataclasses import dataclass

from matchers import Assessment, score_listing
from spiders.items import ListingItem


@dataclass(frozen=True)
class CandidateFilter:
    threshold: float = 25.0

    def __call__(self, item: ListingItem) -> bool:
        return clears_candidate_bar(
            score_listing(item.title, item.description, price=item.price), self.threshold
        )


def clears_candidate_bar(result: Assessment, threshold: float) -> bool:
    """Net score, or the positive evidence alone, reaches the candidate bar."""
    if result.score >= threshold:
        return True
    return sum(r.weight for r in result.reasons if r.weight > 0) >= threshold
