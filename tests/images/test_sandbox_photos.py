"""The sandbox serves telling photos for planted listings, and reposts that link to their source."""

from __future__ import annotations

from pathlib import Path

import httpx

from alerts.images.linking import photo_matches
from config.settings import ImagesConfig
from sandbox.server import run_sandbox
from tests.images.test_linking import _photo


def test_reposted_sandbox_photos_link_to_their_source_across_marketplaces(tmp_path: Path) -> None:
    with run_sandbox(listings=600) as sandbox:
        truth = sandbox.truth()
        reposts = [p for p in truth["photos"] if p["reused_from"]]
        assert reposts and all(p["marketplace"] != p["reused_from"]["marketplace"] for p in reposts)
        shops = truth["shops"]

        def fetch(marketplace: str, image_id: str) -> bytes:
            response = httpx.get(f"{shops[marketplace]}/img/{image_id}.jpg", timeout=10)
            assert response.status_code == 200
            return response.content

        for n, repost in enumerate(reposts[:5]):
            source = repost["reused_from"]
            original = _photo(tmp_path, 2 * n, fetch(source["marketplace"], source["image_id"]))
            copy = _photo(tmp_path, 2 * n + 1, fetch(repost["marketplace"], repost["image_id"]))
            assert original.sha256 != copy.sha256
            assert photo_matches([copy], [original], max_distance=ImagesConfig().phash_max_distance)
