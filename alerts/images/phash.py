"""Perceptual hashes of a photo, and how far apart two photos are.

A reposted photo is rarely byte-identical: the second seller crops it a
little and the marketplace re-compresses it. pHash (DCT of a 32×32 greyscale)
survives both, but on look-alike photos (a white card on a table) the 64-bit
hashes of different products came as close as reposts did. So the stored
64-bit pHash only *finds candidates* (within twice the configured distance);
a candidate is confirmed by :func:`fine_distance`: 256-bit pHashes with a small
crop search, which separated reposts from different products cleanly
(``tests/images/test_linking.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

import imagehash
from PIL import Image


@dataclass(frozen=True)
class PhotoHashes:
    #: 64-bit hashes as 16 hex digits
    phash: str
    dhash: str


def photo_hashes(image: Image.Image) -> PhotoHashes:
    """pHash and dHash of a decoded image."""
    return PhotoHashes(phash=str(imagehash.phash(image)), dhash=str(imagehash.dhash(image)))


def hamming(a: str, b: str) -> int:
    """Bits that differ between two hex hashes of the same length."""
    return (int(a, 16) ^ int(b, 16)).bit_count()


def photo_distance(a: PhotoHashes, b: PhotoHashes) -> int:
    """The larger of the pHash and dHash distances: small only when both agree."""
    return max(hamming(a.phash, b.phash), hamming(a.dhash, b.dhash))


#: crops (fraction cut off the edges) tried when two photos are compared closely
CROP_STEPS = (0.0, 0.03, 0.06, 0.09)
#: bits of the fine pHash (16×16); fine distances are scaled back to 64-bit units
FINE_HASH_SIZE = 16


@dataclass(frozen=True)
class FineHashes:
    """256-bit pHashes of a photo and of centred crops of it, for the close comparison."""

    crops: tuple[imagehash.ImageHash, ...]


def fine_hashes(image: Image.Image) -> FineHashes:
    hashes = []
    for crop in CROP_STEPS:
        dx, dy = int(image.width * crop / 2), int(image.height * crop / 2)
        part = image.crop((dx, dy, image.width - dx, image.height - dy)) if crop else image
        hashes.append(imagehash.phash(part, hash_size=FINE_HASH_SIZE))
    return FineHashes(tuple(hashes))


def fine_distance(a: FineHashes, b: FineHashes) -> int:
    """Distance (64-bit units) of the best-aligned crop of one photo against the other whole.

    A repost cropped by a few percent is a zoom of the original; trying the
    original's own crops finds the alignment. On the sandbox's photos reposts
    came out at ≤ 5 and different products at ≥ 8 (256-bit distances 18 and 32).
    """
    whole_a, whole_b = a.crops[0], b.crops[0]
    best = min(min(int(h - whole_b) for h in a.crops), min(int(whole_a - h) for h in b.crops))
    return round(best * 64 / (FINE_HASH_SIZE * FINE_HASH_SIZE))
