"""Images per second for hashing (pHash+dHash, and the fine crop-search hashes) and for OCR."""

from __future__ import annotations

import io
import time

from PIL import Image

from alerts.images.decode import decode_image
from alerts.images.ocr import read_text
from alerts.images.phash import fine_hashes, photo_hashes
from sandbox.images import TellingPhoto, render_listing_image, render_telling_photo

HASH_PHOTOS = 200
OCR_PHOTOS = 12


def run() -> dict[str, float]:
    telling = [render_telling_photo(TellingPhoto.from_key(f"bench-{i}")) for i in range(OCR_PHOTOS)]
    products = [render_listing_image(f"{i:024x}", f"produk {i}") for i in range(HASH_PHOTOS)]
    decoded = [decode_image(d, max_pixels=40_000_000, max_bytes=8 << 20).image for d in products]

    start = time.perf_counter()
    for image in decoded:
        photo_hashes(image)
    hashing = time.perf_counter() - start

    start = time.perf_counter()
    for image in decoded:
        fine_hashes(image)
    fine = time.perf_counter() - start

    start = time.perf_counter()
    for data in telling:
        read_text(Image.open(io.BytesIO(data)))
    ocr = time.perf_counter() - start
    return {
        "hash_images_per_second": round(HASH_PHOTOS / hashing, 1),
        "fine_hash_images_per_second": round(HASH_PHOTOS / fine, 1),
        "ocr_images_per_second_one_worker": round(OCR_PHOTOS / ocr, 2),
    }
