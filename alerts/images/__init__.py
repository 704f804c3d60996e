"""Listing photos: fetch, store once by hash, OCR, perceptual hashes, relisting by photo.

The scan queues photo URLs with :func:`queue_listing_images` and, after the
crawl, calls :func:`process_pending_images`; ``ktpwatch images process`` runs
the same function for whatever is still pending.
"""

from alerts.images.decode import DecodedImage, ImageRefused, decode_image
from alerts.images.linking import link_by_photo
from alerts.images.ocr import OcrResult, OcrUnavailable, read_text
from alerts.images.phash import PhotoHashes, hamming, photo_distance, photo_hashes
from alerts.images.process import ImageReport, analyse_bytes, process_pending_images
from alerts.images.rescore import RescoreOutcome, rescore_listing
from storage.images import queue_listing_images

__all__ = [
    "DecodedImage",
    "ImageRefused",
    "ImageReport",
    "OcrResult",
    "OcrUnavailable",
    "PhotoHashes",
    "RescoreOutcome",
    "analyse_bytes",
    "decode_image",
    "hamming",
    "link_by_photo",
    "photo_distance",
    "photo_hashes",
    "process_pending_images",
    "queue_listing_images",
    "read_text",
    "rescore_listing",
]
