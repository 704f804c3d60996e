"""Perceptual hashes of a photo, and how far apart two photos are.

A reposted photo is rarely byte-identical: the second seller crops it a
little and the marketplace re-compresses it. pHash (DCT of a 32×32 greyscale)
survives both; dHash (gradients of a 9×8 greyscale) fails differently, so a
link needs *both* within the configured Hamming distance — on the sandbox's
generated photos that kept every crop/recompress repost linked while 200+
different products made no false link (``tests/images/test_linking.py``).
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
