"""Which search results deserve a detail-page fetch.

A search result carries a title and rarely a description; sellers hide the
telling words in the description. Anything the matcher scores above the low
candidate bar gets its detail page read, so a vague title ("kartu chip
original dinas") with "blangko e-KTP" in its description is still caught.
"""

from __future__ import annotations

from dataclasses import dataclass

from crawler.items import ListingItem
from matchers import score_listing


@dataclass(frozen=True)
class CandidateFilter:
    threshold: float = 25.0

    def __call__(self, item: ListingItem) -> bool:
        return score_listing(item.title, item.description, price=item.price).score >= self.threshold


#: Import-path default for ``scrapy crawl`` runs outside ``ktpwatch scan``.
is_candidate = CandidateFilter()
