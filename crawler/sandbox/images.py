"""Product photos for the sandbox: a deterministic JPEG per image id.

A coloured background derived from the image id, a lighter "product" panel and
the listing title written on it — enough for evidence capture, perceptual
hashing and OCR to have something real to chew on. Rendering takes a few
milliseconds, so answers are cached (bounded). Issue 12 will extend this so
planted listings' photos carry "BLANKO E-KTP" and chip numbers; keep that here.
"""

from __future__ import annotations

import hashlib
import io
import textwrap
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

IMAGE_SIZE = 300


@lru_cache(maxsize=512)
def render_listing_image(image_id: str, title: str, size: int = IMAGE_SIZE) -> bytes:
    """JPEG bytes; same id and title give the same bytes."""
    digest = hashlib.sha256(image_id.encode()).digest()
    background = (digest[0] // 2 + 64, digest[1] // 2 + 64, digest[2] // 2 + 64)
    panel = tuple(min(255, c + 90) for c in background)
    image = Image.new("RGB", (size, size), background)
    draw = ImageDraw.Draw(image)
    margin = size // 10
    draw.rounded_rectangle((margin, margin, size - margin, size - margin), radius=size // 20,
                           fill=panel, outline=(40, 40, 40), width=2)
    font = ImageFont.load_default(size=max(10, size // 16))
    lines = textwrap.wrap(title, width=22)[:6]
    y = margin * 2
    for line in lines:
        draw.text((margin * 1.5, y), line, fill=(20, 20, 20), font=font)
        y += size // 12
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()
