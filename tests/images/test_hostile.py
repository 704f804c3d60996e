"""Hostile photos are refused with a reason and never raise out of processing."""

from __future__ import annotations

import io
import struct
import zlib

import httpx
import pytest
from PIL import Image

from alerts.evidence.hosts import HostPolicy
from alerts.images.decode import ImageRefused, decode_image
from alerts.images.fetch import FetchRefused, fetch_image, make_client
from config.settings import url_origin
from tests.images.photo_server import serve_photos

LIMITS = {"max_pixels": 40_000_000, "max_bytes": 8 * 1024 * 1024}


def _jpeg(size: tuple[int, int] = (64, 48)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="JPEG")
    return buffer.getvalue()


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims ``width``×``height`` pixels in a few hundred bytes (a decompression bomb)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1000)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<html>not a photo</html>", "not an image"),
        (b"", "empty"),
        (_jpeg((640, 480))[:400], "unreadable image header|broken image data"),
        (_png_header_only(30_000, 30_000), "decompression bomb refused|over the 40000000-pixel limit"),
        (_png_header_only(10_000, 3_000), "broken image data"),
    ],
    ids=["html", "empty", "truncated", "30000x30000", "small-bomb-truncated"],
)
def test_hostile_bytes_are_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(ImageRefused, match=reason):
        decode_image(data, **LIMITS)


def test_pixel_limit_comes_from_settings_and_is_checked_before_decoding() -> None:
    with pytest.raises(ImageRefused, match=r"decompression bomb refused.*limit of 2000 pixels"):
        decode_image(_jpeg((100, 100)), max_pixels=1000, max_bytes=10**6)
    assert decode_image(_jpeg((20, 20)), max_pixels=1000, max_bytes=10**6).width == 20


def test_byte_limit() -> None:
    with pytest.raises(ImageRefused, match="byte limit"):
        decode_image(_jpeg(), max_pixels=10**6, max_bytes=100)


def test_fetch_refuses_unconfigured_hosts_redirects_and_oversized_bodies() -> None:
    photos = {"/ok.jpg": _jpeg(), "/big.jpg": b"x" * 5000}
    with serve_photos(photos) as base:
        policy = HostPolicy(frozenset({url_origin(base)}))  # type: ignore[arg-type]
        with make_client("ktpwatch-test", policy) as client:
            assert fetch_image(client, f"{base}/ok.jpg", policy=policy, max_bytes=10**6).data == photos["/ok.jpg"]
            with pytest.raises(FetchRefused, match="not a configured marketplace host"):
                fetch_image(client, "http://10.0.0.1/x.jpg", policy=policy, max_bytes=10**6)
            with pytest.raises(FetchRefused, match="only http"):
                fetch_image(client, "file:///etc/passwd", policy=policy, max_bytes=10**6)
            with pytest.raises(FetchRefused, match=r"169\.254\.169\.254"):
                fetch_image(client, f"{base}/redirect/x.jpg", policy=policy, max_bytes=10**6)
            with pytest.raises(ImageRefused, match="byte limit"):
                fetch_image(client, f"{base}/big.jpg", policy=policy, max_bytes=1000)
            with pytest.raises(ImageRefused, match="HTTP 404"):
                fetch_image(client, f"{base}/missing.jpg", policy=policy, max_bytes=10**6)


def test_connection_errors_are_refusals_not_exceptions() -> None:
    policy = HostPolicy(frozenset({("http", "127.0.0.1", 9)}))
    with httpx.Client(timeout=2) as client, pytest.raises(ImageRefused, match="fetch failed"):
        fetch_image(client, "http://127.0.0.1:9/x.jpg", policy=policy, max_bytes=10**6)


def test_truncated_data_is_refused_even_after_a_library_lets_pillow_load_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """WeasyPrint (case files) sets Pillow's process-wide ``LOAD_TRUNCATED_IMAGES`` when
    imported; a truncated photo must still be refused, and the flag left as it was."""
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    with pytest.raises(ImageRefused, match="broken image data"):
        decode_image(_png_header_only(10_000, 3_000), **LIMITS)
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True
