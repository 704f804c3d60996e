"""Title slugs as the shops write them into product URLs.

Tokopedia, Lazada, Blibli and OLX all put a slug of the title in a product's
URL: accents folded to ASCII, lowercase, every run of other characters one
hyphen, no hyphen at either end ("Blangko e-KTP (Asli!)" ->
"blangko-e-ktp-asli"). The sandbox keeps its own copy on purpose: it must not
share URL code with the spiders, so a spider that reads URLs wrongly fails
against it instead of agreeing with itself.
"""

from __future__ import annotations

import re
import unicodedata

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def title_slug(title: str, *, max_length: int = 0, fallback: str = "produk") -> str:
    """The URL slug of ``title`` (cut at ``max_length`` characters when given)."""
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG.sub("-", folded.lower()).strip("-")
    if max_length:
        slug = slug[:max_length].strip("-")
    return slug or fallback
