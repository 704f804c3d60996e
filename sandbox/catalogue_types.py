"""The sandbox catalogue's record type, shared by the catalogue generator and the shop modules.

A shop module (``sandbox/shops/<marketplace>.py``) renders these records
in its real shop's response shape; the catalogue generator
(``sandbox/catalogue.py``) decides what exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class SandboxListing:
    marketplace: str
    #: the shop's own id format (Tokopedia numeric, Lazada "i123-s456" parts, OLX numeric …)
    external_id: str
    title: str
    description: str
    price: int
    seller_id: str
    seller_name: str
    seller_city: str
    created_at: datetime
    sold: int = 0
    rating: float = 0.0
    category: str = ""
    #: image ids served by the sandbox under /<marketplace>/img/<image_id>.jpg
    image_ids: tuple[str, ...] = ()
    #: ground truth: blank | related | benign
    label: str = "benign"
    #: why it is in the catalogue: ordinary | hard_negative | planted
    kind: str = "ordinary"
    #: True when the telling words are only in the description (detail page)
    detail_only: bool = False
    #: ground-truth identifiers planted in the text: (kind, normalised value)
    identifiers: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    #: ground truth: the planted actor (one seller behind several shops) this listing is of, if any
    actor: str = ""
    #: listed only once the platform has taken this external id (same marketplace) down: a relist
    listed_after: str = ""
    #: extra shop-specific ids (e.g. Lazada sku id, Shopee shop id), as key/value pairs
    extra: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    def extra_value(self, key: str, default: str = "") -> str:
        return dict(self.extra).get(key, default)
