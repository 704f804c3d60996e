"""The manifest a notice carries is a masked copy; the stored manifest (evidence) is never changed.

A listing URL can hold a NIK (Tokopedia's slug is the title), and the
manifest names it: before, every takedown ``.eml`` carried full NIKs in its
attached manifest although the notice text masked them.
"""

from __future__ import annotations

import hashlib
import json

from hypothesis import given
from hypothesis import strategies as st

from alerts.evidence.manifest import Manifest, ManifestFile, redacted_copy
from alerts.redaction import redact_niks

NIK = "3174010101900003"


def _manifest(url: str) -> bytes:
    return Manifest(
        bundle_id=1, listing_id=2, alert_id=3, purpose="alert", listing_url=url, marketplace="tokopedia",
        external_id="99", requested_at="2026-01-01T00:00:00.000Z", captured_at="2026-01-01T00:00:01.000Z",
        tools={"ktpwatch": "1"}, viewport={"width": 1280, "height": 800},
        files=(ManifestFile("page.html", "html", 10, "a" * 64, url=url, http_status=200),),
    ).to_bytes()


def test_the_copy_masks_niks_and_names_the_original() -> None:
    original = _manifest(f"https://www.tokopedia.com/toko/blangko-ktp-nik-{NIK}")
    sha = hashlib.sha256(original).hexdigest()
    copy = redacted_copy(original, sha)
    assert NIK not in copy.decode() and NIK in original.decode()
    data = json.loads(copy)
    assert data["redacted_copy_of_sha256"] == sha
    assert data["listing_url"] == redact_niks(f"https://www.tokopedia.com/toko/blangko-ktp-nik-{NIK}")
    assert data["files"][0]["sha256"] == "a" * 64  # the evidence hashes stay as they are


@given(slug=st.text(alphabet="abcdefghij-", max_size=30), item=st.integers(0, 10**12))
def test_a_manifest_with_nothing_to_mask_is_attached_as_the_very_bytes_the_notice_cites(
    slug: str, item: int
) -> None:
    original = _manifest(f"https://shopee.co.id/product/{item}/{item + 1}?{slug}")
    assert redacted_copy(original, hashlib.sha256(original).hexdigest()) is original
