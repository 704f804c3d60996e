"""End to end: queued photos are fetched, read and hashed; the listing is re-scored and linked by photo."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from alerts.images import process_pending_images, queue_listing_images
from config import load_config
from config.settings import Settings
from crawler.cli import app
from sandbox.images import (
    TellingPhoto,
    recompress_cropped,
    render_listing_image,
    render_telling_photo,
)
from storage.alerts import AlertFilters, get_alert_detail, list_alerts
from storage.batch_ingest import record_sightings_batch
from storage.listings import ListingData, SellerData
from storage.models import Alert, Evidence, EvidenceBundle, Identifier, Image, ListingImage
from tests.images.photo_server import serve_photos
from tests.images.test_hostile import _png_header_only
from tests.marketplace_hosts import every_marketplace_under

PHOTO = TellingPhoto.from_key("e2e", chip_uid="04A1B2C3D4E5F6")


def _settings(base: str, tmp_path: Path) -> Settings:
    settings = every_marketplace_under(load_config().settings, base)
    return settings.model_copy(update={"evidence": settings.evidence.model_copy(update={"dir": tmp_path / "ev"})})


def _listing(sessions: sessionmaker[Session], marketplace: str, external_id: str, seller: str, urls: list[str]) -> int:
    with sessions.begin() as session:
        [recorded] = record_sightings_batch(session, [ListingData(
            marketplace=marketplace, external_id=external_id, url=f"https://example.test/{external_id}",
            title="Kartu koleksi murah", description="Barang bagus, tanya stok dulu",
            seller=SellerData(marketplace, seller, name=f"toko {seller}"),
        )], scan_id=None)
        queue_listing_images(session, recorded.listing_id, urls)
        return recorded.listing_id


def test_neutral_title_telling_photo_becomes_an_alert_and_a_repost_is_linked(
    session_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    original = render_telling_photo(PHOTO)
    photos = {
        "/a.jpg": original,
        "/b.jpg": recompress_cropped(original, crop=0.04, quality=70),
        "/plain.jpg": render_listing_image("plain", "Kartu koleksi murah"),
        "/bomb.png": _png_header_only(30_000, 30_000),
        "/html.jpg": b"<html>blocked</html>",
    }
    with serve_photos(photos) as base:
        settings = _settings(base, tmp_path)
        first = _listing(session_factory, "tokopedia", "1", "s1", [f"{base}/a.jpg", f"{base}/plain.jpg"])
        hostile = _listing(session_factory, "olx", "9", "s9",
                           [f"{base}/bomb.png", f"{base}/html.jpg", "http://10.1.2.3/x.jpg"])
        report = process_pending_images(session_factory, settings)
        assert (report.ok, report.failed, report.refused, report.alerts_opened) == (2, 2, 1, 1)
        assert report.evidence_queued == 1
        second = _listing(session_factory, "shopee", "2", "s2", [f"{base}/b.jpg"])
        again = process_pending_images(session_factory, settings, listing_ids=[second])
        assert again.alerts_opened == 1 and again.photo_links == 1
        # nothing left pending: a second run is a no-op
        assert process_pending_images(session_factory, settings).photos == 0

    with session_factory() as session:
        alert = session.scalars(select(Alert).where(Alert.listing_id == first)).one()
        detail = get_alert_detail(session, alert.id)
        assert detail is not None and detail.assessment is not None
        assert any(r["field"] == "image" and "image text" in r["detail"] for r in detail.assessment.reasons)
        chip = session.scalars(select(Identifier).where(Identifier.listing_id == first,
                                                        Identifier.kind == "chip_uid")).one()
        photo = session.scalars(select(Image).where(Image.first_url == f"{base}/a.jpg")).one()
        assert (chip.value, chip.source, chip.image_sha256) == ("04A1B2C3D4E5F6", "image", photo.sha256)
        assert Path(photo.path).read_bytes() == original
        rows = {r.url: (r.status, r.error) for r in session.scalars(
            select(ListingImage).where(ListingImage.listing_id == hostile))}
        assert rows[f"{base}/bomb.png"][0] == "failed" and "bomb" in rows[f"{base}/bomb.png"][1]
        assert rows[f"{base}/html.jpg"] == ("failed", "not an image (no known image format)")
        assert rows["http://10.1.2.3/x.jpg"][0] == "refused"
        assert session.scalar(select(Alert.id).where(Alert.listing_id == hostile)) is None
        later = session.scalars(select(Alert).where(Alert.listing_id != first)).one()
        later_detail = get_alert_detail(session, later.id)
        assert later_detail is not None
        link = next(lk for lk in later_detail.links if lk.reason == "same_photo")
        assert link.alert_id == alert.id and link.detail.startswith(f"same photo as alert {alert.id} (distance ")
        assert [r.id for r in list_alerts(session, AlertFilters(linked_to=alert.id))] == [later.id]
        # an alert opened by photo text is a first hit like any other: its evidence is queued
        bundles = session.scalars(select(EvidenceBundle).order_by(EvidenceBundle.id)).all()
        assert [(b.alert_id, b.purpose, b.status) for b in bundles] == [
            (alert.id, "first_hit", "pending"), (later.id, "first_hit", "pending")]
        kinds = {f.kind: f for f in session.scalars(select(Evidence).where(
            Evidence.bundle_id == bundles[0].id))}
        assert set(kinds) == {"listing_json"}
        assert b"alert opened by the text in the listing's photos" in Path(kinds["listing_json"].path).read_bytes()


def test_photo_alerts_queue_no_evidence_when_the_scan_captures_none(
    session_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    with serve_photos({"/a.jpg": render_telling_photo(PHOTO)}) as base:
        settings = _settings(base, tmp_path)
        _listing(session_factory, "tokopedia", "1", "s1", [f"{base}/a.jpg"])
        report = process_pending_images(session_factory, settings, queue_evidence=False)
    assert (report.alerts_opened, report.evidence_queued) == (1, 0)
    with session_factory() as session:
        assert session.scalar(select(EvidenceBundle.id)) is None


def test_cli_processes_pending_photos(tmp_path: Path) -> None:
    runner = CliRunner()
    with serve_photos({"/p.jpg": render_listing_image("p", "Sepatu lari")}) as base:
        config = tmp_path / "ktpwatch.toml"
        host = base.split("//")[1].split(":")[0]
        config.write_text(f'[marketplaces.tokopedia]\napi_base_url = "{base}"\nweb_base_url = "{base}"\n'
                          f'image_hosts = ["{host}"]\n')
        result = runner.invoke(app, ["--config", str(config), "images", "process", "--format", "json"])
        assert result.exit_code == 0, result.output
        assert '"photos": 0' in result.output
