"""Reposts (cropped, re-compressed) are linked to their source; 200+ different photos make no link."""

from __future__ import annotations

import hashlib
import io
import itertools
import random
from pathlib import Path

from PIL import Image

from alerts.images.linking import FineHashCache, photo_matches
from alerts.images.phash import photo_hashes
from config.settings import ImagesConfig
from sandbox.images import (
    TellingPhoto,
    recompress_cropped,
    render_listing_image,
    render_telling_photo,
)
from storage.images import AlertPhoto

WORDS = ["kaos", "polos", "sepatu", "lari", "tas", "ransel", "dompet", "kulit", "casing", "hp", "charger", "kabel", "lampu", "meja", "botol"]


def _photo(tmp_path: Path, alert_id: int, data: bytes) -> AlertPhoto:
    path = tmp_path / f"{alert_id}.jpg"
    path.write_bytes(data)
    with Image.open(io.BytesIO(data)) as image:
        hashes = photo_hashes(image.convert("RGB"))
    sha = hashlib.sha256(data).hexdigest()
    return AlertPhoto(alert_id, alert_id, sha, hashes.phash, hashes.dhash, str(path))


def test_reposts_link_and_different_products_do_not(tmp_path: Path) -> None:
    max_distance = ImagesConfig().phash_max_distance
    rng = random.Random(12)
    telling = [render_telling_photo(TellingPhoto.from_key(f"distinct-{i}")) for i in range(110)]
    products = [render_listing_image(f"{i:024x}", " ".join(rng.choice(WORDS) for _ in range(5)))
                for i in range(110)]
    distinct = [_photo(tmp_path, n, data) for n, data in enumerate(telling + products)]
    cache = FineHashCache()

    false_links = sum(
        bool(photo_matches([a], [b], max_distance=max_distance, cache=cache))
        for a, b in itertools.combinations(distinct, 2)
    )
    print(f"false links among {len(distinct)} distinct photos: {false_links}")
    assert false_links == 0

    reposts = []
    for n in range(30):
        crop, quality = rng.uniform(0.02, 0.06), rng.choice((55, 70, 85))
        reposts.append((n, _photo(tmp_path, 1000 + n, recompress_cropped(telling[n], crop=crop, quality=quality))))
    found = {n: photo_matches([repost], distinct, max_distance=max_distance, cache=cache) for n, repost in reposts}
    linked = sum(set(matches) == {n} for n, matches in found.items())
    print(f"reposts linked to exactly their source: {linked} of {len(reposts)}")
    assert linked == len(reposts)


def test_identical_files_link_at_once_even_without_stored_files(tmp_path: Path) -> None:
    photo = AlertPhoto(1, 1, "a" * 64, "0" * 16, "0" * 16, "")
    twin = AlertPhoto(2, 2, "a" * 64, "f" * 16, "f" * 16, "")
    assert photo_matches([twin], [photo], max_distance=0) == {1: (0, True)}
